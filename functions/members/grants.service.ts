// Grants per org: listed, added and revoked by whoever may invite to that role there (INVITATION_RULES). A revoked
// grant stops working on the very next request: the caller's grants are read on every request (users/principal.ts).
import { INVITATION_RULES, ROLE_SETS, rolesImplying } from '@shared/roles';
import type { AddGrantBody, OrgGrant } from '@shared/schemas/members';
import type { PageQuery } from '@shared/schemas/common';
import type { Grant } from '@shared/schemas/people';
import { ConflictError, NotFoundError } from '../core/errors';
import type { Page } from '../core/pagination';
import { requireRole, type Principal } from '../core/policy';
import { requireTarget, targetFor, type GrantTarget, type InvitableRole } from '../invitations/targets';
import { displayNames, getGrant, listOrgGrants, profilesById } from '../users/users.repository';
import { addGrantItem, revokeGrantItem } from './members.repository';
import type { Infer } from '@shared/schemas/lazy';

const toOrgGrant = (g: Grant & { userId: string; createdAt: string }, name: string): OrgGrant => ({
  userId: g.userId,
  displayName: name,
  role: g.role as OrgGrant['role'],
  orgId: g.orgId,
  grantedAt: g.createdAt,
});

/** The org's grants with each holder's name: for staff over it, and a branch's secretary. */
export async function listGrants(principal: Principal, orgId: string, q: Infer<typeof PageQuery>): Promise<Page<OrgGrant>> {
  const target = await requireTarget(orgId);
  requireRole(principal, ROLE_SETS.grantReaders, target.path);
  const page = await listOrgGrants(orgId, q.limit, q.cursor);
  const names = await displayNames(page.items.map((g) => g.userId));
  return { items: page.items.map((g) => toOrgGrant(g, names.get(g.userId)!)), nextCursor: page.nextCursor };
}

/** The target of a grant change, once the caller is allowed to make it. */
async function managedTarget(principal: Principal, role: Grant['role'], orgId: string): Promise<GrantTarget> {
  const target = await targetFor(role, orgId);
  requireRole(principal, INVITATION_RULES[role as InvitableRole].inviters, target.path);
  return target;
}

export async function addGrant(principal: Principal, orgId: string, body: Infer<typeof AddGrantBody>): Promise<OrgGrant> {
  const target = await managedTarget(principal, body.role, orgId);
  const profile = (await profilesById([body.userId])).get(body.userId);
  if (!profile || profile.deletedAt) throw new NotFoundError('用户不存在');
  const grant = { role: body.role, orgId };
  if ((await addGrantItem(principal, body.userId, grant, target, new Date().toISOString())) === 'gone') throw new NotFoundError('用户不存在');
  // Granting what is held already is no change: the existing grant, with its own date, answers.
  const held = await getGrant(body.userId, grant);
  return toOrgGrant({ ...grant, userId: body.userId, createdAt: held!.createdAt }, profile.displayName);
}

export async function revokeGrant(principal: Principal, orgId: string, role: Grant['role'], userId: string, confirm: boolean): Promise<void> {
  const target = await managedTarget(principal, role, orgId);
  const grant = { role, orgId };
  if (!(await getGrant(userId, grant))) throw new NotFoundError('该授权不存在或已撤销');
  // A secretary is a member of their branch (IMPLIED_ROLES): their member grant goes with the secretary grant, not alone.
  for (const implying of rolesImplying(role)) {
    if (await getGrant(userId, { role: implying, orgId })) throw new ConflictError('该党员是本支部书记，请先撤销其书记授权');
  }
  if (role === 'secretary' && !confirm) {
    const secretaries = await listOrgGrants(orgId, 2, undefined, 'secretary');
    if (secretaries.items.length === 1) throw new ConflictError('这是该支部唯一的书记，撤销后支部将没有书记。确认撤销请再次提交（confirm=true）');
  }
  if (!(await revokeGrantItem(principal, userId, grant, target))) throw new NotFoundError('该授权不存在或已撤销');
}
