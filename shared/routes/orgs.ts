import * as z from 'zod';
import { route } from './define';
import { Id, page, PageQuery } from '../schemas/common';
import { Org, Station } from '../schemas/people';

export const orgRoutes = {
  listOrgs: route({
    method: 'GET', path: '/v1/orgs', group: 'orgs', auth: 'public',
    query: PageQuery.extend({ parentId: Id.optional() }), response: page(Org),
  }),
  getOrg: route({
    method: 'GET', path: '/v1/orgs/{orgId}', group: 'orgs', auth: 'public',
    params: z.strictObject({ orgId: Id }), response: Org,
  }),
  listStations: route({
    method: 'GET', path: '/v1/stations', group: 'orgs', auth: 'public',
    query: PageQuery.extend({ orgId: Id }), response: page(Station),
  }),
  getStation: route({
    method: 'GET', path: '/v1/stations/{stationId}', group: 'orgs', auth: 'public',
    params: z.strictObject({ stationId: Id }), response: Station,
  }),
} as const;
