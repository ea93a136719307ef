// This group has idempotent routes.
import '../core/http/idempotency';
import { memberRoutes } from '@shared/routes/members';
import { createRouteGroup, Reply } from '../route-group';
import { addGrant, listGrants, revokeGrant } from './grants.service';
import { leaveBranch, listMembers, updateMember } from './roster.service';
import { decideTransfer, listTransfers, requestTransfer } from './transfers.service';

export const handler = createRouteGroup(memberRoutes, {
  listGrants: ({ user, params, query }) => listGrants(user(), params.orgId, query),
  addGrant: ({ user, params, body }) => addGrant(user(), params.orgId, body),
  revokeGrant: async ({ user, params, query }) => {
    await revokeGrant(user(), params.orgId, params.role, params.userId, query.confirm === 'true');
    return new Reply(204, undefined);
  },
  listMembers: ({ user, params, query }) => listMembers(user(), params.branchId, query),
  updateMember: ({ user, params, body }) => updateMember(user(), params.branchId, params.userId, body),
  leaveBranch: async ({ user, params }) => {
    await leaveBranch(user(), params.branchId, params.userId);
    return new Reply(204, undefined);
  },
  requestTransfer: ({ user, params, body }) => requestTransfer(user(), params.branchId, params.userId, body),
  listTransfers: ({ user, params }) => listTransfers(user(), params.branchId),
  decideTransfer: ({ user, params, body }) => decideTransfer(user(), params.transferId, body),
});
