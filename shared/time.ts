// Time as the product speaks it: dates, months and wall-clock times are Asia/Shanghai (UTC+8, no daylight saving);
// instants are stored and sent in UTC. The one module for this in functions, the mini-program and tests.
export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Asia/Shanghai's offset from UTC. */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const OFFSET_MS = SHANGHAI_OFFSET_MS;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const pad = (n: number) => String(n).padStart(2, '0');

export type Instant = string | number | Date;
const ms = (at: Instant) => (typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime());

export interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** Calendar fields of an instant as seen in Asia/Shanghai. */
export function shanghaiParts(at: Instant = Date.now()): ShanghaiParts {
  const d = new Date(ms(at) + OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** `YYYY-MM-DD` in Asia/Shanghai. */
export function shanghaiDate(at: Instant = Date.now()): string {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM` in Asia/Shanghai. */
export const shanghaiMonth = (at: Instant = Date.now()): string => shanghaiDate(at).slice(0, 7);

/** `HH:mm` in Asia/Shanghai. */
export function shanghaiTime(at: Instant): string {
  const p = shanghaiParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** `HH:mm:ss` in Asia/Shanghai. */
export function shanghaiClock(at: Instant): string {
  const p = shanghaiParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** A Shanghai date and `HH:mm` (or `HH:mm:ss`) as ISO-8601 with its offset. */
export const shanghaiInstant = (date: string, time = '00:00'): string => `${date}T${time.length === 5 ? `${time}:00` : time}+08:00`;

/** The first millisecond of a Shanghai day. */
export const startOfShanghaiDay = (date: string): number => Date.parse(shanghaiInstant(date));

/** The last second of a Shanghai day, as ISO with offset (an end-of-day expiry). */
export const endOfShanghaiDay = (date: string): string => shanghaiInstant(date, '23:59:59');

/**
 * Whether `date` is a real `YYYY-MM-DD` day (not `2026-02-30`). Arithmetic, no Date: every response that carries a
 * date is checked against its schema, so this runs on hot read paths.
 */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return m >= 1 && m <= 12 && d >= 1 && d <= days;
}

/** `YYYY-MM-DD` `days` after (or before) a `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` shifted by whole months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** A Shanghai month as an inclusive ISO range (`from` the first second, `to` the last). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: shanghaiInstant(`${month}-01`), to: endOfShanghaiDay(`${month}-${pad(lastDay)}`) };
}

/** A Shanghai year as an inclusive ISO range. */
export const yearRange = (year: string | number): { from: string; to: string } => ({
  from: shanghaiInstant(`${year}-01-01`),
  to: endOfShanghaiDay(`${year}-12-31`),
});

/** Normalises an ISO-8601 instant with any offset to UTC `...Z`. */
export const toUtc = (iso: string): string => new Date(iso).toISOString();

/** An instant (epoch ms) as the ISO string stored and sent. */
export const isoAt = (ms: number): string => new Date(ms).toISOString();

// Display (zh-CN)

/** `周三` */
export const weekdayLabel = (at: Instant): string => `周${WEEKDAYS[shanghaiParts(at).weekday]}`;

/** `2026年3月5日` */
export function formatDate(at: Instant): string {
  const p = shanghaiParts(at);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** A calendar day `YYYY-MM-DD` (a picker's value) as `2026年3月5日`: the one date format of the app. */
export const formatDateKey = (date: string): string => formatDate(shanghaiInstant(date));

/** `2026年3月5日（周四）` */
export const formatDay = (at: Instant): string => `${formatDate(at)}（${weekdayLabel(at)}）`;

/** `2026年3月5日 09:30` */
export const formatDateTime = (at: Instant): string => `${formatDate(at)} ${shanghaiTime(at)}`;

/** `3月5日 09:30` */
export function formatShort(at: Instant): string {
  const p = shanghaiParts(at);
  return `${p.month}月${p.day}日 ${shanghaiTime(at)}`;
}

/** `3月5日` this year, `2025年3月5日` otherwise. */
export function formatShortDate(at: Instant, now: Instant = Date.now()): string {
  const p = shanghaiParts(at);
  return p.year === shanghaiParts(now).year ? `${p.month}月${p.day}日` : formatDate(at);
}

/** `2026年3月` for `2026-03`. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}
