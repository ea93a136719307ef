// Dates and months are Asia/Shanghai (UTC+8, no daylight saving); instants are stored and returned in UTC.
const OFFSET_MS = 8 * 3600 * 1000;

/** `YYYY-MM-DD` in Asia/Shanghai for an instant. */
export function shanghaiDate(at: Date | string | number = Date.now()): string {
  return new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Normalises an ISO-8601 instant with any offset to UTC `...Z`. */
export const toUtc = (iso: string): string => new Date(iso).toISOString();

export const HOUR_MS = 3600 * 1000;
export const DAY_MS = 24 * HOUR_MS;
