// 局长驻点: sessions, slots, bookings
import * as z from 'zod/mini';
import { route } from './define';
import { Id, page, PageQuery } from '../schemas/common';
import {
  Booking,
  CancelSessionBody,
  CreateBookingBody,
  CreateSessionBody,
  OutcomeBody,
  Session,
  SessionSummary,
  Slot,
  StationBookingsQuery,
  TimeRangeQuery,
} from '../schemas/bookings';
import { PhoneReveal } from '../schemas/contact';

export const bookingRoutes = {
  createSession: route({
    method: 'POST', path: '/v1/stations/{stationId}/sessions', group: 'bookings', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    params: z.strictObject({ stationId: Id() }), body: CreateSessionBody(), response: Session(),
  })),
  listSessions: route({
    method: 'GET', path: '/v1/stations/{stationId}/sessions', group: 'bookings', auth: 'user',
  }, () => ({
    params: z.strictObject({ stationId: Id() }), query: TimeRangeQuery(), response: page(SessionSummary()),
  })),
  cancelSession: route({
    method: 'POST', path: '/v1/sessions/{sessionId}/cancel', group: 'bookings', auth: 'user',
  }, () => ({
    params: z.strictObject({ sessionId: Id() }), body: CancelSessionBody(), response: SessionSummary(),
  })),
  listSlots: route({
    method: 'GET', path: '/v1/stations/{stationId}/slots', group: 'bookings', auth: 'public',
  }, () => ({
    params: z.strictObject({ stationId: Id() }), query: TimeRangeQuery(), response: page(Slot()),
  })),
  createBooking: route({
    method: 'POST', path: '/v1/slots/{slotId}/bookings', group: 'bookings', auth: 'user', status: 201, idempotent: true,
    // The record commits with the booking, on the resident's marker (booking-replay.ts): no request before or after it.
    ownIdempotency: true,
    callerInTransaction: true,
  }, () => ({
    params: z.strictObject({ slotId: Id() }), body: CreateBookingBody(), response: Booking(),
  })),
  myBookings: route({
    method: 'GET', path: '/v1/bookings/mine', group: 'bookings', auth: 'user',
  }, () => ({
    query: PageQuery(), response: page(Booking()),
  })),
  cancelBooking: route({
    method: 'DELETE', path: '/v1/bookings/{bookingId}', group: 'bookings', auth: 'user',
  }, () => ({
    params: z.strictObject({ bookingId: Id() }), response: Booking(),
  })),
  stationBookings: route({
    method: 'GET', path: '/v1/stations/{stationId}/bookings', group: 'bookings', auth: 'user',
  }, () => ({
    params: z.strictObject({ stationId: Id() }), query: StationBookingsQuery(), response: page(Booking()),
  })),
  recordOutcome: route({
    method: 'POST', path: '/v1/bookings/{bookingId}/outcome', group: 'bookings', auth: 'user',
  }, () => ({
    params: z.strictObject({ bookingId: Id() }), body: OutcomeBody(), response: Booking(),
  })),
  /** 联系群众: the station's own officials only; counted per day and recorded in the audit log. */
  revealBookingPhone: route({
    method: 'POST', path: '/v1/bookings/{bookingId}/phone-reveals', group: 'bookings', auth: 'user',
  }, () => ({
    params: z.strictObject({ bookingId: Id() }), response: PhoneReveal(),
  })),
} as const;
