import * as z from 'zod/mini';
import { route } from './define';
import { DateString, Id } from '../schemas/common';
import { XlsxFile } from '../schemas/ledger';
import { MonthQuery } from '../schemas/practices';

/** 台账 as .xlsx: each with the permission and the figures of the screen that lists the same thing. */
export const exportRoutes = {
  exportRoster: route({
    method: 'GET', path: '/v1/exports/branches/{branchId}/roster', group: 'exports', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), response: XlsxFile(),
  })),
  exportMonthAttendance: route({
    method: 'GET', path: '/v1/exports/branches/{branchId}/attendance', group: 'exports', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), query: MonthQuery(), response: XlsxFile(),
  })),
  exportThemeDayAttendance: route({
    method: 'GET', path: '/v1/exports/theme-days/{id}/attendance', group: 'exports', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), response: XlsxFile(),
  })),
  exportStationConcerns: route({
    method: 'GET', path: '/v1/exports/stations/{stationId}/concerns', group: 'exports', auth: 'user',
  }, () => ({
    params: z.strictObject({ stationId: Id() }), response: XlsxFile(),
  })),
  exportStationBookings: route({
    method: 'GET', path: '/v1/exports/stations/{stationId}/bookings', group: 'exports', auth: 'user',
  }, () => ({
    params: z.strictObject({ stationId: Id() }), query: z.object({ date: z.optional(DateString()) }), response: XlsxFile(),
  })),
  // The practices' registers, here so that only this function bundles the .xlsx writer.
  exportDues: route({
    method: 'GET', path: '/v1/exports/branches/{branchId}/dues', group: 'exports', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), query: MonthQuery(), response: XlsxFile(),
  })),
  exportConcernOverview: route({
    method: 'GET', path: '/v1/exports/orgs/{orgId}/concern-overview', group: 'exports', auth: 'user',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), query: MonthQuery(), response: XlsxFile(),
  })),
} as const;
