// Logging in and out. The token the API issues is all the app keeps; WeChat's own session key stays on the server.
import Taro from '@tarojs/taro';
import type { User } from '@shared/schemas/people';
import { api } from './client';
import { clearSession, setPersona, setToken } from './session';

/** weapp: `wx.login` code → POST /v1/auth/wechat. */
export async function loginWithWechat(): Promise<User> {
  const { code } = await Taro.login();
  const auth = await api('loginWechat', { body: { code } });
  setPersona(null);
  setToken(auth.token);
  return auth.user;
}

/** Stage `local` only: log in as a seeded demo persona through POST /v1/auth/dev. */
export async function loginAsPersona(openid: string): Promise<User> {
  const auth = await api('loginDev', { body: { openid } });
  setToken(auth.token);
  setPersona(openid);
  return auth.user;
}

export function logout(): void {
  clearSession();
}
