// Bookings in DynamoDB. Every rule that two requests could race on is a condition inside one TransactWriteItems, so
// no interleaving of requests can break it:
// - seats: the slot's `booked < seats` (ADD 1) and the booking record commit together;
// - one booking per slot per resident: a booker item of the resident in the slot's partition, put only if absent;
// - at most 3 upcoming bookings: the resident has 3 cap tokens; a booking claims one that is empty or whose slot
//   has started, so a 4th upcoming booking finds no token to claim.
// A failed condition is reported, not judged: the service decides (booking.rules.ts) on what the transaction found.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BOOKING_RULES } from '@shared/rules/bookings';
import { TABLE, ddb } from '../core/dynamo';
import { getItem as get, queryPartition } from '../core/reads';
import { queryPage, type Page } from '../core/pagination';
import { failedAt, transactWrite, type TransactItems } from '../core/transact';
import {
  bookingKeys,
  toBookingRecord,
  capTokenOf,
  releasedBooker,
  toSlotRecord,
  type BookingRecord,
  type CapTokenRecord,
  type SlotRecord,
} from './booking.entity';

export async function getBooking(id: string): Promise<BookingRecord | undefined> {
  const item = await get(bookingKeys.booking(id));
  return item ? toBookingRecord(item) : undefined;
}

export async function getSlot(slotId: string): Promise<SlotRecord | undefined> {
  const item = await get(bookingKeys.slot(slotId));
  return item ? toSlotRecord(item) : undefined;
}

/** The resident's cap tokens (indexes 0 … maxUpcoming-1; missing ones are empty), strongly consistent. */
export async function readCapTokens(userId: string): Promise<CapTokenRecord[]> {
  const held = new Map((await queryPartition(bookingKeys.capTokens(userId))).map((item) => [Number(item.sk), item]));
  return Array.from({ length: BOOKING_RULES.maxUpcoming }, (_, index) => capTokenOf(index, held.get(index)));
}

export type CancelOutcome = 'cancelled' | 'not_cancellable' | 'token_moved';

/**
 * Cancels a booking and gives its seat, its slot marker (released, its stamp kept: booking-replay.ts) and its cap
 * token back, all or nothing. The booking must still be `booked` (and, for a resident, its slot not started:
 * `notStartedBy`). `releaseSeat` is false when the whole session is cancelled (its slots are closed anyway and keep
 * their figures).
 */
export async function cancelBookingTx(
  b: BookingRecord,
  opts: { by: 'resident' | 'official'; at: string; reason?: string; notStartedBy?: string; releaseSeat: boolean; releaseToken: boolean },
): Promise<CancelOutcome> {
  const values: Record<string, unknown> = { ':cancelled': 'cancelled', ':booked': 'booked', ':at': opts.at, ':by': opts.by };
  let set = 'SET #status = :cancelled, cancelledAt = :at, cancelledBy = :by';
  let condition = '#status = :booked';
  if (opts.reason) {
    set += ', cancelReason = :reason';
    values[':reason'] = opts.reason;
  }
  // Out of the day's reminder index: a cancelled booking gets no reminder.
  set += ' REMOVE gsi3pk, gsi3sk';
  if (opts.notStartedBy) {
    condition += ' AND slotStartsAt > :now';
    values[':now'] = opts.notStartedBy;
  }
  const released = releasedBooker(opts.at);
  const items: TransactItems = [
    {
      Update: {
        TableName: TABLE,
        Key: bookingKeys.booking(b.id),
        UpdateExpression: set,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    },
    {
      Update: {
        TableName: TABLE,
        Key: bookingKeys.booker(b.slotId, b.userId),
        UpdateExpression: 'SET releasedAt = :released, #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':released': released.releasedAt, ':ttl': released.ttl },
      },
    },
  ];
  if (opts.releaseToken) {
    items.push({
      Update: {
        TableName: TABLE,
        Key: bookingKeys.capToken(b.userId, b.capToken),
        UpdateExpression: 'REMOVE bookingId, slotId, startsAt',
        ConditionExpression: 'bookingId = :bid',
        ExpressionAttributeValues: { ':bid': b.id },
      },
    });
  }
  if (opts.releaseSeat) {
    items.push({
      Update: {
        TableName: TABLE,
        Key: bookingKeys.slot(b.slotId),
        UpdateExpression: 'SET booked = booked - :one',
        ConditionExpression: 'booked > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      },
    });
  }
  const outcome = await transactWrite(items);
  if (outcome.committed) return 'cancelled';
  if (failedAt(outcome, 0)) return 'not_cancellable';
  if (opts.releaseToken && failedAt(outcome, 2)) return 'token_moved';
  throw new Error(`booking ${b.id}: its slot has no seat to give back`);
}

/** Records completed / no_show on a booking that is booked or already has an outcome, once its slot started. */
export async function putOutcome(
  bookingId: string,
  outcome: { status: 'completed' | 'no_show'; note?: string; by: string; at: string },
): Promise<BookingRecord | undefined> {
  try {
    const out = await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: bookingKeys.booking(bookingId),
        UpdateExpression: `SET #status = :status, outcomeAt = :at, outcomeBy = :by${outcome.note ? ', outcomeNote = :note' : ' REMOVE outcomeNote'}`,
        ConditionExpression: '#status IN (:booked, :completed, :no_show) AND slotStartsAt <= :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':at': outcome.at,
          ':by': outcome.by,
          ':booked': 'booked',
          ':completed': 'completed',
          ':no_show': 'no_show',
          ...(outcome.note ? { ':note': outcome.note } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? toBookingRecord(out.Attributes) : undefined;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw err;
  }
}

/** The resident's bookings, latest slot first. */
export function listBookingsOfUser(userId: string, limit: number, cursor?: string): Promise<Page<BookingRecord>> {
  return queryPage({ index: 'gsi1', pk: bookingKeys.bookingsOfUser(userId), limit, cursor, forward: false }, toBookingRecord);
}

/** A station's bookings on one Asia/Shanghai day, in slot order. */
export function listBookingsOfStationDay(stationId: string, date: string, limit: number, cursor?: string): Promise<Page<BookingRecord>> {
  return queryPage({ index: 'gsi2', pk: bookingKeys.bookingsOfStationDay(stationId, date), limit, cursor }, toBookingRecord);
}

/** A page of the live bookings, at every station, whose slot starts on one Asia/Shanghai day. */
export function listBookingsToRemind(date: string, limit: number, cursor?: string): Promise<Page<BookingRecord>> {
  return queryPage({ index: 'gsi3', pk: bookingKeys.remindersOfDay(date), limit, cursor }, toBookingRecord);
}

/** Links the concern filed from this booking; only the first link sticks. */
export async function setConcernId(bookingId: string, concernId: string): Promise<BookingRecord | undefined> {
  try {
    const out = await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: bookingKeys.booking(bookingId),
        UpdateExpression: 'SET concernId = :c',
        ConditionExpression: 'attribute_not_exists(concernId)',
        ExpressionAttributeValues: { ':c': concernId },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? toBookingRecord(out.Attributes) : undefined;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw err;
  }
}
