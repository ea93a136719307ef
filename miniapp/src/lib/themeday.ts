// Pure helpers for the 主题党日 pages: Asia/Shanghai times, windows, roles, QR text, rates. No Taro imports.
import type { Grant, User } from '@shared/schemas/people';
import type { ThemeDay } from '@shared/schemas/themeday';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // China has no daylight saving time
const MINUTE = 60 * 1000;
const DAY = 24 * 3600 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** Check-in codes are issued from 60 min before the start until the end. */
export const CHECK_IN_OPENS_BEFORE_MS = 60 * MINUTE;
/** Online reflections are accepted from the start until 7 days after the end. */
export const ONLINE_CLOSES_AFTER_MS = 7 * DAY;

const pad = (n: number) => String(n).padStart(2, '0');

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** Calendar fields of an instant as seen in Asia/Shanghai. */
export function shanghaiParts(at: string | number | Date): Parts {
  const ms = typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime();
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
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
export function shanghaiDate(at: string | number | Date): string {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `HH:mm` in Asia/Shanghai. */
export function shanghaiTime(at: string | number | Date): string {
  const p = shanghaiParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** `HH:mm:ss` in Asia/Shanghai. */
export function shanghaiClock(at: string | number | Date): string {
  const p = shanghaiParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `2025年3月5日（周三）` */
export function formatDay(at: string | number | Date): string {
  const p = shanghaiParts(at);
  return `${p.year}年${p.month}月${p.day}日（周${WEEKDAYS[p.weekday]}）`;
}

/** `2025年3月5日 09:30` */
export function formatDateTime(at: string | number | Date): string {
  const p = shanghaiParts(at);
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2025年3月5日（周三）09:00–11:30`, or both full ends when the days differ. */
export function formatRange(startsAt: string, endsAt: string): string {
  if (shanghaiDate(startsAt) === shanghaiDate(endsAt)) {
    return `${formatDay(startsAt)}${shanghaiTime(startsAt)}–${shanghaiTime(endsAt)}`;
  }
  return `${formatDay(startsAt)}${shanghaiTime(startsAt)} 至 ${formatDay(endsAt)}${shanghaiTime(endsAt)}`;
}

/** A picker's date and time, read as Asia/Shanghai, as an ISO-8601 string with offset. */
export function shanghaiIso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** Date and time picker values for an instant. */
export function pickerValues(at: number): { date: string; time: string } {
  return { date: shanghaiDate(at), time: shanghaiTime(at) };
}

/** Default times for a new theme day: a week ahead (a preview on time), 09:00–11:00 Asia/Shanghai. */
export function defaultThemeDayTimes(now: number): { startDate: string; startTime: string; endDate: string; endTime: string } {
  const date = shanghaiDate(now + 7 * DAY);
  return { startDate: date, startTime: '09:00', endDate: date, endTime: '11:00' };
}

export function isCheckInOpen(day: Pick<ThemeDay, 'status' | 'startsAt' | 'endsAt'>, now: number): boolean {
  return (
    day.status === 'published' &&
    now >= Date.parse(day.startsAt) - CHECK_IN_OPENS_BEFORE_MS &&
    now <= Date.parse(day.endsAt)
  );
}

export function isOnlineOpen(
  day: Pick<ThemeDay, 'status' | 'startsAt' | 'endsAt' | 'onlineParticipation'>,
  now: number,
): boolean {
  return (
    day.onlineParticipation &&
    (day.status === 'published' || day.status === 'closed') &&
    now >= Date.parse(day.startsAt) &&
    now <= Date.parse(day.endsAt) + ONLINE_CLOSES_AFTER_MS
  );
}

/** Drafts and published days that have not ended yet. */
export function isUpcoming(day: Pick<ThemeDay, 'status' | 'endsAt'>, now: number): boolean {
  return (day.status === 'draft' || day.status === 'published') && Date.parse(day.endsAt) >= now;
}

/** Upcoming first (soonest first), then the rest (latest first). */
export function splitThemeDays<T extends Pick<ThemeDay, 'status' | 'startsAt' | 'endsAt'>>(
  days: T[],
  now: number,
): { upcoming: T[]; past: T[] } {
  const upcoming = days.filter((d) => isUpcoming(d, now)).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const past = days.filter((d) => !isUpcoming(d, now)).sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return { upcoming, past };
}

// ---------------------------------------------------------------------------------------------------------------
// Roles

const BRANCH_ROLES = new Set<Grant['role']>(['member', 'secretary']);

/** The branches where the user is a member or the secretary, in grant order, without repeats. */
export function branchIdsOf(user: Pick<User, 'grants'> | null): string[] {
  if (!user) return [];
  const ids: string[] = [];
  for (const g of user.grants) if (BRANCH_ROLES.has(g.role) && !ids.includes(g.orgId)) ids.push(g.orgId);
  return ids;
}

export function isSecretaryOf(user: Pick<User, 'grants'> | null, branchId: string): boolean {
  return !!user && user.grants.some((g) => g.role === 'secretary' && g.orgId === branchId);
}

export function isBranchPerson(user: Pick<User, 'grants'> | null, branchId: string): boolean {
  return branchIdsOf(user).includes(branchId);
}

// ---------------------------------------------------------------------------------------------------------------
// Check-in QR text: `checkin:<themeDayId>:<code>`

export function parseCheckInQr(text: string): { themeDayId: string; code: string } | null {
  const m = /^checkin:([A-Za-z0-9_-]{1,64}):([A-Za-z0-9]{4,16})$/.exec(text.trim());
  return m ? { themeDayId: m[1], code: m[2] } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

/** 出勤率 as shown: `22.2%` for 0.2222. */
export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

// ---------------------------------------------------------------------------------------------------------------
// 政治生日

export interface PoliticalBirthdayInfo {
  /** The anniversary is today (Asia/Shanghai). */
  isToday: boolean;
  /** Full years in the party as of today. */
  years: number;
  /** The next anniversary (today when isToday), `YYYY-MM-DD`. */
  next: string;
  /** Days until the next anniversary; 0 today. */
  daysUntil: number;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The anniversary date in a year; 29 Feb falls on 28 Feb in common years. */
function anniversaryIn(year: number, month: number, day: number): string {
  const d = month === 2 && day === 29 && !isLeap(year) ? 28 : day;
  return `${year}-${pad(month)}-${pad(d)}`;
}

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);

/** `joinedPartyOn` and today are `YYYY-MM-DD` dates in Asia/Shanghai. */
export function politicalBirthday(joinedPartyOn: string, today: string): PoliticalBirthdayInfo {
  const [jy, jm, jd] = joinedPartyOn.split('-').map(Number);
  const ty = Number(today.slice(0, 4));
  const thisYear = anniversaryIn(ty, jm, jd);
  const passedOrToday = thisYear <= today;
  const years = Math.max(0, ty - jy - (passedOrToday ? 0 : 1));
  const next = thisYear >= today ? thisYear : anniversaryIn(ty + 1, jm, jd);
  return { isToday: thisYear === today, years, next, daysUntil: dayNumber(next) - dayNumber(today) };
}
