// This group has idempotent routes.
import '../core/http/idempotency';
import { invitationRoutes } from '@shared/routes/invitations';
import { createRouteGroup } from '../route-group';
import { createInvitation, listInvitations, redeemInvitation, revokeInvitation } from './invitations.service';

export const handler = createRouteGroup(invitationRoutes, {
  createInvitation: ({ user, body }) => createInvitation(user(), body),
  redeemInvitation: ({ user, params, body }) => redeemInvitation(user(), params.code, body?.joinedPartyOn),
  listInvitations: ({ user, params, query }) => listInvitations(user(), params.orgId, query),
  revokeInvitation: ({ user, params }) => revokeInvitation(user(), params.code),
});
