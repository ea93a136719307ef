// The route table: one entry per HTTP route of the contract (../shared/API.md). Functions validate with it,
// the miniapp's client is typed by it, serverless.yml is checked against it, and tests call through it.
import * as z from 'zod';
import { Empty, Id, PageQuery, page } from './schemas/common';
import {
  AuthResponse,
  CreateInvitationBody,
  DevLoginBody,
  HealthResponse,
  Invitation,
  InvitationCode,
  Org,
  RedeemInvitationBody,
  Station,
  UpdateMeBody,
  User,
  WechatLoginBody,
} from './schemas/people';

/** One Lambda function per group; `serverless.yml` names them the same. */
export type FunctionGroup = 'health' | 'auth' | 'me' | 'invitations' | 'orgs';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
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
}

const NoParams = Empty;
const NoQuery = z.object({});
const NoBody = z.undefined();
const NoContent = z.undefined();

function route<P extends z.ZodType = typeof NoParams, Q extends z.ZodType = typeof NoQuery, B extends z.ZodType = typeof NoBody, R extends z.ZodType = typeof NoContent>(def: {
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

export const routes = {
  health: route({ method: 'GET', path: '/v1/health', group: 'health', auth: 'public', response: HealthResponse }),

  loginWechat: route({ method: 'POST', path: '/v1/auth/wechat', group: 'auth', auth: 'public', body: WechatLoginBody, response: AuthResponse }),
  loginDev: route({ method: 'POST', path: '/v1/auth/dev', group: 'auth', auth: 'public', body: DevLoginBody, response: AuthResponse }),

  getMe: route({ method: 'GET', path: '/v1/me', group: 'me', auth: 'user', response: User }),
  updateMe: route({ method: 'PATCH', path: '/v1/me', group: 'me', auth: 'user', body: UpdateMeBody, response: User }),
  deleteMe: route({ method: 'DELETE', path: '/v1/me', group: 'me', auth: 'user', response: NoContent, status: 204 }),

  createInvitation: route({
    method: 'POST', path: '/v1/invitations', group: 'invitations', auth: 'user',
    body: CreateInvitationBody, response: Invitation, status: 201, idempotent: true,
  }),
  redeemInvitation: route({
    method: 'POST', path: '/v1/invitations/{code}/redeem', group: 'invitations', auth: 'user',
    params: z.strictObject({ code: InvitationCode }), body: RedeemInvitationBody.optional(), response: User,
  }),

  listOrgs: route({
    method: 'GET', path: '/v1/orgs', group: 'orgs', auth: 'public',
    query: PageQuery.extend({ parentId: Id.optional() }), response: page(Org),
  }),
  getOrg: route({
    method: 'GET', path: '/v1/orgs/{orgId}', group: 'orgs', auth: 'public',
    params: z.strictObject({ orgId: Id }), response: Org,
  }),
  listStations: route({
    method: 'GET', path: '/v1/stations', group: 'orgs', auth: 'public',
    query: PageQuery.extend({ orgId: Id }), response: page(Station),
  }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

export type RouteParams<K extends RouteName> = z.input<Routes[K]['params']>;
export type RouteQuery<K extends RouteName> = z.input<Routes[K]['query']>;
export type RouteBody<K extends RouteName> = z.input<Routes[K]['body']>;
export type RouteResponse<K extends RouteName> = z.output<Routes[K]['response']>;

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
