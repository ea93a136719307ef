// Pure helpers for the people pages (成员管理, 邀请, 权限): who may invite whom where, labels and the redeem link. The
// API decides; these only choose what to offer. No Taro imports.
import { INVITATION_RULES, ROLE_SETS, grantOrgIds } from '@shared/roles';
import type { Invitation, Org, User } from '@shared/schemas/people';

type Holder = Pick<User, 'grants'> | null | undefined;
export type InvitableRole = keyof typeof INVITATION_RULES;

import { PARTY_STATUS_LABELS } from '@shared/labels';
export { PARTY_STATUS_LABELS };

/** The orgs where the user manages people: branches they lead, and the orgs they run as staff. */
export const peopleScopes = (user: Holder): string[] => grantOrgIds(user, ROLE_SETS.grantReaders);

/** Roles the user may invite to `org` (its chain root first, itself last), as the API's INVITATION_RULES say. */
export function invitableRoles(user: Holder, chain: Org[]): InvitableRole[] {
  const org = chain[chain.length - 1];
  if (!org) return [];
  const ids = new Set(chain.map((o) => o.id));
  const holds = (roles: readonly string[]) => (user?.grants ?? []).some((g) => roles.includes(g.role) && ids.has(g.orgId));
  return (Object.keys(INVITATION_RULES) as InvitableRole[]).filter((role) => {
    const rule = INVITATION_RULES[role];
    return rule.target !== 'station' && rule.target === org.type && holds(rule.inviters);
  });
}

/** 有效 / 已撤销 / 已过期 / 已用完, as the redeemer would be told. */
export function invitationState(inv: Invitation, now = Date.now()): { label: string; usable: boolean } {
  if (inv.revokedAt) return { label: '已撤销', usable: false };
  if (Date.parse(inv.expiresAt) <= now) return { label: '已过期', usable: false };
  if ((inv.uses ?? 0) >= inv.maxUses) return { label: '已用完', usable: false };
  return { label: `有效 · 已用 ${inv.uses ?? 0}/${inv.maxUses}`, usable: true };
}

/** What the QR code holds and the share card opens: the redeem page with the code. */
export const redeemPath = (code: string): string => `/packages/people/redeem/index?code=${encodeURIComponent(code)}`;
