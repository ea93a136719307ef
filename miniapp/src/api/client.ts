// Typed client for the HTTP API, built on the shared route table and Taro.request.
//   const me = await api('getMe');
//   await api('redeemInvitation', { params: { code }, body: {} });
import Taro from '@tarojs/taro';
import {
  buildPath,
  routes,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '@shared/routes';
import type { ErrorCode } from '@shared/schemas/common';
import { API_BASE, IS_H5, IS_LOCAL, IS_WEAPP } from '../env';
import { currentPath, goLogin, pathOf } from '../lib/nav';
import { clearSession, getPersona, getToken, setToken } from './session';

export const NETWORK_MESSAGE = '网络不给力，请稍后再试';
/** The API's own words for 503/504 (UNAVAILABLE), also used when a gateway answers them without a body. */
const BUSY_MESSAGE = '服务繁忙，请稍后再试';
const SESSION_EXPIRED_MESSAGE = '登录已过期，请重新登录';
const TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 3_000;

export type ApiErrorCode = ErrorCode | 'NETWORK' | 'UNKNOWN';
export interface ApiErrorDetail {
  path: string;
  message: string;
}

/** Any failed call: an error body from the API, or `status: 0, code: 'NETWORK'` when no answer came. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: ApiErrorCode, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    // Keeps `instanceof` working when classes are compiled down to ES5.
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const isApiError = (e: unknown): e is ApiError =>
  e instanceof ApiError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ApiError');

/** The zh-CN text to show for an error. */
export function errorMessage(err: unknown, fallback = NETWORK_MESSAGE): string {
  if (!isApiError(err)) return fallback;
  if (err.code === 'VALIDATION_FAILED' && err.details.length > 0) return err.details[0].message;
  return err.message || fallback;
}

/** Shows an error as a toast; network failures get the standard "网络不给力" text. */
export function showApiError(err: unknown, fallback = NETWORK_MESSAGE): void {
  void Taro.showToast({ title: errorMessage(err, fallback), icon: 'none', duration: 2500 });
}

/** One key per user action: pass the same key to every call made for that action. */
export function newIdempotencyKey(): string {
  const rnd = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `${Date.now().toString(36)}-${rnd()}${rnd()}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Option types: `params`, `query` and `body` are required exactly when the route needs them.

type ParamsOption<K extends RouteName> = {} extends RouteParams<K>
  ? { params?: RouteParams<K> }
  : { params: RouteParams<K> };
type QueryOption<K extends RouteName> = {} extends RouteQuery<K> ? { query?: RouteQuery<K> } : { query: RouteQuery<K> };
type BodyOption<K extends RouteName> = undefined extends RouteBody<K> ? { body?: RouteBody<K> } : { body: RouteBody<K> };

export type ApiOptions<K extends RouteName> = ParamsOption<K> &
  QueryOption<K> &
  BodyOption<K> & {
    /** Reuse one key across the retries of a single user action; creating routes get one automatically. */
    idempotencyKey?: string;
  };

type ApiArgs<K extends RouteName> = {} extends ApiOptions<K> ? [options?: ApiOptions<K>] : [options: ApiOptions<K>];

interface LooseOptions {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  idempotencyKey?: string;
}

interface RawResponse {
  status: number;
  data: unknown;
  header: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------------------

/** Calls a route of the contract and resolves with its typed response; rejects with an `ApiError`. */
export function api<K extends RouteName>(name: K, ...args: ApiArgs<K>): Promise<RouteResponse<K>> {
  return call(name, (args[0] ?? {}) as LooseOptions, true) as Promise<RouteResponse<K>>;
}

async function call(name: RouteName, options: LooseOptions, mayRelogin: boolean): Promise<unknown> {
  const route = routes[name];
  if (!route) throw new ApiError(0, 'UNKNOWN', '功能暂不可用，请升级后再试');
  const url = buildUrl(route.path, options);
  const key = options.idempotencyKey ?? (route.idempotent ? newIdempotencyKey() : undefined);

  let sentToken = getToken();
  let res = await sendWithRetry(route.method, url, options.body, sentToken, key);

  if (res.status === 401 && mayRelogin && (route.auth === 'user' || sentToken !== null)) {
    const renewed = await relogin();
    if (renewed) {
      sentToken = getToken();
      res = await sendWithRetry(route.method, url, options.body, sentToken, key);
    }
    if (!renewed || res.status === 401) {
      clearSession();
      if (currentPath() !== pathOf('login')) void goLogin();
      throw new ApiError(401, 'UNAUTHENTICATED', SESSION_EXPIRED_MESSAGE);
    }
  }

  if (res.status >= 200 && res.status < 300) {
    return res.status === 204 ? undefined : res.data;
  }
  throw toApiError(res);
}

function buildUrl(path: string, options: LooseOptions): string {
  // Route paths start with `/v1`; API_BASE ends with it (`/v1` on h5, `https://host/stage/v1` on weapp).
  const filled = buildPath(path, options.params ?? {}).replace(/^\/v1/, '');
  const base = API_BASE.replace(/\/+$/, '');
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    pairs.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return `${base}${filled}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

function isRetryable(method: string, idempotencyKey: string | undefined): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE' || (method === 'POST' && !!idempotencyKey);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryDelay(res: RawResponse | null): number {
  const header = res ? (res.header['retry-after'] ?? res.header['Retry-After']) : undefined;
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_RETRY_DELAY_MS) : RETRY_DELAY_MS;
}

/** One retry of idempotent requests on network failure, timeout or 503. */
async function sendWithRetry(
  method: string,
  url: string,
  body: unknown,
  token: string | null,
  idempotencyKey: string | undefined,
): Promise<RawResponse> {
  const retryable = isRetryable(method, idempotencyKey);
  for (let attempt = 0; ; attempt++) {
    let res: RawResponse;
    try {
      res = await send(method, url, body, token, idempotencyKey);
    } catch {
      if (retryable && attempt === 0) {
        await sleep(RETRY_DELAY_MS);
        continue;
      }
      throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
    }
    if (res.status === 503 && retryable && attempt === 0) {
      await sleep(retryDelay(res));
      continue;
    }
    return res;
  }
}

async function send(
  method: string,
  url: string,
  body: unknown,
  token: string | null,
  idempotencyKey: string | undefined,
): Promise<RawResponse> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;
  if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey;
  // wx.request has no PATCH: send POST with an override the API honours (and routes) for PATCH routes.
  let wireMethod = method;
  if (method === 'PATCH' && !IS_H5) {
    wireMethod = 'POST';
    header['X-HTTP-Method-Override'] = 'PATCH';
  }

  const res = await Taro.request({
    url,
    method: wireMethod as keyof Taro.request.Method,
    header,
    data: body as Taro.request.Option['data'],
    timeout: TIMEOUT_MS,
    dataType: 'json',
  });
  const lowerHeader: Record<string, string> = {};
  for (const [k, v] of Object.entries((res.header ?? {}) as Record<string, unknown>)) {
    lowerHeader[k.toLowerCase()] = String(v);
  }
  return { status: res.statusCode, data: res.data, header: lowerHeader };
}

function toApiError(res: RawResponse): ApiError {
  const err = (res.data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    const details = Array.isArray(err.details)
      ? err.details.filter(
          (d): d is ApiErrorDetail => typeof d === 'object' && d !== null && typeof (d as ApiErrorDetail).message === 'string',
        )
      : [];
    return new ApiError(res.status, err.code as ApiErrorCode, err.message, details);
  }
  return new ApiError(res.status, 'UNKNOWN', fallbackMessage(res.status));
}

function fallbackMessage(status: number): string {
  if (status === 401) return SESSION_EXPIRED_MESSAGE;
  if (status === 403) return '没有权限执行此操作';
  if (status === 404) return '内容不存在或已删除';
  if (status === 429) return '操作太频繁，请稍后再试';
  // A gateway's own answer when the function is busy, throttled or out of time (no ErrorBody): as the API says it.
  if (status === 502 || status === 503 || status === 504) return BUSY_MESSAGE;
  if (status >= 500) return '服务暂时不可用，请稍后再试';
  return `请求失败（${status}）`;
}

// ---------------------------------------------------------------------------------------------------------------
// Logging in again after a 401: once, shared by every request that is waiting for it.

let relogging: Promise<boolean> | null = null;

function relogin(): Promise<boolean> {
  if (!relogging) {
    relogging = renewToken().finally(() => {
      relogging = null;
    });
  }
  return relogging;
}

async function renewToken(): Promise<boolean> {
  try {
    const persona = IS_LOCAL ? getPersona() : null;
    let auth: RouteResponse<'loginDev'>;
    if (persona) {
      auth = (await call('loginDev', { body: { openid: persona } }, false)) as RouteResponse<'loginDev'>;
    } else if (IS_WEAPP) {
      const { code } = await Taro.login();
      auth = (await call('loginWechat', { body: { code } }, false)) as RouteResponse<'loginWechat'>;
    } else {
      return false;
    }
    setToken(auth.token);
    return true;
  } catch {
    return false;
  }
}
