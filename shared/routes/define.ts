// What every part of the route table is built with. A function's bundle imports only its own group's file
// (`shared/routes/<group>.ts`) and this one, so it carries only the zod schemas its routes use.
import * as z from 'zod/mini';
import { Empty } from '../schemas/common';
import { lazy } from '../schemas/lazy';

/** One Lambda function per group; `serverless.yml` names them the same. */
export type FunctionGroup = 'health' | 'auth' | 'me' | 'invitations' | 'members' | 'orgs' | 'ideas' | 'themedays' | 'bookings' | 'notices' | 'assessments' | 'concerns' | 'moderation' | 'imports' | 'exports' | 'dues';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef<
  P extends z.ZodMiniType = z.ZodMiniType,
  Q extends z.ZodMiniType = z.ZodMiniType,
  B extends z.ZodMiniType = z.ZodMiniType,
  R extends z.ZodMiniType = z.ZodMiniType,
> {
  method: HttpMethod;
  path: string;
  group: FunctionGroup;
  /** `public` routes work without a token; `user` routes answer 401 without one. */
  auth: 'public' | 'user';
  params: P;
  query: Q;
  body: B;
  response: R;
  /** Success status; 204 routes send no body. */
  status: number;
  /** Creating POSTs honour `Idempotency-Key`. */
  idempotent: boolean;
  /**
   * The route's implementation keeps the idempotency record inside its own transaction (a booking: on the resident's
   * marker, functions/bookings/booking-replay.ts), so the stack leaves Powertools' layer out of it.
   */
  ownIdempotency?: true;
  /**
   * The route's own transaction checks that the caller's account still exists (functions/users/principal.ts
   * `callerCheck`), so the stack only verifies the token and reads no profile or grants: one DynamoDB request fewer.
   * Only for routes that need the caller's id and nothing else.
   */
  callerInTransaction?: true;
  /** Exists on the local stage only (serverless.yml leaves it out of every deployed API). */
  localOnly?: true;
  /** A larger request body than the stack's default (an uploaded file). */
  maxBodyBytes?: number;
}

/** One group's routes by name, as `shared/routes/<group>.ts` exports them. */
export type RouteTable = Readonly<Record<string, RouteDef>>;

const NoParams = Empty;
const NoQuery = lazy(() => z.object({}));
const NoBody = lazy(() => z.undefined());
export const NoContent = lazy(() => z.undefined());

/** What a route is, apart from its schemas (status 200 and not idempotent unless it says). */
export type RouteMeta = Omit<RouteDef, 'params' | 'query' | 'body' | 'response' | 'status' | 'idempotent'> &
  Partial<Pick<RouteDef, 'status' | 'idempotent'>>;

/**
 * A route: what it is, and a function that builds its schemas. They are built when first read (a request to the
 * route, the OpenAPI generator), once: a cold start builds the schemas of the one route it serves.
 */
export function route<
  P extends z.ZodMiniType = ReturnType<typeof NoParams>,
  Q extends z.ZodMiniType = ReturnType<typeof NoQuery>,
  B extends z.ZodMiniType = ReturnType<typeof NoBody>,
  R extends z.ZodMiniType = ReturnType<typeof NoContent>,
>(meta: RouteMeta, schemas: () => { params?: P; query?: Q; body?: B; response: R }): RouteDef<P, Q, B, R> {
  const built = lazy(schemas);
  const def = { status: 200, idempotent: false, ...meta } as RouteDef<P, Q, B, R>;
  const schema = (name: 'params' | 'query' | 'body' | 'response', fallback: () => z.ZodMiniType): PropertyDescriptor => ({
    enumerable: true,
    configurable: true,
    // Kept as a plain value once built: the request path then reads a field, not a getter.
    get() {
      const value = built()[name] ?? fallback();
      Object.defineProperty(def, name, { value, enumerable: true });
      return value;
    },
  });
  return Object.defineProperties(def, {
    params: schema('params', NoParams),
    query: schema('query', NoQuery),
    body: schema('body', NoBody),
    response: schema('response', NoContent),
  });
}

/** `GET /v1/me`, the form API Gateway calls a route key. */
export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** Fills `{name}` placeholders; values are URI-encoded. */
export function buildPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`missing path parameter ${k}`);
    return encodeURIComponent(v);
  });
}
