// 局长驻点 entities: sessions, slots, bookings and the small items that keep the booking rules race-free.
// Their keys and their conversion to and from table items. Times are stored as UTC ISO strings from
// `Date#toISOString()` (fixed width), so string order is time order in every sort key.
import { createHash } from 'node:crypto';
import type { Booking, BookingStatus, SessionSummary, Slot } from '@shared/schemas/bookings';
import { shanghaiDate } from '@shared/time';
import { KEY_LIFETIME_S } from '../core/idempotency-key';
import { recordOf, type Item } from '../core/item';
import { bookingWindow } from './booking.rules';
import type { BookerStamp } from './booking-replay';

export interface SessionRecord {
  id: string;
  stationId: string;
  host: string;
  hostKey: string;
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  seatsPerSlot: number;
  slotIds: string[];
  status: 'open' | 'cancelled';
  cancelReason?: string;
  cancelledAt?: string;
  cancelledBy?: string;
  createdBy: string;
  createdAt: string;
}

export interface SlotRecord {
  id: string;
  sessionId: string;
  stationId: string;
  host: string;
  startsAt: string;
  endsAt: string;
  seats: number;
  booked: number;
  status: 'open' | 'cancelled';
}

export interface BookingRecord {
  id: string;
  slotId: string;
  sessionId: string;
  stationId: string;
  stationName: string;
  host: string;
  slotStartsAt: string;
  slotEndsAt: string;
  userId: string;
  topic: string;
  phoneEnc?: string;
  phoneMasked?: string;
  status: BookingStatus;
  /** Which of the resident's cap tokens this booking holds (see capKeys). */
  capToken: number;
  createdAt: string;
  cancelledAt?: string;
  cancelledBy?: 'resident' | 'official';
  cancelReason?: string;
  outcomeNote?: string;
  outcomeAt?: string;
  outcomeBy?: string;
  concernId?: string;
}

/** One token per upcoming booking a resident may hold; free when empty or when its slot has started. */
export interface CapTokenRecord {
  index: number;
  bookingId?: string;
  slotId?: string;
  startsAt?: string;
}

/** Same host whatever the spacing or width of the characters typed. */
export function hostKey(host: string): string {
  const normal = host.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return createHash('sha256').update(normal).digest('base64url').slice(0, 22);
}

const BOOKER = 'BOOKER#';

