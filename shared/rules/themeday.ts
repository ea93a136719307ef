// 主题党日 rules, apart from the schemas so that code needing only the numbers does not build every zod schema.
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
  /** Online reflections (补课) are accepted from the start until this long after the end. */
  onlineWindowDays: 7,
  /** One theme day lasts at most this long. */
  maxHours: 24,
  /** Distinct members reporting an idea hide it until the secretary restores it. */
  reportsToHideIdea: 3,
} as const;
