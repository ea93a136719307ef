// What the scheduled jobs share: their report, the date they run as, and sending a few messages at a time.
import type { NotifyOutcome } from '../notifications/notify';

export type Outcome = NotifyOutcome | 'already_done';

export interface JobReport {
  date: string;
  due: number;
  outcomes: Record<Outcome, number>;
}

export const noOutcomes = (): Record<Outcome, number> => ({ sent: 0, no_grant: 0, skipped: 0, failed: 0, already_done: 0 });

/** The schedule passes no date (today, Asia/Shanghai); a manual run may pass one, which must be a real day. */
export function jobDate(event: { date?: string } | undefined): string | undefined {
  const date = event?.date;
  if (date === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new Error(`date must be YYYY-MM-DD, got ${date}`);
  }
  return date;
}

/**
 * Runs `fn` over `items` ten at a time: fast enough for a province in one invocation, gentle enough on WeChat's
 * send quota and on the table that the day's traffic never notices.
 */
export async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, size = 10): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}
