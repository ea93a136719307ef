// This group has idempotent routes.
import '../core/http/idempotency';
import { themedayRoutes } from '@shared/routes/themedays';
import { createRouteGroup, Reply } from '../route-group';
import { politicalBirthdays } from '../users/political-birthdays.service';
import { birthdayCard, celebrateBirthday } from '../users/birthday-celebrations';
import { checkIn, correctAttendance, createCheckInCode, decideLeave, listAttendance, myAttendance, rsvp } from './attendance.service';
import { participateOnline } from './reflections.service';
import { cancelThemeDay, closeThemeDay, createThemeDay, getThemeDayFor, listThemeDays, publishThemeDay } from './themedays.service';

export const handler = createRouteGroup(themedayRoutes, {
  createThemeDay: ({ user, params, body }) => createThemeDay(user(), params.branchId, body),
  listThemeDays: ({ principal, params, query }) => listThemeDays(principal, params.branchId, query),
  getThemeDay: ({ principal, params }) => getThemeDayFor(principal, params.id),
  publishThemeDay: ({ user, params }) => publishThemeDay(user(), params.id),
  cancelThemeDay: ({ user, params, body }) => cancelThemeDay(user(), params.id, body),
  rsvp: ({ user, params, body }) => rsvp(user(), params.id, body),
  createCheckInCode: ({ user, params }) => createCheckInCode(user(), params.id),
  // A first check-in creates the record (the route's 201); a repeated scan changes nothing (200).
  checkIn: ({ user, params, body }) => checkIn(user(), params.id, body.code).then((r) => (r.repeated ? new Reply(200, r) : r)),
  listAttendance: ({ user, params, query }) => listAttendance(user(), params.id, query),
  correctAttendance: ({ user, params, body }) => correctAttendance(user(), params.id, params.userId, body.status),
  participateOnline: ({ user, params, body }) => participateOnline(user(), params.id, body.content),
  closeThemeDay: ({ user, params, body }) => closeThemeDay(user(), params.id, body.summary),
  myAttendance: ({ user, query }) => myAttendance(user(), query),
  politicalBirthdays: ({ user, params, query }) => politicalBirthdays(user(), params.branchId, query.month),
  decideLeave: ({ user, params, body }) => decideLeave(user(), params.id, params.userId, body.decision),
  celebrateBirthday: ({ user, params, body }) => celebrateBirthday(user(), params.branchId, params.userId, Number(params.year), body),
  birthdayCard: ({ user, params }) => birthdayCard(user(), params.branchId, params.userId, Number(params.year)),
});
