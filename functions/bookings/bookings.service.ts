// 局长驻点: officials open office-hour sessions cut into slots; residents book a seat of a slot. The rules that
// concurrent requests could break are conditions of the repositories' transactions; this layer checks input,
// authorizes, and decides (booking.rules.ts) why a booking is refused, reading again when a transaction lost a race.
import { ROLE_SETS } from '@shared/roles';
import type { Role } from '@shared/schemas/common';
import type { PhoneReveal } from '@shared/schemas/contact';
import { DAY_MS, HOUR_MS, MINUTE_MS, isoAt, shanghaiDate, startOfShanghaiDay } from '@shared/time';
import { bookingConcernText, checkConcernText, raiseFromBooking } from '../concerns/concerns.service';
import {
  BOOKING_RULES,
  type Booking,
  type CreateSessionBody,
  type OutcomeBody,
  type Session,
  type SessionSummary,
  type Slot,
} from '@shared/schemas/bookings';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import type { Page } from '../core/pagination';
import { requireActor, requireRole, type Principal } from '../core/policy';
import { retrying, TRY_AGAIN } from '../core/transact';
import { revealPhone } from '../contact/phone-reveal';
import { getStation, type StationRecord } from '../orgs/orgs.repository';
import { displayNames } from '../users/users.repository';
import { hostKey, toBooking, toSessionSummary, toSlot, type BookingRecord, type SessionRecord, type SlotRecord } from './booking.entity';
import {
  cancelBookingTx,
  getBooking,
  listBookingsOfStationDay,
  listBookingsOfUser,
  putOutcome,
  setConcernId,
} from './bookings.repository';
import {
  activeBookingIds,
  getSession,
  listOpenSlots,
  listSessions as listSessionRecords,
  markSessionCancelled,
  putSession,
  readHostCalendar,
} from './sessions.repository';

/** Who runs a station's office hours: its officials, and township admins (and admins) above it. */
const STATION_MANAGERS = ROLE_SETS.stationManagers;

