import { config } from '../core/config';
import { authRoutes } from '@shared/routes/auth';
import { createRouteGroup } from '../route-group';
import { loginDev, loginWithWechat } from './auth.service';

export const handler = createRouteGroup(authRoutes, {
  loginWechat: ({ body }) => loginWithWechat(body.code),
  loginDev: ({ body }) => loginDev(config.isLocal, body.openid, body.displayName),
});
