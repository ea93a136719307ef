// A typed test client over the shared route table: tests speak the contract, by route name.
import { buildPath, routes, type RouteName } from '@shared/routes';

export const API_URL = (() => {
  const url = process.env.API_URL;
  if (!url) throw new Error('API_URL is not set: run the API tests through jest (globalSetup starts the API)');
  return url;
})();

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body` (malformed JSON, oversized payloads). */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
  /** Another API server of this run (e.g. one with the deployed content checker); the run's API by default. */
  apiUrl?: string;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(name: RouteName, opts: CallOptions = {}): Promise<CallResult<T>> {
  const route = routes[name];
  const url = new URL(`${(opts.apiUrl ?? API_URL).replace(/\/v1$/, '')}${buildPath(route.path, opts.params)}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return request<T>(route.method, url.toString(), opts);
}

export async function request<T = any>(method: string, url: string, opts: CallOptions = {}): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* leave as text: a test will say what it expected */
  }
  crashGuard(method, url, res.status, parsed);
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/**
 * serverless-offline answers a handler that threw past middy, or a Lambda timeout, with HTTP 200 and
 * `{errorMessage, errorType}`: a crash that a status check would take for success. No route answers that shape.
 */
export function crashGuard(method: string, url: string, status: number, body: unknown): void {
  if (body && typeof body === 'object' && 'errorType' in body) {
    const { errorType, errorMessage } = body as { errorType: unknown; errorMessage?: unknown };
    throw new Error(`${method} ${url} crashed (HTTP ${status}, ${String(errorType)}): ${String(errorMessage ?? '')}`);
  }
}

const tokens = new Map<string, string>();

/** Logs in as a persona (or any openid, which becomes a new resident) through the dev login. */
export async function login(openid: string): Promise<string> {
  const cached = tokens.get(openid);
  if (cached) return cached;
  const res = await call('loginDev', { body: { openid } });
  if (res.status !== 200) throw new Error(`login ${openid} failed: ${res.status} ${JSON.stringify(res.body)}`);
  tokens.set(openid, res.body.token);
  return res.body.token;
}

/** A fresh resident nobody else uses, for tests that change the user. */
export async function freshUser(prefix = 'test'): Promise<{ openid: string; token: string; userId: string }> {
  const openid = `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await call('loginDev', { body: { openid } });
  if (res.status !== 200) throw new Error(`login ${openid} failed: ${res.status}`);
  return { openid, token: res.body.token, userId: res.body.user.id };
}

export function expectError(res: CallResult, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(0);
}