async function stationOr404(stationId: string): Promise<StationRecord> {
  const station = await getStation(stationId);
  if (!station) throw new NotFoundError('驻点工作室不存在');
  return station;
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions

export async function createSession(principal: Principal, stationId: string, body: CreateSessionBody): Promise<Session> {
  const station = await stationOr404(stationId);
  requireRole(principal, STATION_MANAGERS, station.path);

  const now = Date.now();
  const start = Date.parse(body.startsAt);
  const end = Date.parse(body.endsAt);
  const minutes = (end - start) / MINUTE_MS;
  const slotCount = minutes / body.slotMinutes;
  const refuse = (path: string, message: string) => new ValidationError(message, [{ path, message }]);
  if (start <= now) throw refuse('startsAt', '开始时间须晚于现在');
  if (start > now + BOOKING_RULES.maxAheadDays * DAY_MS) throw refuse('startsAt', `最多提前 ${BOOKING_RULES.maxAheadDays} 天安排接待`);
  if (end - start > BOOKING_RULES.maxSessionHours * HOUR_MS) throw refuse('endsAt', `一次接待不超过 ${BOOKING_RULES.maxSessionHours} 小时`);
  if (!Number.isInteger(minutes) || !Number.isInteger(slotCount)) throw refuse('slotMinutes', '接待时长须为每段时长的整数倍');
  if (slotCount > BOOKING_RULES.maxSlotsPerSession) throw refuse('slotMinutes', `一次接待最多分 ${BOOKING_RULES.maxSlotsPerSession} 段`);

  const at = isoAt(now);
  const session: SessionRecord = {
    id: newId(),
    stationId,
    host: body.host,
    hostKey: hostKey(body.host),
    startsAt: isoAt(start),
    endsAt: isoAt(end),
    slotMinutes: body.slotMinutes,
    seatsPerSlot: body.seatsPerSlot,
    slotIds: [],
    status: 'open',
    createdBy: principal.userId,
    createdAt: at,
  };
  const slots: SlotRecord[] = Array.from({ length: slotCount }, (_, i) => ({
    id: newId(),
    sessionId: session.id,
    stationId,
    host: session.host,
    startsAt: isoAt(start + i * body.slotMinutes * MINUTE_MS),
    endsAt: isoAt(start + (i + 1) * body.slotMinutes * MINUTE_MS),
    seats: body.seatsPerSlot,
    booked: 0,
    status: 'open',
  }));
  session.slotIds = slots.map((s) => s.id);

  // A calendar changed since it was read (another session of the host) means: read it again and re-check.
  return retrying(async () => {
    // Every open session of the host that starts early enough to reach into this one (sessions last ≤ 12 h).
    const calendar = await readHostCalendar(stationId, session.hostKey, isoAt(start - BOOKING_RULES.maxSessionHours * HOUR_MS), session.endsAt);
    const clash = calendar.entries.find((e) => e.startsAt < session.endsAt && e.endsAt > session.startsAt);
    if (clash) throw new ConflictError(`${session.host}在该时间段已有接待安排，不能重叠`);
    if ((await putSession(session, slots, calendar.version)) === 'stale') return TRY_AGAIN;
    return { ...toSessionSummary(session), slots: slots.map((s) => toSlot(s, now)) };
  });
}

export async function listSessions(
  principal: Principal,
  stationId: string,
  q: { from?: string; to?: string; limit: number; cursor?: string },
): Promise<Page<SessionSummary>> {
  const station = await stationOr404(stationId);
  requireRole(principal, STATION_MANAGERS, station.path);
  const from = q.from ? Date.parse(q.from) : startOfShanghaiDay(shanghaiDate());
  const to = q.to ? Date.parse(q.to) : from + BOOKING_RULES.maxAheadDays * DAY_MS;
  const page = await listSessionRecords(stationId, isoAt(from), isoAt(to), q.limit, q.cursor);
  return { items: page.items.map(toSessionSummary), nextCursor: page.nextCursor };
}

/**
 * Cancels a whole session: first the session and its slots (one transaction, after which nothing can be booked),
 * then every booking still holding a seat, each with the reason its resident will see. Calling it again on a
 * cancelled session finishes whatever an interrupted call left, and cancels nothing twice.
 */
export async function cancelSession(principal: Principal, sessionId: string, reason: string): Promise<SessionSummary> {
  let session = await getSession(sessionId);
  if (!session) throw new NotFoundError('接待安排不存在');
  const station = await stationOr404(session.stationId);
  requireRole(principal, STATION_MANAGERS, station.path);

  const now = Date.now();
  if (session.status === 'open') {
    if (Date.parse(session.endsAt) <= now) throw new InvalidStateError('接待已结束，不能取消');
    await markSessionCancelled(session, reason, principal.userId, isoAt(now));
    session = (await getSession(sessionId))!;
  }

  let cancelled = 0;
  const at = isoAt(Date.now());
  for (const slotId of session.slotIds) {
    const ids = await activeBookingIds(slotId);
    const results = await Promise.all(
      ids.map(async (id) => {
        const b = await getBooking(id);
        return b ? cancelOne(b, { by: 'official', at, reason: session!.cancelReason ?? reason, releaseSeat: false }) : false;
      }),
    );
    cancelled += results.filter(Boolean).length;
  }
  return { ...toSessionSummary(session), cancelledBookings: cancelled };
}

/** One booking's cancel transaction with its retries; true if this call cancelled it. */
async function cancelOne(
  b: BookingRecord,
  opts: { by: 'resident' | 'official'; at: string; reason?: string; notStartedBy?: string; releaseSeat: boolean },
): Promise<boolean> {
  let releaseToken = true;
  return retrying(async () => {
    const outcome = await cancelBookingTx(b, { ...opts, releaseToken });
    if (outcome === 'cancelled') return true;
    if (outcome === 'not_cancellable') return false;
    // The token no longer names this booking: its slot has started and the token went to a newer booking.
    releaseToken = false;
    return TRY_AGAIN;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Slots

export async function listSlots(stationId: string, q: { from?: string; to?: string; limit: number; cursor?: string }): Promise<Page<Slot>> {
  await stationOr404(stationId);
  const now = Date.now();
  const from = q.from ? Date.parse(q.from) : now;
  const to = q.to ? Date.parse(q.to) : from + 14 * DAY_MS;
  const page = await listOpenSlots(stationId, isoAt(from), isoAt(to), q.limit, q.cursor);
  return { items: page.items.map((s) => toSlot(s, now)), nextCursor: page.nextCursor };
}

// ---------------------------------------------------------------------------------------------------------------
// Bookings

export async function myBookings(principal: Principal, limit: number, cursor?: string): Promise<Page<Booking>> {
  const page = await listBookingsOfUser(principal.userId, limit, cursor);
  return { items: page.items.map((b) => toBooking(b)), nextCursor: page.nextCursor };
}

/** The booker cancels before the slot starts; the seat is free again. Cancelling twice answers the same. */
export async function cancelBooking(principal: Principal, bookingId: string): Promise<Booking> {
  const b = await getBooking(bookingId);
  if (!b || b.userId !== principal.userId) throw new NotFoundError('预约不存在');
  if (b.status === 'cancelled') return toBooking(b);
  if (b.status !== 'booked') throw new InvalidStateError('该预约已结束，不能取消');
  const now = Date.now();
  if (Date.parse(b.slotStartsAt) <= now) throw new InvalidStateError('时段已开始，不能取消');
  const done = await cancelOne(b, { by: 'resident', at: isoAt(now), notStartedBy: isoAt(now), releaseSeat: true });
  const fresh = (await getBooking(bookingId))!;
  if (!done && fresh.status !== 'cancelled') throw new InvalidStateError('时段已开始，不能取消');
  return toBooking(fresh);
}

export async function stationBookings(
  principal: Principal,
  stationId: string,
  q: { date?: string; limit: number; cursor?: string },
): Promise<Page<Booking>> {
  const station = await stationOr404(stationId);
  requireRole(principal, STATION_MANAGERS, station.path);
  const page = await listBookingsOfStationDay(stationId, q.date ?? shanghaiDate(), q.limit, q.cursor);
  const names = await displayNames([...new Set(page.items.map((b) => b.userId))]);
  return { items: page.items.map((b) => toBooking(b, names.get(b.userId))), nextCursor: page.nextCursor };
}

/** The booking and its station, for someone holding `roles` there; the booker and the station's managers get 403, anyone else 404. */
async function bookingForOfficial(principal: Principal, bookingId: string, roles: readonly Role[], forbidden: string) {
  const b = await getBooking(bookingId);
  const station = b && (await getStation(b.stationId));
  if (!b || !station) throw new NotFoundError('预约不存在');
  requireActor(principal, roles, station.path, { ownerId: b.userId, viewers: STATION_MANAGERS, forbidden, notFound: '预约不存在' });
  return { b, station };
}

/** 联系群众: the station's own officials see the booker's phone number; each reveal is counted and recorded. */
export async function revealBookingPhone(principal: Principal, bookingId: string): Promise<PhoneReveal> {
  const { b, station } = await bookingForOfficial(principal, bookingId, ROLE_SETS.residentContacts, '只有本驻点的干部可以联系群众');
  return revealPhone(principal, { target: { kind: 'booking', id: b.id }, stationPath: station.path, residentId: b.userId, sealed: b.phoneEnc });
}

/** The station's official records what came of a booking once its slot has started. */
export async function recordOutcome(principal: Principal, bookingId: string, body: OutcomeBody): Promise<Booking> {
  const { b, station } = await bookingForOfficial(principal, bookingId, ROLE_SETS.stationOfficials, '只有本驻点的干部可以记录接待结果');
  if (b.status === 'cancelled') throw new InvalidStateError('该预约已取消，不能记录接待结果');
  const at = isoAt(Date.now());
  if (b.slotStartsAt > at) throw new InvalidStateError('时段开始后才能记录接待结果');
  // The follow-up concern's text passes the content check like any concern, before anything is saved.
  const checked = body.createConcern && !b.concernId ? await checkConcernText(bookingConcernText(b.topic, body.note), principal.openid) : undefined;
  let updated = await putOutcome(bookingId, { status: body.status, note: body.note, by: principal.userId, at });
  if (!updated) throw new InvalidStateError('该预约已取消，不能记录接待结果');
  if (checked && !updated.concernId) {
    // Follow-up as a 群众说事 concern of the resident's, at this station; asking twice files it once.
    const concernId = await raiseFromBooking(
      principal,
      {
        userId: b.userId,
        topic: b.topic,
        note: body.note,
        station,
        phone: b.phoneEnc && b.phoneMasked ? { contactPhoneEnc: b.phoneEnc, contactPhoneMasked: b.phoneMasked } : undefined,
      },
      checked,
    );
    updated = (await setConcernId(bookingId, concernId)) ?? updated;
  }
  const names = await displayNames([b.userId]);
  return toBooking(updated, names.get(b.userId));
}
