// Kept for importers elsewhere: the one time module is shared/time.
export { DAY_MS, HOUR_MS, MINUTE_MS, shanghaiDate, toUtc } from '@shared/time';
