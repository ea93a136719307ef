// Invitation codes: a grant waiting to be claimed, with a use counter. Listed per org (gsi1). Kept a month past expiry
// for audit, then removed by TTL.
import type { Grant, Invitation } from '@shared/schemas/people';
import { DAY_MS } from '@shared/time';
import { recordOf, type Item } from '../core/item';

export interface InvitationRecord extends Grant {
  code: string;
  maxUses: number;
  uses: number;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  revokedAt?: string;
  /** A binding invitation: the profile (not bound to WeChat yet) that redeeming it binds the caller's WeChat to. */
  bindUserId?: string;
}

export const invitationKeys = {
  invitation: (code: string) => ({ pk: `INVITE#${code}`, sk: 'INVITE' }),
  ofOrg: (orgId: string) => `ORG#${orgId}#INVITATIONS`,
};

export const invitationItem = (r: InvitationRecord): Item => ({
  ...invitationKeys.invitation(r.code),
  gsi1pk: invitationKeys.ofOrg(r.orgId),
  gsi1sk: `${r.createdAt}#${r.code}`,
  entity: 'invitation',
  ...r,
  ttl: Math.floor((Date.parse(r.expiresAt) + 30 * DAY_MS) / 1000),
});

export const toInvitationRecord = (item: Item): InvitationRecord => recordOf<InvitationRecord>(item);

/** What the API shows of an invitation (not who made it). */
export const toInvitation = (r: InvitationRecord): Invitation => ({
  code: r.code,
  role: r.role as Invitation['role'],
  orgId: r.orgId,
  maxUses: r.maxUses,
  expiresAt: r.expiresAt,
  uses: r.uses,
  createdAt: r.createdAt,
  ...(r.revokedAt ? { revokedAt: r.revokedAt } : {}),
  ...(r.bindUserId ? { bindUserId: r.bindUserId } : {}),
});
