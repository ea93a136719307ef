// Helpers of the 局长驻点 pages: Asia/Shanghai display of UTC times, slot grouping, labels, page paths, and the
// stations the finder has loaded (so the station page can show name, address and map without another request).
import Taro from '@tarojs/taro';
import type { BookingStatus, Slot } from '@shared/schemas/bookings';
import type { Grant, Station, User } from '@shared/schemas/people';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // no daylight saving time in China
const DAY_MS = 24 * 3600 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

const shanghai = (iso: string | number) => new Date((typeof iso === 'number' ? iso : Date.parse(iso)) + SHANGHAI_OFFSET_MS);

/** `YYYY-MM-DD` in Asia/Shanghai. */
export const shanghaiDate = (at: string | number = Date.now()) => shanghai(at).toISOString().slice(0, 10);
/** `HH:mm` in Asia/Shanghai. */
export const shanghaiTime = (iso: string) => shanghai(iso).toISOString().slice(11, 16);
/** `5月12日 周二` for a `YYYY-MM-DD`. */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const today = shanghaiDate();
  const tomorrow = shanghaiDate(Date.now() + DAY_MS);
  const prefix = date === today ? '今天 · ' : date === tomorrow ? '明天 · ' : '';
  return `${prefix}${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]}`;
}
/** `5月12日 周二 09:00–09:30`. */
export const slotLabel = (startsAt: string, endsAt: string) => `${dayLabel(shanghaiDate(startsAt))} ${shanghaiTime(startsAt)}–${shanghaiTime(endsAt)}`;

/** An instant from a Shanghai date and `HH:mm`, as ISO-8601 with its offset. */
export const shanghaiInstant = (date: string, time: string) => `${date}T${time}:00+08:00`;

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

/** Why a slot cannot be booked now, for its greyed-out tile; undefined when it can. */
export function slotBlockedReason(slot: Slot): string | undefined {
  if (slot.bookable) return undefined;
  if (slot.seatsLeft <= 0) return '已约满';
  if (Date.parse(slot.startsAt) <= Date.now()) return '已开始';
  return '不可预约';
}

/** Stations the user runs office hours at (official grants name the station itself). */
export const officialStationIds = (user: User | null): string[] =>
  [...new Set((user?.grants ?? []).filter((g: Grant) => g.role === 'official').map((g) => g.orgId))];

/** Townships the user administers (they manage every station below). */
export const adminTownshipIds = (user: User | null): string[] =>
  [...new Set((user?.grants ?? []).filter((g: Grant) => g.role === 'township_admin').map((g) => g.orgId))];

// ---------------------------------------------------------------------------------------------------------------

const stations = new Map<string, Station>();
export const rememberStations = (list: Station[]) => list.forEach((s) => stations.set(s.id, s));
export const knownStation = (id: string): Station | undefined => stations.get(id);

export const BK_PAGES = {
  tab: '/pages/booking/index',
  station: '/packages/booking/station/index',
  console: '/packages/booking-admin/console/index',
} as const;

export function goBk(page: (typeof BK_PAGES)['station' | 'console'], query: Record<string, string>): Promise<unknown> {
  const q = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return Taro.navigateTo({ url: `${page}?${q}` });
}

/** Back to the previous page, or to the 预约 tab when this page was opened directly. */
export function backToTab(): Promise<unknown> {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack();
  return Taro.switchTab({ url: BK_PAGES.tab });
}
