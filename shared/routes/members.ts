// Administration of people: grants per org, a branch's roster, transfers between branches and leaving. Served by the
// members function.
import * as z from 'zod/mini';
import { NoContent, route } from './define';
import { Id, page, PageQuery } from '../schemas/common';
import { InvitableRole } from '../schemas/people';
import {
  AddGrantBody,
  BranchTransfers,
  DecideTransferBody,
  OrgGrant,
  RequestTransferBody,
  RevokeGrantQuery,
  RosterMember,
  Transfer,
  UpdateMemberBody,
} from '../schemas/members';
import { lazy } from '../schemas/lazy';

const MemberParams = lazy(() => z.strictObject({ branchId: Id(), userId: Id() }));

export const memberRoutes = {
  listGrants: route({
    method: 'GET', path: '/v1/orgs/{orgId}/grants', group: 'members', auth: 'user',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), query: PageQuery(), response: page(OrgGrant()),
  })),
  addGrant: route({
    method: 'POST', path: '/v1/orgs/{orgId}/grants', group: 'members', auth: 'user',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), body: AddGrantBody(), response: OrgGrant(),
  })),
  revokeGrant: route({
    method: 'DELETE', path: '/v1/orgs/{orgId}/grants/{role}/{userId}', group: 'members', auth: 'user', status: 204,
  }, () => ({
    params: z.strictObject({ orgId: Id(), role: InvitableRole(), userId: Id() }), query: RevokeGrantQuery(), response: NoContent(),
  })),
  listMembers: route({
    method: 'GET', path: '/v1/branches/{branchId}/members', group: 'members', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), query: PageQuery(), response: page(RosterMember()),
  })),
  updateMember: route({
    method: 'PATCH', path: '/v1/branches/{branchId}/members/{userId}', group: 'members', auth: 'user',
  }, () => ({
    params: MemberParams(), body: UpdateMemberBody(), response: RosterMember(),
  })),
  leaveBranch: route({
    method: 'POST', path: '/v1/branches/{branchId}/members/{userId}/leave', group: 'members', auth: 'user', status: 204,
  }, () => ({
    params: MemberParams(), response: NoContent(),
  })),
  requestTransfer: route({
    method: 'POST', path: '/v1/branches/{branchId}/members/{userId}/transfers', group: 'members', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    params: MemberParams(), body: RequestTransferBody(), response: Transfer(),
  })),
  listTransfers: route({
    method: 'GET', path: '/v1/branches/{branchId}/transfers', group: 'members', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), response: BranchTransfers(),
  })),
  decideTransfer: route({
    method: 'POST', path: '/v1/transfers/{transferId}/decision', group: 'members', auth: 'user',
  }, () => ({
    params: z.strictObject({ transferId: Id() }), body: DecideTransferBody(), response: Transfer(),
  })),
} as const;
