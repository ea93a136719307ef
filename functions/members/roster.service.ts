// A branch's roster (花名册) for its secretary and the staff above it: each member with masked phone, 入党日期,
// 正式/预备 and the date they joined the branch. Members leave here too; their history (attendance, ideas) stays.
import { ROLE_SETS } from '@shared/roles';
import type { RosterMember, UpdateMemberBody } from '@shared/schemas/members';
import type { PageQuery } from '@shared/schemas/common';
import { addDays, shanghaiDate, startOfShanghaiDay } from '@shared/time';
import { NotFoundError, ValidationError } from '../core/errors';
import type { Page } from '../core/pagination';
import { holds, requireRole, type Principal } from '../core/policy';
import { requireBranch } from '../orgs/branches';
import type { OrgRecord } from '../orgs/orgs.repository';
import type { ProfileRecord } from '../users/user.entity';
import { getGrant, listMemberGrants, profilesById, type MemberGrant } from '../users/users.repository';
import { leaveItems, updateMemberProfile } from './members.repository';
import type { Infer } from '@shared/schemas/lazy';

const toRosterMember = (g: MemberGrant, p: ProfileRecord | undefined): RosterMember => ({
  userId: g.userId,
  displayName: p?.displayName ?? '',
  ...(p?.phoneMasked ? { phoneMasked: p.phoneMasked } : {}),
  ...(p?.joinedPartyOn ? { joinedPartyOn: p.joinedPartyOn } : {}),
  ...(p?.partyStatus ? { partyStatus: p.partyStatus } : {}),
  joinedBranchAt: g.createdAt,
  wechatBound: Boolean(p?.openid),
});

/** The branch, once the caller may administer its people. */
export async function administeredBranch(principal: Principal, branchId: string): Promise<OrgRecord> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.branchModerators, branch.path);
  return branch;
}

/** The member's grant on the branch, or 404. */
export async function requireMember(branchId: string, userId: string): Promise<MemberGrant> {
  const grant = await getGrant(userId, { role: 'member', orgId: branchId });
  if (!grant) throw new NotFoundError('该党员不在本支部');
  return grant;
}

export async function listMembers(principal: Principal, branchId: string, q: Infer<typeof PageQuery>): Promise<Page<RosterMember>> {
  await administeredBranch(principal, branchId);
  const page = await listMemberGrants(branchId, q.limit, q.cursor);
  const profiles = await profilesById(page.items.map((g) => g.userId));
  return { items: page.items.map((g) => toRosterMember(g, profiles.get(g.userId))), nextCursor: page.nextCursor };
}

export async function updateMember(principal: Principal, branchId: string, userId: string, body: UpdateMemberBody): Promise<RosterMember> {
  const branch = await administeredBranch(principal, branchId);
  const grant = await requireMember(branchId, userId);
  if (body.joinedPartyOn && body.joinedPartyOn > shanghaiDate()) {
    throw new ValidationError('入党日期不能晚于今天', [{ path: 'joinedPartyOn', message: '不能晚于今天' }]);
  }
  const before = (await profilesById([userId])).get(userId);
  const changes = { joinedPartyOn: body.joinedPartyOn, partyStatus: body.partyStatus };
  const pick = (p: { joinedPartyOn?: string | null; partyStatus?: string } | undefined) => ({ joinedPartyOn: p?.joinedPartyOn ?? null, partyStatus: p?.partyStatus ?? null });
  const after = { ...pick(before), ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  if (!(await updateMemberProfile(principal, userId, changes, { org: branch, before: pick(before), after }))) throw new NotFoundError('该用户已注销');
  return toRosterMember(grant, (await profilesById([userId])).get(userId));
}

/** The member leaves (they themselves, or the branch's secretary or staff record it); counted at days of today still. */
export async function leaveBranch(principal: Principal, branchId: string, userId: string): Promise<void> {
  const branch = await requireBranch(branchId);
  if (userId !== principal.userId || !holds(principal, ROLE_SETS.branchMembers, branch.path)) {
    requireRole(principal, ROLE_SETS.branchModerators, branch.path);
  }
  const grant = await requireMember(branchId, userId);
  const leftAt = new Date(startOfShanghaiDay(addDays(shanghaiDate(), 1))).toISOString();
  if (!(await leaveItems(principal, userId, branch, grant.createdAt, leftAt))) throw new NotFoundError('该党员不在本支部');
}
