// Actions several 主题党日 pages share: checking in with a code (typed or scanned), adding a day to the phone calendar.
import Taro from '@tarojs/taro';
import type { ThemeDay } from '@shared/schemas/themeday';
import { api, errorMessage, isApiError } from '../api/client';
import { IS_WEAPP } from '../env';
import { parseCheckInQr } from './themeday';

export interface CheckInOutcome {
  ok: boolean;
  /** zh-CN text for a toast or an inline message. */
  message: string;
  checkedInAt?: string;
}

export async function checkInWithCode(themeDayId: string, code: string): Promise<CheckInOutcome> {
  try {
    const res = await api('checkIn', { params: { id: themeDayId }, body: { code: code.trim().toUpperCase() } });
    return { ok: true, message: res.repeated ? '您已签到过了' : '签到成功', checkedInAt: res.checkedInAt };
  } catch (err) {
    if (isApiError(err) && err.status === 400 && err.code !== 'VALIDATION_FAILED') {
      return { ok: false, message: err.message || '签到码无效或已过期，请重新扫码' };
    }
    return { ok: false, message: errorMessage(err) };
  }
}

/**
 * weapp only: opens the camera and reads a check-in QR code. Resolves with the day and code, or null when the user
 * cancelled; rejects with a zh-CN message when the code is not a check-in code.
 */
export async function scanCheckInCode(): Promise<{ themeDayId: string; code: string } | null> {
  if (!IS_WEAPP) return null;
  let text: string;
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    text = res.result;
  } catch {
    return null; // cancelled
  }
  const parsed = parseCheckInQr(text);
  if (!parsed) throw new Error('这不是主题党日的签到码');
  return parsed;
}

/** weapp only: adds the day to the phone's calendar with a reminder 30 minutes before. */
export async function addToPhoneCalendar(day: Pick<ThemeDay, 'title' | 'startsAt' | 'endsAt' | 'location'>): Promise<void> {
  if (!IS_WEAPP) return;
  try {
    await Taro.addPhoneCalendar({
      title: `主题党日：${day.title}`,
      startTime: Math.floor(Date.parse(day.startsAt) / 1000),
      endTime: String(Math.floor(Date.parse(day.endsAt) / 1000)),
      location: day.location,
      description: '先锋驿站 · 主题党日',
      alarm: true,
      alarmOffset: 30 * 60,
    });
    void Taro.showToast({ title: '已添加到日历', icon: 'success' });
  } catch (err) {
    const msg = (err as { errMsg?: string } | null)?.errMsg ?? '';
    if (!/cancel/i.test(msg)) void Taro.showToast({ title: '未能添加到日历，请检查日历权限', icon: 'none' });
  }
}
