// Sessions and their slots in DynamoDB. A host's sessions at one station never overlap: writers bump a version item
// of the host's calendar, so an overlap check that read an older calendar cannot commit. Cancelling a session closes
// its slots in the same transaction, after which no booking of them can commit.
import { TABLE } from '../core/dynamo';
import { getItem as get, queryPartition } from '../core/reads';
import { queryPage, type Page } from '../core/pagination';
import { failedAt, transactWrite, type TransactItems } from '../core/transact';
import {
  bookerBookingId,
  isHeldBooker,
  bookingKeys,
  hostCalendarEntryItem,
  sessionItem,
  slotItem,
  toCalendarEntry,
  toSession,
  toSlotRecord,
  type CalendarEntry,
  type SessionRecord,
  type SlotRecord,
} from './booking.entity';

// ---------------------------------------------------------------------------------------------------------------
// Sessions

export async function getSession(id: string): Promise<SessionRecord | undefined> {
  const item = await get(bookingKeys.session(id));
  return item ? toSession(item) : undefined;
}

export interface HostCalendar {
  version: number;
  /** Open sessions of the host at the station that may overlap the asked range. */
  entries: CalendarEntry[];
}

/**
 * The host's open sessions starting between `from` and `to`, read strongly consistently after the calendar's
 * version: a session committed after that read bumps the version and makes `createSession` fail its condition.
 */
export async function readHostCalendar(stationId: string, hostKey: string, from: string, to: string): Promise<HostCalendar> {
  const lock = await get(bookingKeys.hostCalendarLock(stationId, hostKey));
  const entries = await queryPartition(bookingKeys.hostCalendar(stationId, hostKey), { between: [from, to] });
  return { version: Number(lock?.version ?? 0), entries: entries.map(toCalendarEntry) };
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
  const outcome = await transactWrite(items);
  if (outcome.committed) return 'ok';
  if (failedAt(outcome, 0)) return 'stale';
  throw new Error(`session ${session.id} or one of its slots exists already`);
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
  const outcome = await transactWrite(items);
  if (outcome.committed) return true;
  if (failedAt(outcome, 0)) return false;
  throw new Error(`a slot of session ${session.id} is missing`);
}

export function listSessions(stationId: string, from: string, to: string, limit: number, cursor?: string): Promise<Page<SessionRecord>> {
  return queryPage({ index: 'gsi1', pk: bookingKeys.sessionsOf(stationId), skBetween: [from, to], limit, cursor }, toSession);
}

// ---------------------------------------------------------------------------------------------------------------
// Slots

/** Open slots of a station starting in [from, to), earliest first. */
export function listOpenSlots(stationId: string, from: string, to: string, limit: number, cursor?: string): Promise<Page<SlotRecord>> {
  // Sort keys are `<startsAt>#<slotId>`: `from` sorts before every key starting at `from`, `to` before every key at `to`.
  return queryPage({ index: 'gsi1', pk: bookingKeys.slotsOf(stationId), skBetween: [from, to], limit, cursor }, toSlotRecord);
}

/** Booking ids still holding a seat of the slot (strongly consistent: the slot's own partition). */
export async function activeBookingIds(slotId: string): Promise<string[]> {
  const { pk, prefix } = bookingKeys.bookersOf(slotId);
  return (await queryPartition(pk, { prefix })).filter(isHeldBooker).map(bookerBookingId);
}
