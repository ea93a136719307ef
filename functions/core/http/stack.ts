// The one HTTP stack every function uses. Each route of a group gets its own middy instance (built once, at
// cold start) so route-specific settings such as idempotency stay static; the group entry dispatches by route key.
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import { logger } from './logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { zhCN } from 'zod/locales';
import { routeKey, type RouteDef, type RouteTable } from '@shared/routes/define';
import { NotFoundError, UnauthenticatedError } from '../errors';
import { idempotencyClaim, type IdempotencyClaim } from '../idempotency-key';
import type { Principal } from '../policy';
import { deadlineOptions, requestClock } from './deadline';
import { errorResponse } from './error-response';
import {
  authenticate,
  bodyLimit,
  idempotencyScope,
  jsonBody,
  lambdaContext,
  stripUndefinedHeaders,
  type PrincipalLoader,
  validate,
  type Middleware,
  type RouteEvent,
} from './middlewares';

// Validation messages in the users' language.
z.config(zhCN());

export { logger };

let idempotency: ((route: RouteDef) => Middleware) | undefined;
/** Called by ./idempotency.ts, which only groups with idempotent routes import (keeps Powertools out of the rest). */
export function useIdempotency(middleware: (route: RouteDef) => Middleware): void {
  idempotency = middleware;
}

export interface HandlerContext<R extends RouteDef> {
  params: z.output<R['params']>;
  query: z.output<R['query']>;
  body: z.output<R['body']>;
  /** The caller, if any; public routes may be anonymous. */
  principal: Principal | undefined;
  /** The caller, or 401. */
  user(): Principal;
  /** The caller's user id, or 401: all a `callerInTransaction` route knows of the caller. */
  callerId(): string;
  requestId: string;
  /** Routes marked `ownIdempotency`, called with an Idempotency-Key: the record to write with the change. */
  idempotency?: IdempotencyClaim;
}

/** A result with a status other than the route's default (e.g. 200 for a repeated check-in). */
export class Reply<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

export type RouteImpl<R extends RouteDef> = (ctx: HandlerContext<R>) => Promise<z.input<R['response']> | Reply<z.input<R['response']>>>;

/** One implementation per route of the group's table. */
export type GroupImpls<T extends RouteTable> = { [K in keyof T]: RouteImpl<T[K]> };

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

function toResponse(route: RouteDef, result: unknown): APIGatewayProxyStructuredResultV2 {
  const { status, body } = result instanceof Reply ? result : { status: route.status, body: result };
  if (status === 204) return { statusCode: 204, headers: {}, body: '' };
  // Parsing the output strips whatever the schema does not name, so internal fields never leak.
  const out = route.response.parse(body);
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(out),
  };
}

function routeStack(route: RouteDef, impl: RouteImpl<RouteDef>, deps: StackDeps): HttpHandler {
  const core = async (event: RouteEvent, context: Context) => {
    const input = event.input!;
    const ctx: HandlerContext<RouteDef> = {
      params: input.params,
      query: input.query,
      body: input.body,
      principal: event.principal,
      user: () => {
        if (!event.principal) throw new UnauthenticatedError();
        return event.principal;
      },
      callerId: () => {
        if (!event.callerId) throw new UnauthenticatedError();
        return event.callerId;
      },
      requestId: context.awsRequestId,
      idempotency: route.ownIdempotency && event.idempotencyScope !== undefined
        ? idempotencyClaim(routeKey(route), event.idempotencyScope, event.idempotencyPayload ?? '')
        : undefined,
    };
    return toResponse(route, await impl(ctx));
  };

  const stack = middy<RouteEvent, APIGatewayProxyStructuredResultV2, Error, Context>(core, deadlineOptions)
    .use(httpHeaderNormalizer())
    .use(lambdaContext())
    .use(bodyLimit(route.maxBodyBytes))
    .use(authenticate(route, deps.loadPrincipal));
  if (route.idempotent) stack.use(idempotencyScope(route));
  if (route.idempotent && !route.ownIdempotency && idempotency) {
    // After the caller is known (the key is per user) and before anything that shapes the response, so a replay
    // returns the stored response with all its headers.
    stack.use(idempotency(route));
  }
  // No CORS middleware: the HTTP API answers preflights and adds the headers (provider.httpApi.cors in
  // serverless.yml), and serverless-offline does the same from that setting locally.
  stack.use(stripUndefinedHeaders()).use(httpSecurityHeaders());
  return stack
    .use(jsonBody())
    .use(validate(route))
    .use(errorResponse(logger)) as unknown as HttpHandler;
}

