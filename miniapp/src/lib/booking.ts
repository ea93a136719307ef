// Helpers of the 局长驻点 pages: day and slot labels in Asia/Shanghai, slot grouping, status words.
import type { BookingStatus, Slot } from '@shared/schemas/bookings';
import type { TagTone } from '../components/StatusTag';
import { DAY_MS, shanghaiDate, shanghaiInstant, shanghaiParts, shanghaiTime, weekdayLabel } from '@shared/time';

/** `5月12日 周二` for a `YYYY-MM-DD`, `今天 · ` or `明天 · ` before it when it is. */
export function dayLabel(date: string): string {
  const at = shanghaiInstant(date);
  const p = shanghaiParts(at);
  const prefix = date === shanghaiDate() ? '今天 · ' : date === shanghaiDate(Date.now() + DAY_MS) ? '明天 · ' : '';
  return `${prefix}${p.month}月${p.day}日 ${weekdayLabel(at)}`;
}

/** `5月12日 周二 09:00–09:30`. */
export const slotLabel = (startsAt: string, endsAt: string) => `${dayLabel(shanghaiDate(startsAt))} ${shanghaiTime(startsAt)}–${shanghaiTime(endsAt)}`;

/** Slots grouped by their Shanghai day, days and slots in time order. */
export function groupByDay(slots: Slot[]): { date: string; slots: Slot[] }[] {
  const days = new Map<string, Slot[]>();
  for (const s of [...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const date = shanghaiDate(s.startsAt);
    days.set(date, [...(days.get(date) ?? []), s]);
  }
  return [...days.entries()].map(([date, list]) => ({ date, slots: list }));
}

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  completed: '已接待',
  no_show: '未到场',
};

export const BOOKING_STATUS_TONES: Record<BookingStatus, TagTone> = {
  booked: 'primary',
  cancelled: 'default',
  completed: 'success',
  no_show: 'warning',
};

/** Why a slot cannot be booked now, for its greyed-out tile; undefined when it can. */
export function slotBlockedReason(slot: Slot): string | undefined {
  if (slot.bookable) return undefined;
  if (slot.seatsLeft <= 0) return '已约满';
  if (Date.parse(slot.startsAt) <= Date.now()) return '已开始';
  return '不可预约';
}
