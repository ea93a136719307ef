// A preview published less than 3 days before the start is marked 预告发布较晚. The API decides (themedays.service);
// the app repeats the rule only to warn before publishing.
import { DAY_MS } from '@shared/time';

const LATE_NOTICE_MS = 3 * DAY_MS;

export const isLateNotice = (startsAt: string, now: number): boolean => Date.parse(startsAt) - now < LATE_NOTICE_MS;
