// A user's counter for one action in one fixed window: a single item, gone by TTL after the window.
import type { QuotaAction } from '@shared/rules/quotas';
import { SHANGHAI_OFFSET_MS } from '@shared/time';
import type { Item } from '../core/item';

export const quotaKeys = {
  counter: (userId: string, action: QuotaAction, windowStart: number) => ({ pk: `QUOTA#${userId}`, sk: `${action}#${windowStart}` }),
};

/**
 * The window an instant falls in: its start (epoch ms) and the seconds left until it ends. Windows are cut on
 * Shanghai's clock, so a day's window starts at midnight there (minutes and hours fall the same either way).
 */
export function windowOf(now: number, windowSeconds: number): { start: number; secondsLeft: number } {
  const ms = windowSeconds * 1000;
  const start = Math.floor((now + SHANGHAI_OFFSET_MS) / ms) * ms - SHANGHAI_OFFSET_MS;
  return { start, secondsLeft: Math.max(1, Math.ceil((start + ms - now) / 1000)) };
}

/** What the counter's UpdateItem sets besides the count: its tag, and a TTL a window after the window ends. */
export const counterAttributes = (start: number, windowSeconds: number): Item => ({
  entity: 'quota',
  ttl: Math.floor(start / 1000) + 2 * windowSeconds,
});
