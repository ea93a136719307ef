// Small middy middlewares of our own; the stack that composes them with middy's and Powertools' is in stack.ts.
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type { RouteDef } from '@shared/routes/define';
import { PayloadTooLargeError, UnauthenticatedError, ValidationError } from '../errors';
import type { Principal } from '../policy';
import { verifyToken } from '../tokens';
import { logger } from './logger';

export interface RouteEvent extends APIGatewayProxyEventV2 {
  principal?: Principal;
  /** The verified token's user; on `callerInTransaction` routes the only thing known of the caller. */
  callerId?: string;
  /** User- and path-scoped key for Powertools idempotency; absent when the client sent no Idempotency-Key. */
  idempotencyScope?: string;
  /** The raw body, kept apart because the JSON parser replaces `body` before Powertools hashes it again. */
  idempotencyPayload?: string;
  input?: { params: unknown; query: unknown; body: unknown };
}
export type Request = middy.Request<RouteEvent, APIGatewayProxyStructuredResultV2, Error, Context>;
export type Middleware = middy.MiddlewareObj<RouteEvent, APIGatewayProxyStructuredResultV2, Error, Context>;

/** Who the bearer of a verified token is (with their grants); undefined for unknown or deleted users. */
export type PrincipalLoader = (userId: string) => Promise<Principal | undefined>;

export const MAX_BODY_BYTES = 64 * 1024;

/** 413 before anything parses an oversized body. */
export const bodyLimit = (max = MAX_BODY_BYTES): Middleware => ({
  before: (request) => {
    const { body, isBase64Encoded } = request.event;
    if (!body) return;
    const bytes = isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body, 'utf8');
    if (bytes > max) throw new PayloadTooLargeError();
  },
});

/**
 * Resolves the bearer token to a principal. User routes answer 401 without one; public routes still learn who
 * is calling (a branch member sees drafts), and treat a bad token as anonymous.
 */
export const authenticate = (route: RouteDef, loadPrincipal: PrincipalLoader): Middleware => ({
  before: async (request) => {
    const header = request.event.headers?.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const userId = token ? await verifyToken(token) : undefined;
    if (route.callerInTransaction) {
      // The route's transaction checks the account (a deleted one answers 401 there): no read before it.
      if (!userId) throw new UnauthenticatedError(token ? '登录已过期，请重新登录' : '请先登录');
      request.event.callerId = userId;
      return;
    }
    const principal = userId ? await loadPrincipal(userId) : undefined;
    if (token && !principal) logger.info('token refused', { reason: userId ? 'user unknown or deleted' : 'invalid or expired' });
    if (route.auth === 'user' && !principal) {
      throw new UnauthenticatedError(token ? '登录已过期，请重新登录' : '请先登录');
    }
    request.event.principal = principal;
    request.event.callerId = principal?.userId;
  },
});

/**
 * Scopes `Idempotency-Key` to the caller and the concrete path (the record key adds the route), so two users' keys
 * never meet and one key sent to `/orgs/A/notices` and `/orgs/B/notices` is two actions.
 */
export const idempotencyScope = (route: RouteDef): Middleware => ({
  before: (request) => {
    const key = request.event.headers?.['idempotency-key'];
    if (!route.idempotent || !key) return;
    if (key.length > 128) throw new ValidationError('Idempotency-Key 过长', [{ path: 'Idempotency-Key', message: '最多 128 个字符' }]);
    const path = (request.event.rawPath ?? '').replace(/\/+$/, '');
    request.event.idempotencyScope = `${request.event.callerId ?? 'anonymous'}|${path}|${key}`;
    request.event.idempotencyPayload = request.event.body ?? '';
  },
});

/**
 * The request's Lambda context on every log line: Powertools' injectLambdaContext without what it redoes on every
 * request for features not used here (debug sampling, log buffering). Nor does it reset keys after each request, as
 * injectLambdaContext does not by default: this code appends none (a request's own facts go in the log call's
 * attributes), and the reset reads the environment three times per request.
 */
export const lambdaContext = (): Middleware => ({
  before: ({ event, context }) => {
    logger.addContext(context);
    logger.logEventIfEnabled(event);
  },
});

/** http-security-headers leaves some headers undefined; stored idempotent replays and node:http reject those. */
export const stripUndefinedHeaders = (): Middleware => {
  const strip = (request: Request) => {
    const headers = request.response?.headers;
    if (!headers) return;
    for (const k in headers) if (headers[k] === undefined) delete headers[k];
  };
  return { after: strip, onError: strip };
};

function toDetails(error: z.core.$ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: '不支持的字段' }));
    }
    return [{ path: base || prefix || '(body)', message: issue.message }];
  });
}

/**
 * JSON bodies. Unlike @middy/http-json-body-parser this accepts an empty body with a JSON content type (what
 * wx.request sends for a body-less POST) and reports malformed JSON as the contract's 400.
 */
export const jsonBody = (): Middleware => ({
  before: (request) => {
    const { event } = request;
    const raw = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    if (raw === undefined || raw === null || raw.trim() === '') {
      event.body = undefined;
      return;
    }
    try {
      event.body = JSON.parse(raw);
    } catch {
      throw new ValidationError('请求体不是合法的 JSON', [{ path: '(body)', message: '无法解析 JSON' }]);
    }
  },
});

/** Parses path, query and body with the route's zod schemas; unknown body fields are a 400, never stored. */
export const validate = (route: RouteDef): Middleware => ({
  before: (request) => {
    const { event } = request;
    const body = event.body ?? undefined;
    const parts = {
      params: route.params.safeParse(event.pathParameters ?? {}),
      query: route.query.safeParse(event.queryStringParameters ?? {}),
      body: route.body.safeParse(body),
    };
    if (parts.params.success && parts.query.success && parts.body.success) {
      event.input = { params: parts.params.data, query: parts.query.data, body: parts.body.data };
      return;
    }
    const details = [
      ...(parts.params.success ? [] : toDetails(parts.params.error, '')),
      ...(parts.query.success ? [] : toDetails(parts.query.error, '')),
      ...(parts.body.success ? [] : toDetails(parts.body.error, '')),
    ];
    throw new ValidationError('提交的内容有误，请检查后重试', details);
  },
});