export const bookingKeys = {
  session: (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' }),
  sessionsOf: (stationId: string) => `STATION#${stationId}#SESSIONS`,
  /** The host's calendar at one station: one entry per open session, and a version item that serialises writers. */
  hostCalendar: (stationId: string, key: string) => `HOSTCAL#${stationId}#${key}`,
  hostCalendarEntry: (stationId: string, key: string, startsAt: string, sessionId: string) => ({
    pk: bookingKeys.hostCalendar(stationId, key),
    sk: `${startsAt}#${sessionId}`,
  }),
  hostCalendarLock: (stationId: string, key: string) => ({ pk: bookingKeys.hostCalendar(stationId, key), sk: 'LOCK' }),
  slot: (id: string) => ({ pk: `SLOT#${id}`, sk: 'SLOT' }),
  slotsOf: (stationId: string) => `STATION#${stationId}#SLOTS`,
  /** "This resident holds a booking of this slot": lives in the slot's partition, so a consistent Query finds all. */
  booker: (slotId: string, userId: string) => ({ pk: bookingKeys.slot(slotId).pk, sk: `${BOOKER}${userId}` }),
  /** The slot's partition and the sort-key prefix of its bookers. */
  bookersOf: (slotId: string) => ({ pk: bookingKeys.slot(slotId).pk, prefix: BOOKER }),
  booking: (id: string) => ({ pk: `BOOKING#${id}`, sk: 'BOOKING' }),
  bookingsOfUser: (userId: string) => `USER#${userId}#BOOKINGS`,
  bookingsOfStationDay: (stationId: string, date: string) => `STATION#${stationId}#BOOKINGS#${date}`,
  /** Live bookings of every station on one Asia/Shanghai day (gsi3, sparse): the reminder job's one Query. */
  remindersOfDay: (date: string) => `REMIND#${date}`,
  capTokens: (userId: string) => `BOOKCAP#${userId}`,
  capToken: (userId: string, index: number) => ({ pk: bookingKeys.capTokens(userId), sk: String(index) }),
};

export function sessionItem(s: SessionRecord): Item {
  return {
    ...bookingKeys.session(s.id),
    gsi1pk: bookingKeys.sessionsOf(s.stationId),
    gsi1sk: `${s.startsAt}#${s.id}`,
    entity: 'session',
    ...s,
  };
}

export function hostCalendarEntryItem(s: SessionRecord): Item {
  return {
    ...bookingKeys.hostCalendarEntry(s.stationId, s.hostKey, s.startsAt, s.id),
    entity: 'host_calendar_entry',
    sessionId: s.id,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
  };
}

/** Open slots are in the station's slot index; a cancelled slot leaves it (the index is sparse). */
export function slotItem(s: SlotRecord): Item {
  return {
    ...bookingKeys.slot(s.id),
    ...(s.status === 'open' ? { gsi1pk: bookingKeys.slotsOf(s.stationId), gsi1sk: `${s.startsAt}#${s.id}` } : {}),
    entity: 'slot',
    ...s,
  };
}

/** With a keyed booking's stamp (booking-replay.ts), the marker is also the request's idempotency record. */
export function bookerItem(b: BookingRecord, stamp?: BookerStamp): Item {
  return { ...bookingKeys.booker(b.slotId, b.userId), entity: 'booker', bookingId: b.id, userId: b.userId, ...stamp };
}

/**
 * A cancel releases the marker (the resident may book the slot again) rather than deleting it: its stamp stays for a
 * late copy of the request as long as a key answers.
 */
export const releasedBooker = (at: string) => ({ releasedAt: at, ttl: Math.round(Date.parse(at) / 1000 + KEY_LIFETIME_S) });

/** Whether a booker item still holds its seat (not released by a cancel). */
export const isHeldBooker = (item: Item): boolean => item.releasedAt === undefined;

/**
 * A live booking is also in its day's reminder partition (gsi3); cancelling removes it. One partition per day for
 * the whole province is not sharded: only committed bookings write to it (a few per second at peak, far below a
 * partition's 1,000 writes/s), and the job reads it once a day.
 */
export function bookingItem(b: BookingRecord): Item {
  return {
    ...bookingKeys.booking(b.id),
    gsi1pk: bookingKeys.bookingsOfUser(b.userId),
    gsi1sk: `${b.slotStartsAt}#${b.id}`,
    gsi2pk: bookingKeys.bookingsOfStationDay(b.stationId, shanghaiDate(b.slotStartsAt)),
    gsi2sk: `${b.slotStartsAt}#${b.id}`,
    ...(b.status === 'booked' ? { gsi3pk: bookingKeys.remindersOfDay(shanghaiDate(b.slotStartsAt)), gsi3sk: `${b.slotStartsAt}#${b.id}` } : {}),
    entity: 'booking',
    ...b,
  };
}

export const toSession = (item: Item): SessionRecord => recordOf<SessionRecord>(item, { slotIds: [] });

export const toSlotRecord = (item: Item): SlotRecord => recordOf<SlotRecord>(item);

export const toBookingRecord = (item: Item): BookingRecord => recordOf<BookingRecord>(item);

/** A cap token's index is its sort key. */
export const toCapToken = (item: Item): CapTokenRecord => ({ ...recordOf<Omit<CapTokenRecord, 'index'>>(item), index: Number(item.sk) });

export interface CalendarEntry {
  sessionId: string;
  startsAt: string;
  endsAt: string;
}
export const toCalendarEntry = (item: Item): CalendarEntry => recordOf<CalendarEntry>(item);

/** The id of the booking a booker item stands for. */
export const bookerBookingId = (item: Item): string => String(item.bookingId);

export function toSlot(s: SlotRecord, now = Date.now()): Slot {
  const seatsLeft = Math.max(0, s.seats - s.booked);
  return {
    id: s.id,
    sessionId: s.sessionId,
    stationId: s.stationId,
    host: s.host,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    seats: s.seats,
    booked: s.booked,
    seatsLeft,
    status: s.status,
    bookable: s.status === 'open' && seatsLeft > 0 && bookingWindow(s.startsAt, now) === 'ok',
  };
}

export function toSessionSummary(s: SessionRecord): SessionSummary {
  return {
    id: s.id,
    stationId: s.stationId,
    host: s.host,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    slotMinutes: s.slotMinutes,
    seatsPerSlot: s.seatsPerSlot,
    status: s.status,
    ...(s.cancelReason ? { cancelReason: s.cancelReason } : {}),
    ...(s.cancelledAt ? { cancelledAt: s.cancelledAt } : {}),
    createdAt: s.createdAt,
  };
}

export function toBooking(b: BookingRecord, residentName?: string): Booking {
  return {
    id: b.id,
    slotId: b.slotId,
    sessionId: b.sessionId,
    stationId: b.stationId,
    stationName: b.stationName,
    host: b.host,
    slotStartsAt: b.slotStartsAt,
    slotEndsAt: b.slotEndsAt,
    userId: b.userId,
    ...(residentName ? { residentName } : {}),
    topic: b.topic,
    ...(b.phoneMasked ? { contactPhoneMasked: b.phoneMasked } : {}),
    status: b.status,
    createdAt: b.createdAt,
    ...(b.cancelledAt ? { cancelledAt: b.cancelledAt } : {}),
    ...(b.cancelledBy ? { cancelledBy: b.cancelledBy } : {}),
    ...(b.cancelReason ? { cancelReason: b.cancelReason } : {}),
    ...(b.outcomeNote ? { outcomeNote: b.outcomeNote } : {}),
    ...(b.outcomeAt ? { outcomeAt: b.outcomeAt } : {}),
    ...(b.concernId ? { concernId: b.concernId } : {}),
  };
}

/** A cap token as stored, or the empty token `index` when no item holds it. */
export const capTokenOf = (index: number, item: Item | undefined): CapTokenRecord => (item ? toCapToken(item) : { index });
