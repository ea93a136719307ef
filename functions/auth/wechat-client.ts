// Our own small client for WeChat's server API (no well-kept SDK exists). Only code2Session for now.
// session_key is deliberately dropped: we issue our own token and never need WeChat's.
import { config } from '../core/config';
import { RateLimitedError, UnavailableError, ValidationError } from '../core/errors';
import { secrets } from '../core/secrets';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

interface Code2SessionReply {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

async function getJson<T>(path: string, query: Record<string, string>): Promise<T> {
  const url = new URL(path, config.wechat.apiBase);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(config.wechat.timeoutMs) });
  } catch {
    throw new UnavailableError('微信服务暂时无法连接，请稍后再试');
  }
  if (!res.ok) throw new UnavailableError('微信服务暂时不可用，请稍后再试');
  try {
    return (await res.json()) as T;
  } catch {
    throw new UnavailableError('微信服务返回异常，请稍后再试');
  }
}

export async function code2Session(code: string): Promise<WechatSession> {
  const reply = await getJson<Code2SessionReply>('/sns/jscode2session', {
    appid: config.wechat.appId,
    secret: (await secrets()).wechatAppSecret,
    js_code: code,
    grant_type: 'authorization_code',
  });
  switch (reply.errcode ?? 0) {
    case 0:
      if (!reply.openid) throw new UnavailableError('微信登录返回异常，请稍后再试');
      return { openid: reply.openid, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
    case 40029: // invalid code
    case 40163: // code already used
      throw new ValidationError('登录凭证无效或已过期，请重新登录', [{ path: 'code', message: '登录凭证无效' }]);
    case 45011: // per-user frequency limit
      throw new RateLimitedError('登录太频繁，请稍后再试', 60);
    case -1: // system busy
      throw new UnavailableError('微信系统繁忙，请稍后再试');
    default:
      throw new UnavailableError('微信登录失败，请稍后再试');
  }
}
