import type * as z from 'zod';
import { INVITATION_RULES } from '@shared/roles';
import type { CreateInvitationBody, Invitation, User } from '@shared/schemas/people';
import { DAY_MS } from '@shared/time';
import { ConflictError, InvalidStateError, NotFoundError, UnauthenticatedError, ValidationError } from '../core/errors';
import { newCode } from '../core/ids';
import { requireRole, type Principal } from '../core/policy';
import { retrying, TRY_AGAIN } from '../core/transact';
import { getOrg, getStation } from '../orgs/orgs.repository';
import { loadPrincipal } from '../users/users.repository';
import { getInvitation, putInvitation, redeem } from './invitations.repository';

const TARGET_WORDS = { branch: '党支部', station: '驻点工作室', township: '乡镇（街道）', city: '市' } as const;
const DEFAULT_VALIDITY_MS = 7 * DAY_MS;
const MAX_VALIDITY_MS = 90 * DAY_MS;

async function targetPath(kind: keyof typeof TARGET_WORDS, orgId: string): Promise<string[] | undefined> {
  if (kind === 'station') return (await getStation(orgId))?.path;
  const org = await getOrg(orgId);
  return org?.type === kind ? org.path : undefined;
}

export async function createInvitation(principal: Principal, body: z.infer<typeof CreateInvitationBody>): Promise<Invitation> {
  const rule = INVITATION_RULES[body.role];
  const path = await targetPath(rule.target, body.orgId);
  if (!path) {
    throw new ValidationError(`该角色只能邀请到${TARGET_WORDS[rule.target]}`, [
      { path: 'orgId', message: `不是有效的${TARGET_WORDS[rule.target]}` },
    ]);
  }
  requireRole(principal, rule.inviters, path);

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
  };
  // 31^8 codes: a clash is rare, and the conditional put makes one harmless.
  const code = await retrying(
    async () => {
      const code = newCode(8);
      return (await putInvitation({ ...record, code })) ? code : TRY_AGAIN;
    },
    () => new ConflictError('生成邀请码失败，请重试'),
  );
  return { code, role: record.role, orgId: record.orgId, maxUses: record.maxUses, expiresAt: record.expiresAt };
}

export async function redeemInvitation(principal: Principal, code: string, joinedPartyOn?: string): Promise<User> {
  const inv = await getInvitation(code);
  if (!inv) throw new NotFoundError('邀请码不存在');
  if (Date.parse(inv.expiresAt) <= Date.now()) throw new InvalidStateError('邀请码已过期');
  const outcome = await redeem(inv, principal.userId, joinedPartyOn);
  if (outcome === 'used_up') {
    if (Date.parse(inv.expiresAt) <= Date.now()) throw new InvalidStateError('邀请码已过期');
    throw new ConflictError('邀请码已被用完');
  }
  if (outcome === 'account_deleted') throw new UnauthenticatedError('账号已注销');
  const fresh = await loadPrincipal(principal.userId);
  if (!fresh) throw new UnauthenticatedError('账号已注销');
  return fresh.user;
}
