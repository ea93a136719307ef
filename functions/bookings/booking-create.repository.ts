// The booking transaction. A file of its own because it checks the caller's account inside the write
// (users/caller-check.ts): only the function that books carries it, and only its role needs ConditionCheckItem.
import { TABLE } from '../core/dynamo';
import { getItem } from '../core/reads';
import type { Item } from '../core/item';
import { failedAt, transactWrite, type TransactItems } from '../core/transact';
import { callerCheck } from '../users/caller-check';
import { refusalOf } from './booking.rules';
import { markerCondition, type BookerStamp } from './booking-replay';
import { bookerItem, bookingItem, bookingKeys, capTokenOf, toSlotRecord, type BookingRecord, type CapTokenRecord, type SlotRecord } from './booking.entity';

/** The booking transaction refused: the slot and the claimed token as its conditions found them, if they failed. */
export interface BookRefusal {
  slot?: SlotRecord | 'missing';
  /** The resident already holds a seat in the slot (their marker exists). */
  alreadyBooked: boolean;
  /** That marker as the transaction found it: a copy of this request finds its own stamp on it (booking-replay.ts). */
  marker?: Item;
  token?: CapTokenRecord;
  /** The caller's account is gone (erased, or moved to another profile by a binding) since the token was issued. */
  callerGone: boolean;
  /**
   * The refusal came from the reread after a conflict, not from the transaction's own conditions: those would also
   * have returned the resident's marker (`marker`), the reread does not.
   */
  rechecked: boolean;
}

/**
 * The booking transaction: a seat of an open slot that starts after `window.cutoff` and no later than
 * `window.latest`, the resident's marker on the slot,
 * the booking record and a free cap token, all or nothing; with `stamp`, the marker is also the request's idempotency
 * record (booking-replay.ts). Refused, it says what its failed conditions found (each item returns itself as it
 * was), so the service can say why without reading again.
 */
export async function book(
  booking: BookingRecord,
  now: string,
  window: { cutoff: string; latest: string },
  stamp?: BookerStamp,
): Promise<true | BookRefusal> {
  const items: TransactItems = [
    {
      Update: {
        TableName: TABLE,
        Key: bookingKeys.slot(booking.slotId),
        UpdateExpression: 'SET booked = booked + :one',
        ConditionExpression: 'booked < seats AND #status = :open AND startsAt > :cutoff AND startsAt <= :latest',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':open': 'open', ':cutoff': window.cutoff, ':latest': window.latest },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    { Put: { TableName: TABLE, Item: bookerItem(booking, stamp), ...markerCondition(stamp), ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
    { Put: { TableName: TABLE, Item: bookingItem(booking), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        TableName: TABLE,
        Key: bookingKeys.capToken(booking.userId, booking.capToken),
        UpdateExpression: 'SET bookingId = :bid, slotId = :sid, startsAt = :start, entity = :entity',
        ConditionExpression: 'attribute_not_exists(bookingId) OR startsAt <= :now',
        ExpressionAttributeValues: {
          ':bid': booking.id,
          ':sid': booking.slotId,
          ':start': booking.slotStartsAt,
          ':entity': 'booking_cap_token',
          ':now': now,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    // The route reads no principal before this (callerInTransaction): the account is checked here.
    callerCheck(booking.userId),
  ];
  // Contended, the slot is a popular one filling up: once the rules refuse it on a fresh read (full, cancelled, no
  // longer in the window), that is the answer, without more transactions against it.
  let rechecked = false;
  const outcome = await transactWrite(items, async () => {
    const slot = await getItem(bookingKeys.slot(booking.slotId));
    rechecked = refusalOf({ slot: slot ? toSlotRecord(slot) : 'missing', alreadyBooked: false }, Date.parse(now)) !== undefined;
    return rechecked ? { committed: false, failed: [0], items: [slot] } : undefined;
  });
  if (outcome.committed) return true;
  const slotItem = outcome.items[0];
  return {
    slot: failedAt(outcome, 0) ? (slotItem ? toSlotRecord(slotItem) : 'missing') : undefined,
    alreadyBooked: failedAt(outcome, 1),
    marker: failedAt(outcome, 1) ? outcome.items[1] : undefined,
    token: failedAt(outcome, 3) ? capTokenOf(booking.capToken, outcome.items[3]) : undefined,
    callerGone: failedAt(outcome, 4),
    rechecked,
  };
}