/** A stack built on its first request: a cold start serves one route, not the group's dozen. */
function onFirstRequest(build: () => HttpHandler): HttpHandler {
  let stack: HttpHandler | undefined;
  return (event, context) => (stack ??= build())(event, context);
}

/** A route's path as a pattern, compiled once per route at cold start. */
const pathPattern = (route: RouteDef) => new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}/?$`);

/** What the stack needs from the features, given by `functions/route-group.ts`: core knows no feature. */
export interface StackDeps {
  loadPrincipal: PrincipalLoader;
}

/**
 * The factory of Lambda entries, one per route group: `export const handler = createRouteGroup(meRoutes, { getMe, ... })`
 * with `createRouteGroup = routeGroups(deps)`. It takes the group's own table (`@shared/routes/<group>`), never the
 * combined one, so a function's bundle holds only its own routes' schemas.
 */
export function routeGroups(deps: StackDeps) {
  return function createRouteGroup<T extends RouteTable>(table: T, impls: NoInfer<GroupImpls<T>>): HttpHandler {
    const defs = Object.entries(table);
    if (defs.length === 0) throw new Error('a route group needs at least one route');
    const { group } = defs[0][1];
    const byName = impls as unknown as Record<string, RouteImpl<RouteDef> | undefined>;
    const entries = defs.map(([name, route]) => {
      if (route.group !== group) throw new Error(`route ${name} belongs to group ${route.group}, not ${group}`);
      const impl = byName[name];
      if (!impl) throw new Error(`route ${name} has no implementation`);
      if (route.idempotent && !route.ownIdempotency && !idempotency) throw new Error(`route ${name} is idempotent: its handler must import core/http/idempotency`);
      return { route, pattern: pathPattern(route), handler: onFirstRequest(() => routeStack(route, impl, deps)) };
    });
    const unknown = Object.keys(byName).filter((name) => !(name in table));
    if (unknown.length > 0) throw new Error(`not routes of group ${group}: ${unknown.join(', ')}`);
    const byKey = new Map(entries.map((e) => [routeKey(e.route), e.handler]));
    // Unknown method/path within the group: same stack (security headers, error shape), nothing validated.
    const anything = z.unknown();
    const notFound = onFirstRequest(() =>
      routeStack(
        { method: 'GET', path: '*', group, auth: 'public', params: anything, query: anything, body: anything, response: anything, status: 404, idempotent: false },
        async () => {
          throw new NotFoundError('接口不存在');
        },
        deps,
      ),
    );

    return async (event, context) => {
      let method = event.requestContext?.http?.method ?? '';
      const path = event.rawPath ?? '';
      // wx.request cannot send PATCH; the miniapp sends POST with this header, and serverless.yml routes a POST twin
      // of each PATCH route here.
      if (method === 'POST') {
        const override = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-http-method-override')?.[1];
        if (override?.toUpperCase() === 'PATCH') method = 'PATCH';
      }
      const handler =
        (method === event.requestContext?.http?.method ? byKey.get(event.routeKey) : undefined) ??
        entries.find((e) => e.route.method === method && e.pattern.test(path))?.handler ??
        notFound;
      return handler(event, requestClock(event, context));
    };
  };
}
