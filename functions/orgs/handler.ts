import { NotFoundError } from '../core/errors';
import { orgRoutes } from '@shared/routes/orgs';
import { createRouteGroup } from '../route-group';
import { getOrg, getStation, listChildren, listStations } from './orgs.repository';

export const handler = createRouteGroup(orgRoutes, {
  listOrgs: ({ query }) => listChildren(query.parentId, query.limit, query.cursor),
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
});
