// The check-in screen's live part: a code that rotates before it expires, and who has checked in (polled), only
// while the screen is on (and kept on, in weapp).
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { THEMEDAY_RULES, type AttendanceRecord } from '@shared/schemas/themeday';
import { api, errorMessage, isApiError } from '../../../api/client';
import { IS_WEAPP } from '../../../env';
import { listAllAttendance } from '../attendance-list';

/** A new code every 90 s; codes live at most THEMEDAY_RULES.checkInCodeSeconds (120 s), so the one on screen is valid. */
const ROTATE_MS = 90_000;
/** Ask for a new code at least this long before the one shown expires. */
const EXPIRY_MARGIN_MS = 15_000;
const POLL_MS = 5_000;
/** Outside the check-in window (from checkInOpensMinutes before the start until the end) try again now and then. */
const CLOSED_RETRY_MS = 30_000;
const ERROR_RETRY_MS = 5_000;

interface Code {
  code: string;
  expiresAt: string;
  qrText: string;
}

/** `on`: the page is allowed and shown. `restart()` starts both loops again at once (the 重试 button). */
export function useLiveCheckIn(id: string, on: boolean) {
  const [code, setCode] = useState<Code | null>(null);
  const [codeError, setCodeError] = useState('');
  const [present, setPresent] = useState<AttendanceRecord[]>([]);
  const [pollError, setPollError] = useState(false);
  const [now, setNow] = useState(Date.now());
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!on) return;
    let stopped = false;
    let codeTimer: ReturnType<typeof setTimeout> | undefined;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;

    const fetchCode = async () => {
      try {
        const c = await api('createCheckInCode', { params: { id } });
        if (stopped) return;
        setCode(c);
        setCodeError('');
        const untilExpiry = Date.parse(c.expiresAt) - Date.now() - EXPIRY_MARGIN_MS;
        codeTimer = setTimeout(() => void fetchCode(), Math.max(ERROR_RETRY_MS, Math.min(ROTATE_MS, untilExpiry)));
      } catch (err) {
        if (stopped) return;
        if (isApiError(err) && err.status === 401) return;
        const closed = isApiError(err) && err.code === 'INVALID_STATE';
        setCodeError(
          closed ? `${err.message || '当前不在签到时间内'}（签到码在开始前 ${THEMEDAY_RULES.checkInOpensMinutes} 分钟至结束期间可用）` : errorMessage(err),
        );
        codeTimer = setTimeout(() => void fetchCode(), closed ? CLOSED_RETRY_MS : ERROR_RETRY_MS);
      }
    };

    const poll = async () => {
      try {
        const records = await listAllAttendance(id);
        if (stopped) return;
        setPresent(
          records
            .filter((r) => r.status === 'present')
            .sort((a, b) => (b.checkedInAt ?? '').localeCompare(a.checkedInAt ?? '')),
        );
        setPollError(false);
      } catch {
        if (!stopped) setPollError(true);
      }
      if (!stopped) pollTimer = setTimeout(() => void poll(), POLL_MS);
    };

    void fetchCode();
    void poll();
    const clock = setInterval(() => setNow(Date.now()), 1000);
    if (IS_WEAPP) void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    return () => {
      stopped = true;
      clearTimeout(codeTimer);
      clearTimeout(pollTimer);
      clearInterval(clock);
      if (IS_WEAPP) void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    };
  }, [on, id, round]);


  const valid = code && Date.parse(code.expiresAt) > now ? code : null;
  return { code: valid, codeError, present, pollError, now, restart: () => setRound((n) => n + 1) };
}
