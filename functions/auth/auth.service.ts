import type { AuthResponse } from '@shared/schemas/people';
import { NotFoundError, UnauthenticatedError } from '../core/errors';
import { issueToken } from '../core/tokens';
import { createUserForOpenid, findUserIdByOpenid, loadPrincipal } from '../users/users.repository';
import { code2Session } from '../wechat/wechat-client';

async function sessionFor(openid: string, displayName?: string): Promise<AuthResponse> {
  const userId = (await findUserIdByOpenid(openid)) ?? (await createUserForOpenid(openid, displayName ?? defaultName(openid)));
  const principal = await loadPrincipal(userId);
  if (!principal) throw new UnauthenticatedError('账号不可用，请重新登录');
  return { token: await issueToken(userId), user: principal.user };
}

const defaultName = (openid: string) => `微信用户${openid.slice(-4)}`;

export async function loginWithWechat(code: string): Promise<AuthResponse> {
  const { openid } = await code2Session(code);
  return sessionFor(openid);
}

/** Persona login for the local stage; on every other stage the route does not exist. */
export async function loginDev(stageIsLocal: boolean, openid: string, displayName?: string): Promise<AuthResponse> {
  if (!stageIsLocal) throw new NotFoundError('接口不存在');
  return sessionFor(openid, displayName);
}
