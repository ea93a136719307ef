// The 主题党日 windows, read by the functions and the mini-program alike.
import { DAY_MS, MINUTE_MS } from '../time';

export const THEMEDAY_RULES = {
  /** A day published less than this before its start is a late notice. */
  lateNoticeMs: 3 * DAY_MS,
  /** Check-in codes are issued from this long before the start until the end. */
  checkInOpensBeforeMs: 60 * MINUTE_MS,
  /** Online reflections are accepted from the start until this long after the end. */
  onlineClosesAfterMs: 7 * DAY_MS,
} as const;
