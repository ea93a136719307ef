// Pure helpers for the 主题党日 pages: date ranges, windows, QR text, political birthdays. No Taro imports.
import { THEMEDAY_RULES, type ThemeDay } from '@shared/schemas/themeday';
import { onlineWindowEnd } from '@shared/rules/themeday';
import { DAY_MS, MINUTE_MS, formatDateTime, formatDay, shanghaiDate, shanghaiTime } from '@shared/time';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2025年3月5日（周三）09:00–11:30`, or both full ends when the days differ. */
export function formatRange(startsAt: string, endsAt: string): string {
  if (shanghaiDate(startsAt) === shanghaiDate(endsAt)) {
    return `${formatDay(startsAt)}${shanghaiTime(startsAt)}–${shanghaiTime(endsAt)}`;
  }
  return `${formatDay(startsAt)}${shanghaiTime(startsAt)} 至 ${formatDay(endsAt)}${shanghaiTime(endsAt)}`;
}

/** Default times for a new theme day: a week ahead (a preview on time), 09:00–11:00 Asia/Shanghai. */
export function defaultThemeDayTimes(now: number): { startDate: string; startTime: string; endDate: string; endTime: string } {
  const date = shanghaiDate(now + 7 * DAY_MS);
  return { startDate: date, startTime: '09:00', endDate: date, endTime: '11:00' };
}

export function isCheckInOpen(day: Pick<ThemeDay, 'status' | 'startsAt' | 'endsAt'>, now: number): boolean {
  return (
    day.status === 'published' &&
    now >= Date.parse(day.startsAt) - THEMEDAY_RULES.checkInOpensMinutes * MINUTE_MS &&
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
    now <= Date.parse(onlineWindowEnd(day.endsAt))
  );
}

/**
 * Why a reflection cannot be handed in now, in the words the member reads before typing; null while it can. The same
 * conditions as isOnlineOpen (and the API's participateOnline).
 */
export function onlineClosedReason(
  day: Pick<ThemeDay, 'status' | 'startsAt' | 'endsAt' | 'onlineParticipation'>,
  now: number,
): string | null {
  if (isOnlineOpen(day, now)) return null;
  if (!day.onlineParticipation) return '本次主题党日未开放线上参与。';
  if (day.status === 'cancelled') return '本次主题党日已取消，不需要提交心得。';
  if (day.status === 'draft') return '本次主题党日尚未发布。';
  if (now < Date.parse(day.startsAt)) return `活动开始后（${formatDateTime(day.startsAt)}）才能提交心得。`;
  return `线上参与已于 ${formatDateTime(onlineWindowEnd(day.endsAt))} 截止（活动结束后 ${THEMEDAY_RULES.onlineWindowDays} 天），线上人数已确定，不能再提交心得。`;
}

/** Where a published day stands in time, for members (closed is 已结束 either way). */
export function dayPhase(day: Pick<ThemeDay, 'startsAt' | 'endsAt'>, now: number): 'upcoming' | 'ongoing' | 'ended' {
  if (now < Date.parse(day.startsAt)) return 'upcoming';
  return now <= Date.parse(day.endsAt) ? 'ongoing' : 'ended';
}

/**
 * The 考核 drill-down's order: the days that count (held, planned) by date, a calendar of the period; cancelled ones
 * after them, so a cancelled day never pushes the held one down.
 */
export function assessmentOrder<T extends Pick<ThemeDay, 'status' | 'startsAt'>>(days: T[]): T[] {
  const rank = (d: T) => (d.status === 'cancelled' ? 1 : 0);
  return [...days].sort((a, b) => rank(a) - rank(b) || Date.parse(a.startsAt) - Date.parse(b.startsAt));
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
// Check-in QR text: `checkin:<themeDayId>:<code>`

export function parseCheckInQr(text: string): { themeDayId: string; code: string } | null {
  const m = /^checkin:([A-Za-z0-9_-]{1,64}):([A-Za-z0-9]{4,16})$/.exec(text.trim());
  return m ? { themeDayId: m[1], code: m[2] } : null;
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

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

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
