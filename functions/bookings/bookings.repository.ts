// Sessions, slots and bookings in DynamoDB. Every rule that two requests could race on is a condition inside one
// TransactWriteItems, so no interleaving of requests can break it:
// - seats: the slot's `booked < seats` (ADD 1) and the booking record commit together;
// - one booking per slot per resident: a `BOOKER#<userId>` item in the slot's partition, put only if absent;
// - at most 3 upcoming bookings: the resident has 3 cap tokens; a booking claims one that is empty or whose slot
//   has started, so a 4th upcoming booking finds no token to claim;
// - no overlapping sessions of one host at one station: writers bump a version item of the host's calendar, so
//   an overlap check that read an older calendar cannot commit.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { BOOKING_RULES } from '@shared/schemas/bookings';
import { isConflict } from '../core/batch';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage, type Page } from '../core/pagination';
import {
  bookerItem,
  bookingItem,
  bookingKeys,
  hostCalendarEntryItem,
  sessionItem,
  slotItem,
  toBookingRecord,
  toCapToken,
  toSession,
  toSlotRecord,
  type BookingRecord,
  type CapTokenRecord,
  type SessionRecord,
  type SlotRecord,
} from './booking.entity';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Why a transaction did not commit, item by item ('None', 'ConditionalCheckFailed', 'TransactionConflict', …). */
function reasons(err: unknown): string[] | undefined {
  if (!(err instanceof TransactionCanceledException)) return undefined;
  return (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

async function get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  return (await ddb.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions

export async function getSession(id: string): Promise<SessionRecord | undefined> {
  const item = await get(bookingKeys.session(id));
  return item ? toSession(item) : undefined;
}

export interface HostCalendar {
  version: number;
  /** Open sessions of the host at the station that may overlap the asked range. */
  entries: { sessionId: string; startsAt: string; endsAt: string }[];
}

/**
 * The host's open sessions starting between `from` and `to`, read strongly consistently after the calendar's
 * version: a session committed after that read bumps the version and makes `createSession` fail its condition.
 */
export async function readHostCalendar(stationId: string, hostKey: string, from: string, to: string): Promise<HostCalendar> {
  const lock = await get(bookingKeys.hostCalendarLock(stationId, hostKey));
  const out = await ddb.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': bookingKeys.hostCalendar(stationId, hostKey), ':from': from, ':to': to },
      ConsistentRead: true,
    }),
  );
  return {
    version: Number(lock?.version ?? 0),
    entries: (out.Items ?? []).map((i) => ({ sessionId: i.sessionId as string, startsAt: i.startsAt as string, endsAt: i.endsAt as string })),
  };
}

/** Writes the session, its calendar entry and its slots; 'stale' if the host's calendar changed since it was read. */
export async function putSession(session: SessionRecord, slots: SlotRecord[], calendarVersion: number): Promise<'ok' | 'stale'> {
  const lockKey = bookingKeys.hostCalendarLock(session.stationId, session.hostKey);
  const items: TransactItems = [
    {
      Update: {
        TableName: TABLE,
        Key: lockKey,
        UpdateExpression: 'SET version = :next, entity = :entity',
        ConditionExpression: calendarVersion === 0 ? 'attribute_not_exists(version)' : 'version = :current',
        ExpressionAttributeValues: {
          ':next': calendarVersion + 1,
          ':entity': 'host_calendar_lock',
          ...(calendarVersion === 0 ? {} : { ':current': calendarVersion }),
        },
      },
    },
    { Put: { TableName: TABLE, Item: sessionItem(session), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: TABLE, Item: hostCalendarEntryItem(session) } },
    ...slots.map((s) => ({ Put: { TableName: TABLE, Item: slotItem(s), ConditionExpression: 'attribute_not_exists(pk)' } })),
  ];
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: items }));
    return 'ok';
  } catch (err) {
    const r = reasons(err);
    if (r && (r[0] === 'ConditionalCheckFailed' || r.includes('TransactionConflict'))) return 'stale';
    throw err;
  }
}

/**
 * Marks the session and all its slots cancelled and frees the host's calendar, all or nothing. From then on no
 * booking of its slots can commit (a booking's condition requires an open slot). False if it was not open.
 */
export async function markSessionCancelled(session: SessionRecord, reason: string, by: string, at: string): Promise<boolean> {
  const items: TransactItems = [
    {
      Update: {
        TableName: TABLE,
        Key: bookingKeys.session(session.id),
        UpdateExpression: 'SET #status = :cancelled, cancelReason = :reason, cancelledAt = :at, cancelledBy = :by',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':open': 'open', ':reason': reason, ':at': at, ':by': by },
      },
    },
    { Delete: { TableName: TABLE, Key: bookingKeys.hostCalendarEntry(session.stationId, session.hostKey, session.startsAt, session.id) } },
    ...session.slotIds.map((id) => ({
      Update: {
        TableName: TABLE,
        Key: bookingKeys.slot(id),
        // Leaving the station's slot index takes it out of the public listing.
        UpdateExpression: 'SET #status = :cancelled REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled' },
      },
    })),
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (err) {
      const r = reasons(err);
      if (r?.[0] === 'ConditionalCheckFailed') return false;
      if (!isConflict(err) || attempt >= 8) throw err;
      await backoff(attempt);
    }
  }
}

