// This group has idempotent routes.
import '../core/http/idempotency';
import { createRouteGroup, Reply } from '../core/http/stack';
import {
  cancelThemeDay,
  checkIn,
  closeThemeDay,
  correctAttendance,
  createCheckInCode,
  createThemeDay,
  getThemeDayFor,
  listAttendance,
  listThemeDays,
  myAttendance,
  participateOnline,
  politicalBirthdays,
  publishThemeDay,
  rsvp,
} from './themedays.service';

export const handler = createRouteGroup('themedays', {
  createThemeDay: ({ user, params, body }) => createThemeDay(user(), params.branchId, body),
  listThemeDays: ({ principal, params, query }) => listThemeDays(principal, params.branchId, query),
  getThemeDay: ({ principal, params }) => getThemeDayFor(principal, params.id),
  publishThemeDay: ({ user, params }) => publishThemeDay(user(), params.id),
  cancelThemeDay: ({ user, params, body }) => cancelThemeDay(user(), params.id, body),
  rsvp: ({ user, params, body }) => rsvp(user(), params.id, body),
  createCheckInCode: ({ user, params }) => createCheckInCode(user(), params.id),
  checkIn: async ({ user, params, body }) => {
    const result = await checkIn(user(), params.id, body.code);
    return new Reply(result.status, result.body);
  },
  listAttendance: ({ user, params, query }) => listAttendance(user(), params.id, query),
  correctAttendance: ({ user, params, body }) => correctAttendance(user(), params.id, params.userId, body.status),
  participateOnline: ({ user, params, body }) => participateOnline(user(), params.id, body.content),
  closeThemeDay: ({ user, params, body }) => closeThemeDay(user(), params.id, body.summary),
  myAttendance: ({ user, query }) => myAttendance(user(), query),
  politicalBirthdays: ({ user, params, query }) => politicalBirthdays(user(), params.branchId, query.month),
});
