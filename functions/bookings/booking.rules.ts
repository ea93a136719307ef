// Whether a resident may book a seat of a slot, decided in one place from what was just read. The repository's
// transaction enforces the same rules as conditions (so concurrent requests cannot break them); when one of its
// conditions fails, the service asks here again, with what the failed conditions found.
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

/** The latest slot start that no longer takes bookings: the transaction's `startsAt > cutoff` condition. */
export const bookingCutoff = (now: number): string => new Date(now + BOOKING_RULES.minLeadMinutes * MINUTE_MS).toISOString();

const WINDOW_REFUSALS: Record<Exclude<BookingWindow, 'ok'>, () => Error> = {
  started: () => new InvalidStateError('该时段已开始或已结束，不能预约'),
  too_soon: () => new InvalidStateError(`开始前 ${BOOKING_RULES.minLeadMinutes} 分钟内不能预约，请选择其他时段`),
  too_far: () => new InvalidStateError(`最多提前 ${BOOKING_RULES.maxAheadDays} 天预约`),
};

/** A cap token is free when empty or when the slot of the booking it names has started. */
export const isFreeToken = (t: CapTokenRecord, nowIso: string): boolean => !t.bookingId || t.startsAt! <= nowIso;

export interface BookingFacts {
  slot: SlotRecord | undefined;
  now: number;
  /** The resident's cap tokens. */
  tokens: CapTokenRecord[];
  /** The resident's marker on the slot was found (a refused transaction's booker Put). */
  markerFound?: boolean;
}

/**
 * Why the booking is refused, in the order a resident should hear it (the slot itself, then their own booking of
 * it, then seats, then their cap), or the cap token it claims.
 */
export function decideBooking(f: BookingFacts): { refused: Error } | { token: CapTokenRecord } {
  const { slot, now, tokens } = f;
  if (!slot) return { refused: new NotFoundError('预约时段不存在') };
  if (slot.status !== 'open') return { refused: new InvalidStateError('该时段的接待已取消') };
  const window = bookingWindow(slot.startsAt, now);
  if (window !== 'ok') return { refused: WINDOW_REFUSALS[window]() };
  const nowIso = new Date(now).toISOString();
  // A live token naming this slot is the resident's seat in it (the token and the slot's marker commit together).
  if (f.markerFound || tokens.some((t) => t.slotId === slot.id && !isFreeToken(t, nowIso))) return { refused: new AlreadyBookedError() };
  if (slot.booked >= slot.seats) return { refused: new SlotFullError() };
  const token = tokens.find((t) => isFreeToken(t, nowIso));
  if (!token) return { refused: new ConflictError(`每人最多同时预约 ${BOOKING_RULES.maxUpcoming} 个时段，请先取消或等已约时段结束后再约`) };
  return { token };
}
