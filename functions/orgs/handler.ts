// This group has idempotent routes.
import '../core/http/idempotency';
import { NotFoundError } from '../core/errors';
import { orgRoutes } from '@shared/routes/orgs';
import { createRouteGroup } from '../route-group';
import { listAudit } from '../audit/audit.reader';
import { archiveOrg, createOrg, updateOrg } from './org-admin.service';
import { getOrg, getStation, listChildren, listStations } from './orgs.repository';
import { createStation, updateStation } from './stations-admin.service';

export const handler = createRouteGroup(orgRoutes, {
  listOrgs: ({ query }) => listChildren(query.parentId, query.limit, query.cursor, query.archived === 'include'),
  getOrg: async ({ params }) => {
    const org = await getOrg(params.orgId);
    if (!org) throw new NotFoundError('组织不存在');
    return org;
  },
  listStations: ({ query }) => listStations(query.orgId, query.limit, query.cursor),
  getStation: async ({ params }) => {
    const station = await getStation(params.stationId);
    if (!station) throw new NotFoundError('驻点工作室不存在');
    return station;
  },
  createOrg: ({ user, body }) => createOrg(user(), body),
  updateOrg: ({ user, params, body }) => updateOrg(user(), params.orgId, body),
  archiveOrg: ({ user, params }) => archiveOrg(user(), params.orgId),
  createStation: ({ user, body }) => createStation(user(), body),
  updateStation: ({ user, params, body }) => updateStation(user(), params.stationId, body),
  listAudit: ({ user, query }) => listAudit(user(), query),
});
