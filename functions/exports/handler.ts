import { exportRoutes } from '@shared/routes/exports';
import { createRouteGroup } from '../route-group';
import { exportConcernOverview } from '../concerns/overview.export';
import { exportDues } from '../dues/dues.export';
import { exportMonthAttendance, exportRoster, exportStationBookings, exportStationConcerns, exportThemeDayAttendance } from './exports.service';

export const handler = createRouteGroup(exportRoutes, {
  exportRoster: ({ user, params }) => exportRoster(user(), params.branchId),
  exportMonthAttendance: ({ user, params, query }) => exportMonthAttendance(user(), params.branchId, query.month),
  exportThemeDayAttendance: ({ user, params }) => exportThemeDayAttendance(user(), params.id),
  exportStationConcerns: ({ user, params }) => exportStationConcerns(user(), params.stationId),
  exportStationBookings: ({ user, params, query }) => exportStationBookings(user(), params.stationId, query.date),
  exportDues: ({ user, params, query }) => exportDues(user(), params.branchId, query.month),
  exportConcernOverview: ({ user, params, query }) => exportConcernOverview(user(), params.orgId, query.month),
});
