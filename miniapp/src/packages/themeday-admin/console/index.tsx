import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { AttendanceRecord, ThemeDay } from '@shared/schemas/themeday';
import { shanghaiClock, shanghaiTime } from '@shared/time';
import { api, errorMessage, isApiError } from '../../../api/client';
import { IS_WEAPP } from '../../../env';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { go } from '../../../lib/nav';
import { formatRange } from '../../../lib/themeday';
import { listAllAttendance } from '../attendance-list';
import '../../../components/themeday/themeday.scss';
import QrCode from '../../../components/themeday/QrCode';

/** A new code every 90 s; codes live at most 120 s, so the one on screen is always valid. */
const ROTATE_MS = 90_000;
/** Ask for a new code at least this long before the one shown expires. */
const EXPIRY_MARGIN_MS = 15_000;
const POLL_MS = 5_000;
/** Outside the check-in window (from 60 min before the start until the end) try again now and then. */
const CLOSED_RETRY_MS = 30_000;
const ERROR_RETRY_MS = 5_000;

interface Code {
  code: string;
  expiresAt: string;
  qrText: string;
}

export default function CheckInConsolePage() {
  const allowed = usePageGate('themedayConsole', { requireLogin: true });
  const id = useRouter().params.id ?? '';

  const [day, setDay] = useState<ThemeDay | null>(null);
  const [dayStatus, setDayStatus] = useState<'loading' | 'error' | 'ready'>('loading');
  const [dayError, setDayError] = useState('');
  const [active, setActive] = useState(false);
  const [code, setCode] = useState<Code | null>(null);
  const [codeError, setCodeError] = useState('');
  const [present, setPresent] = useState<AttendanceRecord[]>([]);
  const [pollError, setPollError] = useState(false);
  const [now, setNow] = useState(Date.now());
  const [restart, setRestart] = useState(0);

  useDidShow(() => setActive(true));
  useDidHide(() => setActive(false));

  // The day itself (title, time, state).
  useEffect(() => {
    if (!allowed || !active || dayStatus === 'ready') return;
    let stopped = false;
    api('getThemeDay', { params: { id } })
      .then((d) => {
        if (stopped) return;
        setDay(d);
        setDayStatus('ready');
      })
      .catch((err) => {
        if (stopped || (isApiError(err) && err.status === 401)) return;
        setDayError(errorMessage(err));
        setDayStatus('error');
      });
    return () => {
      stopped = true;
    };
  }, [allowed, active, id, dayStatus, restart]);

  // Rotating code and the live count, only while the page is on screen.
  useEffect(() => {
    if (!allowed || !active) return;
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
          closed ? `${err.message || '当前不在签到时间内'}（签到码在开始前 60 分钟至结束期间可用）` : errorMessage(err),
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
  }, [allowed, active, id, restart]);

  if (!allowed) return <View />;

  if (dayStatus !== 'ready' || !day) {
    return (
      <View className='page'>
        <LoadState
          id='console'
          status={dayStatus === 'ready' ? 'loading' : dayStatus}
          message={dayError}
          onRetry={() => {
            setDayStatus('loading');
            setRestart((n) => n + 1);
          }}
        />
      </View>
    );
  }

  const valid = code && Date.parse(code.expiresAt) > now ? code : null;
  const secondsLeft = valid ? Math.max(0, Math.ceil((Date.parse(valid.expiresAt) - now) / 1000)) : 0;

  return (
    <View className='page' id='console'>
      <View className='card'>
        <Text className='card-title'>{day.title}</Text>
        <Text className='muted'>{`${formatRange(day.startsAt, day.endsAt)} · ${day.location}`}</Text>
      </View>

      <View className='card'>
        <Text className='card-title'>签到码</Text>
        {valid ? (
          <View className='td-code'>
            <QrCode text={valid.qrText} id='console-qr' />
            <Text className='td-code__value' id='console-code'>
              {valid.code}
            </Text>
            <Text className='muted' id='console-expires'>{`${secondsLeft} 秒后失效（${shanghaiClock(valid.expiresAt)}），到时自动更换`}</Text>
            <Text className='muted'>请党员用「扫码签到」扫描二维码，或在预告页输入上方签到码</Text>
          </View>
        ) : (
          <View className='td-code' id='console-no-code'>
            <Text className='muted'>{codeError || '正在获取签到码…'}</Text>
            {codeError && (
              <View className='btn-row'>
                <Button id='console-retry' type='primary' onClick={() => setRestart((n) => n + 1)}>
                  重试
                </Button>
              </View>
            )}
          </View>
        )}
      </View>

      <View className='card' id='console-live'>
        <View className='td-spread'>
          <Text className='card-title'>已签到</Text>
          <Text className='muted'>{pollError ? '网络不稳定，正在重试…' : '每 5 秒自动刷新'}</Text>
        </View>
        <Text className='td-count-big' id='console-count'>
          {present.length}
        </Text>
        <Text className='muted'> 人</Text>
        <View id='console-present'>
          {present.map((r) => (
            <View className='td-spread td-list-item' key={r.userId}>
              <Text>{r.displayName ?? '党员'}</Text>
              <Text className='muted'>{r.checkedInAt ? shanghaiTime(r.checkedInAt) : ''}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='btn-row'>
        <Button id='console-attendance' onClick={() => void go('attendance', { id })}>
          出勤管理
        </Button>
        <Button id='console-close' type='primary' fill='outline' onClick={() => void go('closeDay', { id })}>
          结束并总结
        </Button>
      </View>
    </View>
  );
}
