// A preview published less than THEMEDAY_RULES.lateNoticeDays before the start is marked 预告发布较晚. The API
// decides (themedays.service); the app reads the same rule only to warn before publishing.
import { THEMEDAY_RULES } from '@shared/schemas/themeday';
import { DAY_MS } from '@shared/time';

export const isLateNotice = (startsAt: string, now: number): boolean =>
  Date.parse(startsAt) - now < THEMEDAY_RULES.lateNoticeDays * DAY_MS;
