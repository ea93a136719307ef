import { route } from './define';
import { AuthResponse, DevLoginBody, WechatLoginBody } from '../schemas/people';

export const authRoutes = {
  loginWechat: route({
    method: 'POST', path: '/v1/auth/wechat', group: 'auth', auth: 'public',
  }, () => ({
    body: WechatLoginBody(), response: AuthResponse(),
  })),
  loginDev: route({
    method: 'POST', path: '/v1/auth/dev', group: 'auth', auth: 'public', localOnly: true,
  }, () => ({
    body: DevLoginBody(), response: AuthResponse(),
  })),
} as const;