export function listSessions(stationId: string, from: string, to: string, limit: number, cursor?: string): Promise<Page<SessionRecord>> {
  return queryPage({ index: 'gsi1', pk: bookingKeys.sessionsOf(stationId), skBetween: [from, to], limit, cursor }, toSession);
}

// ---------------------------------------------------------------------------------------------------------------
// Slots

export async function getSlot(id: string): Promise<SlotRecord | undefined> {
  const item = await get(bookingKeys.slot(id));
  return item ? toSlotRecord(item) : undefined;
}

/** Open slots of a station starting in [from, to), earliest first. */
export function listOpenSlots(stationId: string, from: string, to: string, limit: number, cursor?: string): Promise<Page<SlotRecord>> {
  // Sort keys are `<startsAt>#<slotId>`: `from` sorts before every key starting at `from`, `to` before every key at `to`.
  return queryPage({ index: 'gsi1', pk: bookingKeys.slotsOf(stationId), skBetween: [from, to], limit, cursor }, toSlotRecord);
}

/** Booking ids still holding a seat of the slot (strongly consistent: the slot's own partition). */
export async function activeBookingIds(slotId: string): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :booker)',
        ExpressionAttributeValues: { ':pk': bookingKeys.slot(slotId).pk, ':booker': 'BOOKER#' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    ids.push(...(out.Items ?? []).map((i) => i.bookingId as string));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return ids;
}

export async function hasBooker(slotId: string, userId: string): Promise<boolean> {
  return Boolean(await get(bookingKeys.booker(slotId, userId)));
}

// ---------------------------------------------------------------------------------------------------------------
// Bookings

export async function getBooking(id: string): Promise<BookingRecord | undefined> {
  const item = await get(bookingKeys.booking(id));
  return item ? toBookingRecord(item) : undefined;
}

/** The resident's cap tokens, indexes 0 … maxUpcoming-1 (missing ones are empty). */
export async function readCapTokens(userId: string): Promise<CapTokenRecord[]> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': bookingKeys.capTokens(userId) },
      ConsistentRead: true,
    }),
  );
  const held = new Map((out.Items ?? []).map((i) => [Number(i.sk), toCapToken(i)]));
  return Array.from({ length: BOOKING_RULES.maxUpcoming }, (_, index) => held.get(index) ?? { index });
}

export type BookOutcome = 'booked' | 'already_booked' | 'slot_refused' | 'token_taken' | 'conflict';

/**
 * The booking transaction: a seat of an open slot that starts after `cutoff`, the resident's marker on the slot,
 * the booking record and a free cap token, all or nothing.
 */
export async function book(booking: BookingRecord, now: string, cutoff: string): Promise<BookOutcome> {
  const items: TransactItems = [
    {
      Update: {
        TableName: TABLE,
        Key: bookingKeys.slot(booking.slotId),
        UpdateExpression: 'SET booked = booked + :one',
        ConditionExpression: 'booked < seats AND #status = :open AND startsAt > :cutoff',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':open': 'open', ':cutoff': cutoff },
      },
    },
    { Put: { TableName: TABLE, Item: bookerItem(booking), ConditionExpression: 'attribute_not_exists(pk)' } },
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
      },
    },
  ];
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: items }));
    return 'booked';
  } catch (err) {
    const r = reasons(err);
    if (!r) throw err;
    const [slot, booker, , token] = r;
    if (booker === 'ConditionalCheckFailed') return 'already_booked';
    if (slot === 'ConditionalCheckFailed') return 'slot_refused';
    if (token === 'ConditionalCheckFailed') return 'token_taken';
    if (r.includes('TransactionConflict')) return 'conflict';
    throw err;
  }
}

export type CancelOutcome = 'cancelled' | 'not_cancellable' | 'token_moved' | 'conflict';

/**
 * Cancels a booking and gives its seat, its slot marker and its cap token back, all or nothing. The booking must
 * still be `booked` (and, for a resident, its slot not started: `notStartedBy`). `releaseSeat` is false when
 * the whole session is cancelled (its slots are closed anyway and keep their figures).
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
    { Delete: { TableName: TABLE, Key: bookingKeys.booker(b.slotId, b.userId) } },
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
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: items }));
    return 'cancelled';
  } catch (err) {
    const r = reasons(err);
    if (!r) throw err;
    if (r[0] === 'ConditionalCheckFailed') return 'not_cancellable';
    if (opts.releaseToken && r[2] === 'ConditionalCheckFailed') return 'token_moved';
    if (r.includes('TransactionConflict')) return 'conflict';
    throw err;
  }
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

/** Jittered exponential backoff between attempts of a contended transaction. */
export const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(500, 15 * 2 ** attempt)));

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

/** Account deletion: contact phones on the user's bookings go with the account. */
export async function erasePhonesOfUser(userId: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await queryPage({ index: 'gsi1', pk: bookingKeys.bookingsOfUser(userId), limit: 100, cursor }, (i) => i);
    await Promise.all(
      page.items
        .filter((i) => i.phoneEnc || i.phoneMasked)
        .map((i) => ddb.send(new UpdateCommand({ TableName: TABLE, Key: { pk: i.pk as string, sk: i.sk as string }, UpdateExpression: 'REMOVE phoneEnc, phoneMasked' }))),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
