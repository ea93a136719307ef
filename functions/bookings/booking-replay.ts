// A booking's Idempotency-Key lives on the resident's marker in the slot (booking.entity.ts's booker item), not in a
// record of its own. The marker is already the item a copy of the request collides with (one booking per slot per
// resident), so stamping it with the key and the answer makes the booking transaction its own idempotency record:
// five items with a key as without one, where a separate record was a sixth (a keyed booking cost ~20 % more to
// write, and DynamoDB Local's throughput fell by as much).
//
// - The stamp and the booking commit together, so a copy racing the first request finds the stamp or is the first.
// - A cancel releases the marker but keeps its stamp: a late copy still gets the first answer, not a new booking.
// - The stored answer leaves out the masked phone (erasure strips phones from bookings, and would miss this copy):
//   a copy's body is the first body (its hash is checked), so the phone comes back from it.
import type { Booking, CreateBookingBody } from '@shared/schemas/bookings';
import { IdempotencyMismatchError } from '../core/errors';
import type { IdempotencyClaim } from '../core/idempotency-key';
import type { Item } from '../core/item';
import { maskPhone } from '../core/phone';
import { getItem } from '../core/reads';
import { bookingKeys } from './booking.entity';

/** What a keyed booking writes on its marker: Powertools' record key and body hash (idempotency-key.ts), the answer. */
export interface BookerStamp {
  idempotencyKey: string;
  validation: string;
  answer: string;
}

/**
 * The marker's condition: absent, or released by a cancel. With a stamp, not released by a booking of this same key:
 * a late copy of a cancelled booking then meets its own stamp and gets that booking's answer, not a new booking.
 */
export function markerCondition(stamp?: BookerStamp): { ConditionExpression: string; ExpressionAttributeValues?: Record<string, string> } {
  if (!stamp) return { ConditionExpression: 'attribute_not_exists(pk) OR attribute_exists(releasedAt)' };
  return {
    ConditionExpression: 'attribute_not_exists(pk) OR (attribute_exists(releasedAt) AND (attribute_not_exists(idempotencyKey) OR idempotencyKey <> :key))',
    ExpressionAttributeValues: { ':key': stamp.idempotencyKey },
  };
}

export function bookerStamp(claim: IdempotencyClaim, answer: Booking): BookerStamp {
  const { contactPhoneMasked: _phone, ...kept } = answer;
  return { idempotencyKey: claim.key.sk, validation: claim.payloadHash, answer: JSON.stringify(kept) };
}

/**
 * The first answer, if `marker` was stamped by this request's key; 409 IDEMPOTENCY_MISMATCH for the key with another
 * body. Undefined for a marker of another request (the resident's other booking of the slot): not a replay.
 */
export function replayFrom(claim: IdempotencyClaim, body: CreateBookingBody, marker: Item | undefined): Booking | undefined {
  if (!marker || marker.idempotencyKey !== claim.key.sk || typeof marker.answer !== 'string') return undefined;
  if (marker.validation !== claim.payloadHash) throw new IdempotencyMismatchError();
  const answer = JSON.parse(marker.answer) as Booking;
  return body.contactPhone ? { ...answer, contactPhoneMasked: maskPhone(body.contactPhone) } : answer;
}

/** The first answer to this request's key, read from the resident's marker in the slot (one GetItem), or undefined. */
export async function storedBooking(claim: IdempotencyClaim, body: CreateBookingBody, slotId: string, userId: string): Promise<Booking | undefined> {
  return replayFrom(claim, body, await getItem(bookingKeys.booker(slotId, userId)));
}
