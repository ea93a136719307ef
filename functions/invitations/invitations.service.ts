import { INVITATION_RULES } from '@shared/roles';
import type { CreateInvitationBody, Invitation, RedeemResult } from '@shared/schemas/people';
import type { PageQuery } from '@shared/schemas/common';
import { DAY_MS } from '@shared/time';
import { ConflictError, ForbiddenError, InvalidStateError, NotFoundError, UnauthenticatedError, ValidationError } from '../core/errors';
import { newCode } from '../core/ids';
import type { Page } from '../core/pagination';
import { holds, requireRole, type Principal } from '../core/policy';
import { retrying, TRY_AGAIN } from '../core/transact';
import { loadPrincipal } from '../users/users.repository';
import { redeemBinding, requireBindable } from './binding';
import { toInvitation, type InvitationRecord } from './invitation.entity';
import { getInvitation, listInvitationsOf, putInvitation, redeem, revokeInvitationCode } from './invitations.repository';
import { requireTarget, targetFor, type InvitableRole } from './targets';
import type { Infer } from '@shared/schemas/lazy';

const DEFAULT_VALIDITY_MS = 7 * DAY_MS;
const MAX_VALIDITY_MS = 90 * DAY_MS;

export async function createInvitation(principal: Principal, body: Infer<typeof CreateInvitationBody>): Promise<Invitation> {
  const rule = INVITATION_RULES[body.role];
  const target = await targetFor(body.role, body.orgId);
  requireRole(principal, rule.inviters, target.path);
  if (body.bindUserId) {
    if (body.role !== 'member') throw new ValidationError('绑定邀请只能发给本支部党员', [{ path: 'role', message: '须为 member' }]);
    await requireBindable(target.id, body.bindUserId, body.maxUses);
  }

  const now = Date.now();
  const expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : now + DEFAULT_VALIDITY_MS;
  if (expiresAt <= now || expiresAt > now + MAX_VALIDITY_MS) {
    throw new ValidationError('有效期须在 90 天以内', [{ path: 'expiresAt', message: '须晚于现在且不超过 90 天' }]);
  }
  const record = {
    role: body.role,
    orgId: body.orgId,
    maxUses: body.maxUses ?? 1,
    uses: 0,
    expiresAt: new Date(expiresAt).toISOString(),
    createdBy: principal.userId,
    createdAt: new Date(now).toISOString(),
    ...(body.bindUserId ? { bindUserId: body.bindUserId } : {}),
  };
  // 31^8 codes: a clash is rare, and the conditional put makes one harmless.
  const stored = await retrying(
    async () => {
      const inv = { ...record, code: newCode(8) };
      return (await putInvitation(principal, inv, target)) ? inv : TRY_AGAIN;
    },
    () => new ConflictError('生成邀请码失败，请重试'),
  );
  return toInvitation(stored);
}

/** Why a code can no longer be redeemed, in the words the person holding it sees. */
function unusable(inv: InvitationRecord): Error | undefined {
  if (inv.revokedAt) return new InvalidStateError('邀请码已被撤销，请向邀请人索取新的邀请码');
  if (Date.parse(inv.expiresAt) <= Date.now()) return new InvalidStateError('邀请码已过期，请向邀请人索取新的邀请码');
  if (inv.uses >= inv.maxUses) return new ConflictError('邀请码已被用完');
  return undefined;
}

/** Why the code could not be used just now, read again. */
const unusableNow = async (code: string): Promise<Error> => {
  const now = await getInvitation(code);
  return (now && unusable(now)) ?? new ConflictError('邀请码已被用完');
};

export async function redeemInvitation(principal: Principal, code: string, joinedPartyOn?: string): Promise<RedeemResult> {
  const inv = await getInvitation(code);
  if (!inv) throw new NotFoundError('邀请码不存在');
  // A used-up code is still fine for someone who already holds its grant: the transaction tells.
  if (inv.revokedAt || Date.parse(inv.expiresAt) <= Date.now()) throw unusable(inv)!;
  const target = await requireTarget(inv.orgId);
  if (inv.bindUserId) return redeemBinding(principal, { ...inv, bindUserId: inv.bindUserId }, target, () => unusableNow(code));
  const outcome = await redeem(principal, inv, target, joinedPartyOn);
  if (outcome === 'unusable') throw await unusableNow(code);
  if (outcome === 'account_deleted') throw new UnauthenticatedError('账号已注销');
  const fresh = await loadPrincipal(principal.userId);
  if (!fresh) throw new UnauthenticatedError('账号已注销');
  return fresh.user;
}

/** May the caller hand out (and so see and revoke) invitations of this role on this path? */
const mayInvite = (principal: Principal, role: string, path: string[]) => holds(principal, INVITATION_RULES[role as InvitableRole]?.inviters ?? [], path);

/** An org's invitations the caller could have made: a secretary sees their branch's member codes, staff all of them. */
export async function listInvitations(principal: Principal, orgId: string, q: Infer<typeof PageQuery>): Promise<Page<Invitation>> {
  const target = await requireTarget(orgId);
  const roles = Object.keys(INVITATION_RULES).filter((role) => mayInvite(principal, role, target.path));
  if (!roles.length) throw new ForbiddenError();
  const page = await listInvitationsOf(orgId, q.limit, q.cursor);
  return { items: page.items.filter((i) => roles.includes(i.role)).map(toInvitation), nextCursor: page.nextCursor };
}

export async function revokeInvitation(principal: Principal, code: string): Promise<Invitation> {
  const inv = await getInvitation(code);
  if (!inv) throw new NotFoundError('邀请码不存在');
  const target = await requireTarget(inv.orgId);
  requireRole(principal, INVITATION_RULES[inv.role as InvitableRole]?.inviters ?? [], target.path);
  if (inv.revokedAt) return toInvitation(inv);
  const at = new Date().toISOString();
  if (!(await revokeInvitationCode(principal, inv, target, at))) return toInvitation((await getInvitation(code)) ?? inv);
  return toInvitation({ ...inv, revokedAt: at });
}
