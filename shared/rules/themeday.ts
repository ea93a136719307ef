// 主题党日 rules, apart from the schemas so that code needing only the numbers does not build every zod schema.
import { DAY_MS } from '../time';

/**
 * The theme-day rules, shared so the mini-program explains and enables actions with the same numbers the API
 * enforces (beside BOOKING_RULES). Durations are in the unit their name says.
 */
export const THEMEDAY_RULES = {
  /** A preview published less than this before the start is marked late (预告不及时). */
  lateNoticeDays: 3,
  /** Check-in codes are issued from this long before the start until the end. */
  checkInOpensMinutes: 60,
  /** A check-in code lives this long at most (the secretary's QR code is refreshed). */
  checkInCodeSeconds: 120,
  /**
   * Online reflections (补课) are accepted from the start until this long after the end, closed or not: closing
   * freezes the on-site figures, the online figure is fixed when this window ends.
   */
  onlineWindowDays: 7,
  /** A summary counts for the assessment (百例-style) when written within this long after the day ends... */
  summaryWithinDays: 3,
  /** ...and at least this long: what was done, how, and what came of it. */
  summaryMinChars: 50,
  /** One theme day lasts at most this long. */
  maxHours: 24,
  /** Distinct members reporting an idea hide it until the secretary restores it. */
  reportsToHideIdea: 3,
} as const;

/** When online participation on a day ends (and its online figure is fixed). */
export const onlineWindowEnd = (endsAt: string): string =>
  new Date(Date.parse(endsAt) + THEMEDAY_RULES.onlineWindowDays * DAY_MS).toISOString();

/** Whether a closed day's summary counts for the assessment: long enough, and written in time. */
export const summaryOnTime = (day: { endsAt: string }, summary: string, closedAt: string): boolean =>
  summary.trim().length >= THEMEDAY_RULES.summaryMinChars &&
  Date.parse(closedAt) - Date.parse(day.endsAt) <= THEMEDAY_RULES.summaryWithinDays * DAY_MS;
