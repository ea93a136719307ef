// The route table: one entry per HTTP route; it is the contract, published as ../docs/openapi.json. Functions validate with it,
// the miniapp's client is typed by it, serverless.yml is checked against it, and tests call through it.
// Each group's routes live in `routes/<group>.ts`: a function imports only its own group (keeps other schemas out of
// its bundle); everything else uses this combined table.
import type * as z from 'zod/mini';
import { assessmentRoutes } from './routes/assessments';
import { authRoutes } from './routes/auth';
import { bookingRoutes } from './routes/bookings';
import { concernRoutes } from './routes/concerns';
import { duesRoutes } from './routes/dues';
import { healthRoutes } from './routes/health';
import { ideaRoutes } from './routes/ideas';
import { invitationRoutes } from './routes/invitations';
import { memberRoutes } from './routes/members';
import { meRoutes } from './routes/me';
import { moderationRoutes } from './routes/moderation';
import { noticeRoutes } from './routes/notices';
import { orgRoutes } from './routes/orgs';
import { themedayRoutes } from './routes/themedays';
import { importRoutes } from './routes/imports';
import { exportRoutes } from './routes/exports';

export { buildPath, routeKey, type FunctionGroup, type HttpMethod, type RouteDef, type RouteTable } from './routes/define';

// The order is the published document's.
export const routes = {
  ...healthRoutes,
  ...authRoutes,
  ...meRoutes,
  ...invitationRoutes,
  ...orgRoutes,
  ...ideaRoutes,
  ...themedayRoutes,
  ...bookingRoutes,
  ...noticeRoutes,
  ...assessmentRoutes,
  ...concernRoutes,
  ...moderationRoutes,
  ...memberRoutes,
  ...importRoutes,
  ...exportRoutes,
  ...duesRoutes,
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

export type RouteParams<K extends RouteName> = z.input<Routes[K]['params']>;
export type RouteQuery<K extends RouteName> = z.input<Routes[K]['query']>;
export type RouteBody<K extends RouteName> = z.input<Routes[K]['body']>;
export type RouteResponse<K extends RouteName> = z.output<Routes[K]['response']>;
