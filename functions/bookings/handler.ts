// This group has idempotent routes.
import '../core/http/idempotency';
import { bookingRoutes } from '@shared/routes/bookings';
import { createRouteGroup } from '../route-group';
import {
  cancelBooking,
  cancelSession,
  createSession,
  listSessions,
  listSlots,
  myBookings,
  recordOutcome,
  revealBookingPhone,
  stationBookings,
} from './bookings.service';
import { createBooking } from './booking-create.service';

export const handler = createRouteGroup(bookingRoutes, {
  createSession: ({ user, params, body }) => createSession(user(), params.stationId, body),
  listSessions: ({ user, params, query }) => listSessions(user(), params.stationId, query),
  cancelSession: ({ user, params, body }) => cancelSession(user(), params.sessionId, body.reason),
  listSlots: ({ params, query }) => listSlots(params.stationId, query),
  createBooking: ({ callerId, params, body, idempotency }) => createBooking(callerId(), params.slotId, body, idempotency),
  myBookings: ({ user, query }) => myBookings(user(), query.limit, query.cursor),
  cancelBooking: ({ user, params }) => cancelBooking(user(), params.bookingId),
  stationBookings: ({ user, params, query }) => stationBookings(user(), params.stationId, query),
  recordOutcome: ({ user, params, body }) => recordOutcome(user(), params.bookingId, body),
  revealBookingPhone: ({ user, params }) => revealBookingPhone(user(), params.bookingId),
});
