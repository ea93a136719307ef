// Why a resident may not book a seat of a slot, decided in one place. The repository's transaction enforces the rules
// as conditions (so concurrent requests cannot break them); when some fail, the service asks here why, with what the
// failed conditions found, in the order a resident should hear it: the slot itself, their own booking of it, seats,
// their cap.
import { BOOKING_RULES } from '@shared/rules/bookings';
import { MINUTE_MS, DAY_MS } from '@shared/time';
import { AlreadyBookedError, ConflictError, InvalidStateError, NotFoundError, SlotFullError } from '../core/errors';
import type { CapTokenRecord, SlotRecord } from './booking.entity';

export type BookingWindow = 'ok' | 'started' | 'too_soon' | 'too_far';

/** Booking window of a slot start, relative to `now`: 'ok', or why not. */
export function bookingWindow(startsAt: string, now: number): BookingWindow {
  const start = Date.parse(startsAt);
  if (start <= now) return 'started';
  if (start <= now + BOOKING_RULES.minLeadMinutes * MINUTE_MS) return 'too_soon';
  if (start > now + BOOKING_RULES.maxAheadDays * DAY_MS) return 'too_far';
  return 'ok';
}

/** The slot starts that take bookings at `now`: the transaction's `startsAt > cutoff AND startsAt <= latest`. */
export const bookingRange = (now: number): { cutoff: string; latest: string } => ({
  cutoff: new Date(now + BOOKING_RULES.minLeadMinutes * MINUTE_MS).toISOString(),
  latest: new Date(now + BOOKING_RULES.maxAheadDays * DAY_MS).toISOString(),
});

const WINDOW_REFUSALS: Record<Exclude<BookingWindow, 'ok'>, () => Error> = {
  started: () => new InvalidStateError('该时段已开始或已结束，不能预约'),
  too_soon: () => new InvalidStateError(`开始前 ${BOOKING_RULES.minLeadMinutes} 分钟内不能预约，请选择其他时段`),
  too_far: () => new InvalidStateError(`最多提前 ${BOOKING_RULES.maxAheadDays} 天预约`),
};

/** A cap token is free when empty or when the slot of the booking it names has started. */
export const isFreeToken = (t: CapTokenRecord, nowIso: string): boolean => !t.bookingId || t.startsAt! <= nowIso;

/** Why the slot itself takes no booking now (gone, cancelled, outside the window), or undefined. */
export function slotRefusal(slot: SlotRecord | undefined, now: number): Error | undefined {
  if (!slot) return new NotFoundError('预约时段不存在');
  if (slot.status !== 'open') return new InvalidStateError('该时段的接待已取消');
  const window = bookingWindow(slot.startsAt, now);
  return window === 'ok' ? undefined : WINDOW_REFUSALS[window]();
}

export const capRefusal = (): Error => new ConflictError(`每人最多同时预约 ${BOOKING_RULES.maxUpcoming} 个时段，请先取消或等已约时段结束后再约`);

/**
 * Why the booking transaction was refused, from what its failed conditions found, in the same order; undefined
 * when they do not say (only the claimed cap token was taken, or a race the next attempt sees through).
 */
export function refusalOf(r: { slot?: SlotRecord | 'missing'; alreadyBooked: boolean }, now: number): Error | undefined {
  if (r.slot) {
    const closed = slotRefusal(r.slot === 'missing' ? undefined : r.slot, now);
    if (closed) return closed;
  }
  if (r.alreadyBooked) return new AlreadyBookedError();
  if (r.slot && r.slot !== 'missing' && r.slot.booked >= r.slot.seats) return new SlotFullError();
  return undefined;
}
