import * as z from 'zod/mini';
import { route } from './define';
import { Id, page, PageQuery } from '../schemas/common';
import { CreateInvitationBody, Invitation, InvitationCode, RedeemInvitationBody, RedeemResult } from '../schemas/people';

export const invitationRoutes = {
  createInvitation: route({
    method: 'POST', path: '/v1/invitations', group: 'invitations', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    body: CreateInvitationBody(), response: Invitation(),
  })),
  redeemInvitation: route({
    method: 'POST', path: '/v1/invitations/{code}/redeem', group: 'invitations', auth: 'user',
  }, () => ({
    params: z.strictObject({ code: InvitationCode() }), body: z.optional(RedeemInvitationBody()), response: RedeemResult(),
  })),
  listInvitations: route({
    method: 'GET', path: '/v1/orgs/{orgId}/invitations', group: 'invitations', auth: 'user',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), query: PageQuery(), response: page(Invitation()),
  })),
  revokeInvitation: route({
    method: 'DELETE', path: '/v1/invitations/{code}', group: 'invitations', auth: 'user',
  }, () => ({
    params: z.strictObject({ code: InvitationCode() }), response: Invitation(),
  })),
} as const;
