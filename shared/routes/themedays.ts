// 主题党日: theme days, attendance, online participation, political birthdays
import * as z from 'zod/mini';
import { route } from './define';
import { BirthdayCard, BirthdayYear, CelebrateBody, Celebration } from '../schemas/practices';
import { Id, page, PageQuery } from '../schemas/common';
import {
  AttendanceRecord,
  CancelThemeDayBody,
  CheckInBody,
  CheckInCode,
  CheckInResult,
  CloseResult,
  CloseThemeDayBody,
  CorrectAttendanceBody,
  CreateThemeDayBody,
  DecideLeaveBody,
  ListThemeDaysQuery,
  OnlineParticipation,
  OnlineParticipationBody,
  PoliticalBirthday,
  PoliticalBirthdaysQuery,
  PublishResult,
  RsvpBody,
  ThemeDay,
} from '../schemas/themeday';

export const themedayRoutes = {
  createThemeDay: route({
    method: 'POST', path: '/v1/branches/{branchId}/theme-days', group: 'themedays', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    params: z.strictObject({ branchId: Id() }), body: CreateThemeDayBody(), response: ThemeDay(),
  })),
  listThemeDays: route({
    method: 'GET', path: '/v1/branches/{branchId}/theme-days', group: 'themedays', auth: 'public',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), query: ListThemeDaysQuery(), response: page(ThemeDay()),
  })),
  getThemeDay: route({
    method: 'GET', path: '/v1/theme-days/{id}', group: 'themedays', auth: 'public',
  }, () => ({
    params: z.strictObject({ id: Id() }), response: ThemeDay(),
  })),
  publishThemeDay: route({
    method: 'POST', path: '/v1/theme-days/{id}/publish', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), response: PublishResult(),
  })),
  cancelThemeDay: route({
    method: 'POST', path: '/v1/theme-days/{id}/cancel', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), body: CancelThemeDayBody(), response: ThemeDay(),
  })),
  rsvp: route({
    method: 'PUT', path: '/v1/theme-days/{id}/rsvp', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), body: RsvpBody(), response: AttendanceRecord(),
  })),
  createCheckInCode: route({
    method: 'POST', path: '/v1/theme-days/{id}/check-in-codes', group: 'themedays', auth: 'user', status: 201,
  }, () => ({
    params: z.strictObject({ id: Id() }), response: CheckInCode(),
  })),
  checkIn: route({
    method: 'POST', path: '/v1/theme-days/{id}/check-ins', group: 'themedays', auth: 'user', status: 201,
  }, () => ({
    params: z.strictObject({ id: Id() }), body: CheckInBody(), response: CheckInResult(),
  })),
  listAttendance: route({
    method: 'GET', path: '/v1/theme-days/{id}/attendance', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), query: PageQuery(), response: page(AttendanceRecord()),
  })),
  correctAttendance: route({
    method: 'PUT', path: '/v1/theme-days/{id}/attendance/{userId}', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id(), userId: Id() }), body: CorrectAttendanceBody(), response: AttendanceRecord(),
  })),
  participateOnline: route({
    method: 'POST', path: '/v1/theme-days/{id}/online-participation', group: 'themedays', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    params: z.strictObject({ id: Id() }), body: OnlineParticipationBody(), response: OnlineParticipation(),
  })),
  closeThemeDay: route({
    method: 'POST', path: '/v1/theme-days/{id}/close', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), body: CloseThemeDayBody(), response: CloseResult(),
  })),
  myAttendance: route({
    method: 'GET', path: '/v1/me/attendance', group: 'themedays', auth: 'user',
  }, () => ({
    query: PageQuery(), response: page(z.extend(AttendanceRecord(), { themeDay: z.pick(ThemeDay(), { id: true, title: true, startsAt: true, status: true, branchId: true }) })),
  })),
  politicalBirthdays: route({
    method: 'GET', path: '/v1/branches/{branchId}/political-birthdays', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), query: PoliticalBirthdaysQuery(), response: z.object({ items: z.array(PoliticalBirthday()) }),
  })),
  decideLeave: route({
    method: 'PUT', path: '/v1/theme-days/{id}/leave-requests/{userId}', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id(), userId: Id() }), body: DecideLeaveBody(), response: AttendanceRecord(),
  })),
  /** The "1+X" political birthday: the secretary records the oath and the chosen extras for a member's year. */
  celebrateBirthday: route({
    method: 'PUT', path: '/v1/branches/{branchId}/political-birthdays/{userId}/{year}', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id(), userId: Id(), year: BirthdayYear() }), body: CelebrateBody(), response: Celebration(),
  })),
  /** The member's birthday card: years in the party and the 1+X record; shareable once celebrated. */
  birthdayCard: route({
    method: 'GET', path: '/v1/branches/{branchId}/birthday-cards/{userId}/{year}', group: 'themedays', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id(), userId: Id(), year: BirthdayYear() }), response: BirthdayCard(),
  })),
} as const;
