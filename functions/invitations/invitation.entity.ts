// Invitation codes: a grant waiting to be claimed, with a use counter. Kept a month past expiry for audit, then
// removed by TTL.
import type { Grant } from '@shared/schemas/people';
import { DAY_MS } from '@shared/time';
import { recordOf, type Item } from '../core/item';

export interface InvitationRecord extends Grant {
  code: string;
  maxUses: number;
  uses: number;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
}

export const invitationKeys = {
  invitation: (code: string) => ({ pk: `INVITE#${code}`, sk: 'INVITE' }),
};

export const invitationItem = (r: InvitationRecord): Item => ({
  ...invitationKeys.invitation(r.code),
  entity: 'invitation',
  ...r,
  ttl: Math.floor((Date.parse(r.expiresAt) + 30 * DAY_MS) / 1000),
});

export const toInvitationRecord = (item: Item): InvitationRecord => recordOf<InvitationRecord>(item);
