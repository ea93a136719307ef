// A resident books a seat: the only route that knows the caller by the token alone (callerInTransaction), its
// account checked by the booking transaction itself (booking-create.repository.ts).
import { DomainError, UnauthenticatedError } from '../core/errors';
import type { IdempotencyClaim } from '../core/idempotency-key';
import { newId } from '../core/ids';
import { encryptPhone, maskPhone } from '../core/phone';
import { secrets } from '../core/secrets';
import { retrying, TRY_AGAIN } from '../core/transact';
import type { Booking, CreateBookingBody } from '@shared/schemas/bookings';
import { isoAt } from '@shared/time';
import { toBooking, type BookingRecord } from './booking.entity';
import { bookingRange, capRefusal, isFreeToken, refusalOf } from './booking.rules';
import { book } from './booking-create.repository';
import { bookerStamp, replayFrom, storedBooking } from './booking-replay';
import { readCapTokens } from './bookings.repository';
import { slotBasis } from './slot-basis';

/**
 * Books a seat, straight to the booking transaction: its conditions decide, and a refusal says why from what they
 * found. The resident's cap tokens are read only when the one claimed turned out taken. With an Idempotency-Key
 * (`claim`) the answer is stored on the resident's marker in the same transaction (booking-replay.ts): a retry, even
 * one racing the first request, gets the first answer; a refused booking stores nothing.
 */
export async function createBooking(callerId: string, slotId: string, body: CreateBookingBody, claim?: IdempotencyClaim): Promise<Booking> {
  const id = newId();
  let phone: Pick<BookingRecord, 'phoneEnc' | 'phoneMasked'> | undefined;
  let capToken = 0;
  return retrying(async () => {
    const now = Date.now();
    const basis = await slotBasis(slotId, now).catch(async (err: unknown) => {
      // The slot takes no booking now (closed, started): a retry of a booking it took still gets its answer.
      const stored = claim && err instanceof DomainError ? await storedBooking(claim, body, slotId, callerId) : undefined;
      if (!stored) throw err;
      return { stored };
    });
    if ('stored' in basis) return basis.stored;
    const { slot, stationName } = basis;
    phone ??= body.contactPhone ? { phoneEnc: encryptPhone((await secrets()).phoneKey, body.contactPhone), phoneMasked: maskPhone(body.contactPhone) } : {};
    const booking: BookingRecord = {
      id,
      slotId,
      sessionId: slot.sessionId,
      stationId: slot.stationId,
      stationName,
      host: slot.host,
      slotStartsAt: slot.startsAt,
      slotEndsAt: slot.endsAt,
      userId: callerId,
      topic: body.topic,
      ...phone,
      status: 'booked',
      capToken,
      createdAt: isoAt(now),
    };
    const answer = toBooking(booking);
    const outcome = await book(booking, isoAt(now), bookingRange(now), claim && bookerStamp(claim, answer));
    if (outcome === true) return answer;
    if (outcome.callerGone) throw new UnauthenticatedError('登录已过期，请重新登录');
    // A copy of this request booked first (its stamp is on the marker this one met), or took the last seat while
    // this one waited out a conflict (the reread saw no marker): its answer, then.
    const replay = claim && (outcome.rechecked ? await storedBooking(claim, body, slotId, callerId) : replayFrom(claim, body, outcome.marker));
    if (replay) return replay;
    const refused = refusalOf(outcome, now);
    if (refused) throw refused;
    if (outcome.token) {
      const free = (await readCapTokens(callerId)).find((t) => isFreeToken(t, isoAt(now)));
      if (!free) throw capRefusal();
      capToken = free.index;
    }
    return TRY_AGAIN;
  });
}

