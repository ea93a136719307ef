// Binding invitations: how a member whose profile nobody can log in to (an imported member) reaches it. The branch's
// secretary makes a personal code for the profile; the member, logged in with WeChat, redeems it, and their WeChat
// moves to the profile: the app continues as that profile, with a new token. The caller's own account must be empty
// (the temporary profile a first login makes) and is removed; one that holds anything is refused, never merged.
import type { RedeemResult } from '@shared/schemas/people';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../core/errors';
import type { Principal } from '../core/policy';
import { issueToken } from '../core/tokens';
import { findUserIdByOpenid, getGrant, loadPrincipal, profilesById } from '../users/users.repository';
import { accountHoldings, bindWechat } from './binding.repository';
import type { InvitationRecord } from './invitation.entity';
import type { GrantTarget } from './targets';

const ALREADY_BOUND = '该党员档案已绑定微信，请用已绑定的微信登录；如需更换请联系支部书记';

/** The profile a binding invitation may be made for: a member of the branch, not erased, with no WeChat yet. */
export async function requireBindable(branchId: string, userId: string, maxUses: number | undefined): Promise<void> {
  if (maxUses !== undefined && maxUses !== 1) throw new ValidationError('绑定邀请只能使用一次', [{ path: 'maxUses', message: '须为 1' }]);
  const [grant, profiles] = await Promise.all([getGrant(userId, { role: 'member', orgId: branchId }), profilesById([userId])]);
  const profile = profiles.get(userId);
  if (!grant || !profile || profile.deletedAt) throw new NotFoundError('该党员不在本支部');
  if (profile.openid) throw new ConflictError(ALREADY_BOUND);
}

/** The session of the bound profile: its user and a new token. */
async function sessionOf(userId: string): Promise<RedeemResult> {
  const bound = await loadPrincipal(userId);
  if (!bound) throw new ConflictError('该党员档案已注销，请联系支部书记');
  return { ...bound.user, token: await issueToken(userId) };
}

/** Binds the caller's WeChat to the invitation's profile; `unusable` tells why the code could not be used. */
export async function redeemBinding(
  principal: Principal,
  inv: InvitationRecord & { bindUserId: string },
  org: GrantTarget,
  unusable: () => Promise<Error>,
): Promise<RedeemResult> {
  const toUserId = inv.bindUserId;
  // A repeated tap after the binding: the caller is the profile already.
  if (principal.userId === toUserId) return principal.user;
  const openid = principal.openid;
  if (!openid) throw new ConflictError('当前账号未登录微信，无法绑定');
  const [profiles, holdings] = await Promise.all([profilesById([toUserId, principal.userId]), accountHoldings(principal.userId)]);
  const profile = profiles.get(toUserId);
  if (!profile || profile.deletedAt) throw new NotFoundError('该党员档案已不存在，请联系支部书记');
  // A second tap that read the profile after the first one bound this very WeChat to it.
  if (profile.openid === openid) return sessionOf(toUserId);
  if (profile.openid) throw new ConflictError(ALREADY_BOUND);
  if (holdings.grants) throw new ConflictError('当前微信已是党员或干部账号，不能再绑定其他党员档案，请联系支部书记处理');
  if (holdings.records) throw new ConflictError('当前微信账号已有说事或预约记录，不能自动合并到党员档案，请联系支部书记处理');
  const fromUpdatedAt = profiles.get(principal.userId)?.updatedAt;
  if (!fromUpdatedAt) throw new UnauthenticatedError('账号已注销');

  // The person is the actor: the log reads "<member> bound their WeChat", the empty account named in the entry.
  const actor: Principal = { userId: toUserId, grants: [], user: { id: toUserId, displayName: profile.displayName, grants: [] } };
  const outcome = await bindWechat(actor, { code: inv.code, org, openid, fromUserId: principal.userId, fromUpdatedAt, toUserId });
  if (outcome === 'bound') return sessionOf(toUserId);
  // Two taps of the same person at once: the other one bound this WeChat to the profile.
  if ((await findUserIdByOpenid(openid)) === toUserId) return sessionOf(toUserId);
  if (outcome === 'profile_bound') throw new ConflictError(ALREADY_BOUND);
  if (outcome === 'unusable') throw await unusable();
  throw new ConflictError('当前账号刚有变化，未能绑定，请重新登录后再试');
}
