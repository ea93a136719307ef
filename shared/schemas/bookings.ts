// 局长驻点: office-hour sessions, the slots they are cut into, and residents' bookings of those slots.
import * as z from 'zod/mini';
import { BOOKING_RULES } from '../rules/bookings';
import { DateString, DateTimeString, Id, LimitedText, PageQuery, PhoneNumber, RangeQuery } from './common';
import { lazy, type Infer } from './lazy';

// Also here for the mini-program's forms; functions import the rules alone (../rules/bookings).
export { BOOKING_RULES };

const Text = LimitedText;

/** Name and title of whoever receives residents, e.g. 「王局长 · 区农业农村局」. */
export const Host = lazy(() => Text(1, 40, '接待人'));

export const CreateSessionBody = lazy(() => z.strictObject({
  host: Host(),
  startsAt: DateTimeString(),
  endsAt: DateTimeString(),
  slotMinutes: z.number().check(
    z.int('每段时长须为整数分钟'),
    z.gte(BOOKING_RULES.slotMinutes.min, `每段至少 ${BOOKING_RULES.slotMinutes.min} 分钟`),
    z.lte(BOOKING_RULES.slotMinutes.max, `每段最多 ${BOOKING_RULES.slotMinutes.max} 分钟`),
  ),
  seatsPerSlot: z.number().check(
    z.int('名额须为整数'),
    z.gte(BOOKING_RULES.seatsPerSlot.min, `每段至少 ${BOOKING_RULES.seatsPerSlot.min} 个名额`),
    z.lte(BOOKING_RULES.seatsPerSlot.max, `每段最多 ${BOOKING_RULES.seatsPerSlot.max} 个名额`),
  ),
}).check(z.refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), { message: '结束时间须晚于开始时间', path: ['endsAt'] })));
export type CreateSessionBody = Infer<typeof CreateSessionBody>;

export const SESSION_STATUSES = ['open', 'cancelled'] as const;
export const SessionStatus = lazy(() => z.enum(SESSION_STATUSES));

export const Slot = lazy(() => z.object({
  id: Id(),
  sessionId: Id(),
  stationId: Id(),
  host: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  seats: z.number().check(z.int()),
  booked: z.number().check(z.int()),
  seatsLeft: z.number().check(z.int()),
  status: SessionStatus(),
  /** Open, not full, and inside the booking window (≥ 30 minutes ahead, ≤ 60 days ahead) right now. */
  bookable: z.boolean(),
}));
export type Slot = Infer<typeof Slot>;

export const SessionSummary = lazy(() => z.object({
  id: Id(),
  stationId: Id(),
  host: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  slotMinutes: z.number().check(z.int()),
  seatsPerSlot: z.number().check(z.int()),
  status: SessionStatus(),
  cancelReason: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  createdAt: z.string(),
  /** On cancel: how many bookings this call cancelled. */
  cancelledBookings: z.optional(z.number().check(z.int())),
}));
export type SessionSummary = Infer<typeof SessionSummary>;

export const Session = lazy(() => z.extend(SessionSummary(), { slots: z.array(Slot()) }));
export type Session = Infer<typeof Session>;

export const CancelSessionBody = lazy(() => z.strictObject({ reason: Text(1, 200, '取消原因') }));

/** `?from=&to=&limit=&cursor=` on slot and session lists (see RangeQuery), at most 62 days apart. */
export const TimeRangeQuery = lazy(() => RangeQuery().check(z.refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 62 * 24 * 3600 * 1000, {
  message: '查询范围最多 62 天',
  path: ['to'],
})));

export const CreateBookingBody = lazy(() => z.strictObject({
  topic: Text(1, 200, '事由'),
  contactPhone: z.optional(PhoneNumber()),
}));
export type CreateBookingBody = Infer<typeof CreateBookingBody>;

export const BOOKING_STATUSES = ['booked', 'cancelled', 'completed', 'no_show'] as const;
export const BookingStatus = lazy(() => z.enum(BOOKING_STATUSES));
export type BookingStatus = Infer<typeof BookingStatus>;

export const Booking = lazy(() => z.object({
  id: Id(),
  slotId: Id(),
  sessionId: Id(),
  stationId: Id(),
  stationName: z.string(),
  host: z.string(),
  slotStartsAt: z.string(),
  slotEndsAt: z.string(),
  userId: Id(),
  /** The resident's current display name (officials' lists). */
  residentName: z.optional(z.string()),
  topic: z.string(),
  contactPhoneMasked: z.optional(z.string()),
  status: BookingStatus(),
  createdAt: z.string(),
  cancelledAt: z.optional(z.string()),
  /** Who cancelled: the resident, or the official who called off the whole session. */
  cancelledBy: z.optional(z.enum(['resident', 'official'])),
  /** The official's reason when the session was cancelled, shown to the resident. */
  cancelReason: z.optional(z.string()),
  outcomeNote: z.optional(z.string()),
  outcomeAt: z.optional(z.string()),
  concernId: z.optional(Id()),
}));
export type Booking = Infer<typeof Booking>;

export const StationBookingsQuery = lazy(() => z.extend(PageQuery(), { date: z.optional(DateString()) }));

export const OutcomeBody = lazy(() => z.strictObject({
  status: z.enum(['completed', 'no_show']),
  note: z.optional(Text(1, 1000, '备注')),
  createConcern: z.optional(z.boolean()),
}));
export type OutcomeBody = Infer<typeof OutcomeBody>;
