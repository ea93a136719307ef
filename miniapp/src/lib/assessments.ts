// 三项考核 figures as the pages show them: the city's attendance line, rates and bar heights.

/** The city reports an average attendance above 92%: the reference line of the chart. */
export const ATTENDANCE_TARGET = 0.92;

/** 出勤率 as shown: `92.3%`, or `—` when no day was closed. */
export function ratePercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** A bar's height in percent, clamped to 0–100. */
export function barPercent(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0;
  return Math.max(0, Math.min(100, rate * 100));
}
