import { exportRoutes } from '@shared/routes/exports';
import { createRouteGroup } from '../route-group';
import { exportMonthAttendance, exportRoster, exportStationBookings, exportStationConcerns, exportThemeDayAttendance } from './exports.service';

export const handler = createRouteGroup(exportRoutes, {
  exportRoster: ({ user, params }) => exportRoster(user(), params.branchId),
  exportMonthAttendance: ({ user, params, query }) => exportMonthAttendance(user(), params.branchId, query.month),
  exportThemeDayAttendance: ({ user, params }) => exportThemeDayAttendance(user(), params.id),
  exportStationConcerns: ({ user, params }) => exportStationConcerns(user(), params.stationId),
  exportStationBookings: ({ user, params, query }) => exportStationBookings(user(), params.stationId, query.date),
});
