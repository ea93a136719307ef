// What every part of the route table is built with. A function's bundle imports only its own group's file
// (`shared/routes/<group>.ts`) and this one, so it carries only the zod schemas its routes use.
import * as z from 'zod/mini';
import { Empty } from '../schemas/common';

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
   * The route's implementation writes the idempotency record inside its own transaction (functions/core/idempotency.ts),
   * so the stack leaves Powertools' layer out of it.
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
const NoQuery = z.object({});
const NoBody = z.undefined();
export const NoContent = z.undefined();

export function route<
  P extends z.ZodMiniType = typeof NoParams,
  Q extends z.ZodMiniType = typeof NoQuery,
  B extends z.ZodMiniType = typeof NoBody,
  R extends z.ZodMiniType = typeof NoContent,
>(def: {
  method: HttpMethod;
  path: string;
  group: FunctionGroup;
  auth: 'public' | 'user';
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  idempotent?: boolean;
  ownIdempotency?: true;
  callerInTransaction?: true;
  localOnly?: true;
  maxBodyBytes?: number;
}): RouteDef<P, Q, B, R> {
  return {
    params: NoParams as unknown as P,
    query: NoQuery as unknown as Q,
    body: NoBody as unknown as B,
    status: 200,
    idempotent: false,
    ...def,
  } as RouteDef<P, Q, B, R>;
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
