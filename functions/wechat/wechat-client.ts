// Our own small client for WeChat's server API (no well-kept Node SDK exists): code2Session, the stable access
// token, msgSecCheck v2 and subscribeMessage.send. session_key is dropped on arrival: we issue our own token.
import { config } from '../core/config';
import { RateLimitedError, UnavailableError, ValidationError } from '../core/errors';
import { secrets } from '../core/secrets';

/** WeChat answered with an error code. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat error ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/** WeChat could not be reached, timed out, or answered something that is not its JSON. */
export class WechatUnreachableError extends Error {
  override readonly name = 'WechatUnreachableError';
}

interface Reply {
  errcode?: number;
  errmsg?: string;
}

async function callWechat<T extends Reply>(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<T> {
  const url = new URL(path, config.wechat.apiBase);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(config.wechat.timeoutMs),
    });
  } catch (err) {
    throw new WechatUnreachableError(`WeChat ${path}: ${(err as Error).name}`);
  }
  if (!res.ok) throw new WechatUnreachableError(`WeChat ${path}: HTTP ${res.status}`);
  let reply: T;
  try {
    reply = (await res.json()) as T;
  } catch {
    throw new WechatUnreachableError(`WeChat ${path}: not JSON`);
  }
  if (reply.errcode) throw new WechatApiError(reply.errcode, reply.errmsg ?? '');
  return reply;
}

// --- Login -------------------------------------------------------------------------------------------------

export interface WechatSession {
  openid: string;
  unionid?: string;
}

export async function code2Session(code: string): Promise<WechatSession> {
  let reply: { openid?: string; unionid?: string } & Reply;
  try {
    reply = await callWechat('GET', '/sns/jscode2session', {
      appid: config.wechat.appId,
      secret: (await secrets()).wechatAppSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
  } catch (err) {
    if (err instanceof WechatUnreachableError) throw new UnavailableError('微信服务暂时无法连接，请稍后再试');
    if (!(err instanceof WechatApiError)) throw err;
    switch (err.errcode) {
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
  if (!reply.openid) throw new UnavailableError('微信登录返回异常，请稍后再试');
  return { openid: reply.openid, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
}

// --- Access token ------------------------------------------------------------------------------------------

/** Refresh this long before WeChat's expiry, so no call goes out with a token about to lapse. */
const REFRESH_EARLY_MS = 5 * 60 * 1000;
let token: { value: string; expiresAt: number } | undefined;
let pending: Promise<string> | undefined;

/**
 * The stable access token (getStableAccessToken): every container asking gets the same token from WeChat, so a
 * per-container cache is safe. `force` after a 40001 fetches a fresh one.
 */
export async function accessToken(force = false): Promise<string> {
  if (!force && token && token.expiresAt - REFRESH_EARLY_MS > Date.now()) return token.value;
  pending ??= (async () => {
    try {
      const reply = await callWechat<{ access_token: string; expires_in: number } & Reply>('POST', '/cgi-bin/stable_token', {}, {
        grant_type: 'client_credential',
        appid: config.wechat.appId,
        secret: (await secrets()).wechatAppSecret,
        force_refresh: force,
      });
      token = { value: reply.access_token, expiresAt: Date.now() + reply.expires_in * 1000 };
      return token.value;
    } finally {
      pending = undefined;
    }
  })();
  return pending;
}

const INVALID_TOKEN = new Set([40001, 42001, 40014]);

/** Calls an access-token API; a token WeChat calls invalid or expired is refreshed once and the call repeated. */
async function withToken<T extends Reply>(path: string, body: unknown): Promise<T> {
  try {
    return await callWechat<T>('POST', path, { access_token: await accessToken() }, body);
  } catch (err) {
    if (!(err instanceof WechatApiError) || !INVALID_TOKEN.has(err.errcode)) throw err;
    return callWechat<T>('POST', path, { access_token: await accessToken(true) }, body);
  }
}

// --- Content security (msgSecCheck v2) ---------------------------------------------------------------------

export type SecScene = 1 | 2 | 3 | 4; // 资料, 评论, 论坛, 社交日志

export interface SecCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  label?: number;
}

export async function msgSecCheck(content: string, openid: string, scene: SecScene): Promise<SecCheckResult> {
  const reply = await withToken<{ result?: { suggest?: string; label?: number } } & Reply>('/wxa/msg_sec_check', {
    content,
    version: 2,
    scene,
    openid,
  });
  const suggest = reply.result?.suggest;
  if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') throw new WechatUnreachableError('msgSecCheck: no verdict');
  return { suggest, ...(reply.result?.label !== undefined ? { label: reply.result.label } : {}) };
}

// --- Subscribe messages ------------------------------------------------------------------------------------

/** Value limits of subscribe-message fields by key prefix (thing ≤ 20 characters, …). */
const FIELD_LIMITS: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32, number: 32, letter: 32, symbol: 5, car_number: 8, time: 40, date: 40, amount: 40, phone_number: 17 };

export function fitField(key: string, value: string): string {
  const prefix = key.replace(/\d+$/, '');
  const limit = FIELD_LIMITS[prefix];
  const chars = [...value];
  if (!limit || chars.length <= limit) return value;
  return `${chars.slice(0, limit - 1).join('')}…`;
}

export type SendOutcome = 'sent' | 'no_grant';

export async function sendSubscribeMessage(msg: {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, string>;
}): Promise<SendOutcome> {
  try {
    await withToken('/cgi-bin/message/subscribe/send', {
      touser: msg.openid,
      template_id: msg.templateId,
      ...(msg.page ? { page: msg.page } : {}),
      data: Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, { value: fitField(k, v) }])),
      miniprogram_state: config.stage === 'prod' ? 'formal' : 'trial',
      lang: 'zh_CN',
    });
    return 'sent';
  } catch (err) {
    // 43101: the user has no one-time grant left for this template.
    if (err instanceof WechatApiError && err.errcode === 43101) return 'no_grant';
    throw err;
  }
}

