import * as z from 'zod/mini';
import { route } from './define';
import { DateString, Id, page, PageQuery, withDateRange } from '../schemas/common';
import { AuditEntry } from '../schemas/audit';
import { CreateOrgBody, CreateStationBody, Org, Station, UpdateOrgBody, UpdateStationBody } from '../schemas/orgs';

export const orgRoutes = {
  listOrgs: route({
    method: 'GET', path: '/v1/orgs', group: 'orgs', auth: 'public',
  }, () => ({
    // Archived orgs leave the pickers; administration asks for them with archived=include.
    query: z.extend(PageQuery(), { parentId: z.optional(Id()), archived: z.optional(z.literal('include')) }), response: page(Org()),
  })),
  getOrg: route({
    method: 'GET', path: '/v1/orgs/{orgId}', group: 'orgs', auth: 'public',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), response: Org(),
  })),
  listStations: route({
    method: 'GET', path: '/v1/stations', group: 'orgs', auth: 'public',
  }, () => ({
    query: z.extend(PageQuery(), { orgId: Id() }), response: page(Station()),
  })),
  getStation: route({
    method: 'GET', path: '/v1/stations/{stationId}', group: 'orgs', auth: 'public',
  }, () => ({
    params: z.strictObject({ stationId: Id() }), response: Station(),
  })),
  createOrg: route({
    method: 'POST', path: '/v1/orgs', group: 'orgs', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    body: CreateOrgBody(), response: Org(),
  })),
  /** Rename, move under another parent, or set a branch's sector. */
  updateOrg: route({
    method: 'PATCH', path: '/v1/orgs/{orgId}', group: 'orgs', auth: 'user',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), body: UpdateOrgBody(), response: Org(),
  })),
  archiveOrg: route({
    method: 'POST', path: '/v1/orgs/{orgId}/archive', group: 'orgs', auth: 'user',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), response: Org(),
  })),
  createStation: route({
    method: 'POST', path: '/v1/stations', group: 'orgs', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    body: CreateStationBody(), response: Station(),
  })),
  updateStation: route({
    method: 'PATCH', path: '/v1/stations/{stationId}', group: 'orgs', auth: 'user',
  }, () => ({
    params: z.strictObject({ stationId: Id() }), body: UpdateStationBody(), response: Station(),
  })),
  /** The audit log of one org, newest first; `from`/`to` are Asia/Shanghai dates, both included. */
  listAudit: route({
    method: 'GET', path: '/v1/audit', group: 'orgs', auth: 'user',
  }, () => ({
    query: withDateRange(z.extend(PageQuery(), { orgId: Id(), from: z.optional(DateString()), to: z.optional(DateString()) })), response: page(AuditEntry()),
  })),
} as const;
