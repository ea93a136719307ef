// The route table: one entry per HTTP route; it is the contract, published as ../docs/openapi.json. Functions validate with it,
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
import {
  AnswerIdeaBody,
  AttendanceRecord,
  CancelThemeDayBody,
  CheckInBody,
  CheckInCode,
  CheckInResult,
  CloseResult,
  CloseThemeDayBody,
  CorrectAttendanceBody,
  CreateIdeaBody,
  CreateThemeDayBody,
  Idea,
  IdeaCategory,
  ListIdeasQuery,
  ListThemeDaysQuery,
  OnlineParticipation,
  OnlineParticipationBody,
  PoliticalBirthday,
  PoliticalBirthdaysQuery,
  PublishResult,
  ReportIdeaBody,
  ReportResult,
  RsvpBody,
  SupportResult,
  ThemeDay,
} from './schemas/themeday';
import {
  Assessment,
  AssessmentQuery,
  CaseSummary,
  CreateNoticeBody,
  ExemplaryResult,
  Guidance,
  GuidanceBody,
  Notice,
  UpdateNoticeBody,
} from './schemas/notices';
import { DeadLetter, RecordSubscriptionsBody, Subscriptions } from './schemas/notify';
import { Concern, ConcernFeedbackBody, ConcernTransitionBody, CreateConcernBody, StationConcernsQuery } from './schemas/concerns';
import { ModerationDecisionBody, ModerationDecisionResult, ModerationItem, ModerationItemId, ModerationKind } from './schemas/moderation';
import {
  Booking,
  CancelSessionBody,
  CreateBookingBody,
  CreateSessionBody,
  OutcomeBody,
  Session,
  SessionSummary,
  Slot,
  StationBookingsQuery,
  TimeRangeQuery,
} from './schemas/bookings';

/** One Lambda function per group; `serverless.yml` names them the same. */
export type FunctionGroup = 'health' | 'auth' | 'me' | 'invitations' | 'orgs' | 'ideas' | 'themedays' | 'bookings' | 'notices' | 'assessments' | 'concerns' | 'moderation';

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
  /** Exists on the local stage only (serverless.yml leaves it out of every deployed API). */
  localOnly?: true;
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
  localOnly?: true;
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
  loginDev: route({ method: 'POST', path: '/v1/auth/dev', group: 'auth', auth: 'public', body: DevLoginBody, response: AuthResponse, localOnly: true }),

  getMe: route({ method: 'GET', path: '/v1/me', group: 'me', auth: 'user', response: User }),
  updateMe: route({ method: 'PATCH', path: '/v1/me', group: 'me', auth: 'user', body: UpdateMeBody, response: User }),
  deleteMe: route({ method: 'DELETE', path: '/v1/me', group: 'me', auth: 'user', response: NoContent, status: 204 }),

  mySubscriptions: route({ method: 'GET', path: '/v1/me/subscriptions', group: 'me', auth: 'user', response: Subscriptions }),
  recordSubscriptions: route({
    method: 'POST', path: '/v1/me/subscriptions', group: 'me', auth: 'user', body: RecordSubscriptionsBody, response: Subscriptions,
  }),

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
  getStation: route({
    method: 'GET', path: '/v1/stations/{stationId}', group: 'orgs', auth: 'public',
    params: z.strictObject({ stationId: Id }), response: Station,
  }),

  // 主题党日: ideas
  createIdea: route({
    method: 'POST', path: '/v1/branches/{branchId}/ideas', group: 'ideas', auth: 'user',
    params: z.strictObject({ branchId: Id }), body: CreateIdeaBody, response: Idea, status: 201, idempotent: true,
  }),
  listIdeas: route({
    method: 'GET', path: '/v1/branches/{branchId}/ideas', group: 'ideas', auth: 'user',
    params: z.strictObject({ branchId: Id }), query: PageQuery.extend(ListIdeasQuery.shape), response: page(Idea),
  }),
  getIdea: route({
    method: 'GET', path: '/v1/ideas/{ideaId}', group: 'ideas', auth: 'user',
    params: z.strictObject({ ideaId: Id }), response: Idea,
  }),
  supportIdea: route({
    method: 'PUT', path: '/v1/ideas/{ideaId}/support', group: 'ideas', auth: 'user',
    params: z.strictObject({ ideaId: Id }), response: SupportResult,
  }),
  withdrawSupport: route({
    method: 'DELETE', path: '/v1/ideas/{ideaId}/support', group: 'ideas', auth: 'user',
    params: z.strictObject({ ideaId: Id }), response: SupportResult,
  }),
  answerIdea: route({
    method: 'POST', path: '/v1/ideas/{ideaId}/answer', group: 'ideas', auth: 'user',
    params: z.strictObject({ ideaId: Id }), body: AnswerIdeaBody, response: Idea,
  }),
  reportIdea: route({
    method: 'POST', path: '/v1/ideas/{ideaId}/reports', group: 'ideas', auth: 'user',
    params: z.strictObject({ ideaId: Id }), body: ReportIdeaBody, response: ReportResult, status: 202,
  }),
  restoreIdea: route({
    method: 'POST', path: '/v1/ideas/{ideaId}/restore', group: 'ideas', auth: 'user',
    params: z.strictObject({ ideaId: Id }), response: Idea,
  }),

  // 主题党日: theme days, attendance, online participation, political birthdays
  createThemeDay: route({
    method: 'POST', path: '/v1/branches/{branchId}/theme-days', group: 'themedays', auth: 'user',
    params: z.strictObject({ branchId: Id }), body: CreateThemeDayBody, response: ThemeDay, status: 201, idempotent: true,
  }),
  listThemeDays: route({
    method: 'GET', path: '/v1/branches/{branchId}/theme-days', group: 'themedays', auth: 'public',
    params: z.strictObject({ branchId: Id }), query: ListThemeDaysQuery, response: page(ThemeDay),
  }),
  getThemeDay: route({
    method: 'GET', path: '/v1/theme-days/{id}', group: 'themedays', auth: 'public',
    params: z.strictObject({ id: Id }), response: ThemeDay,
  }),
  publishThemeDay: route({
    method: 'POST', path: '/v1/theme-days/{id}/publish', group: 'themedays', auth: 'user',
    params: z.strictObject({ id: Id }), response: PublishResult,
  }),
  cancelThemeDay: route({
    method: 'POST', path: '/v1/theme-days/{id}/cancel', group: 'themedays', auth: 'user',
    params: z.strictObject({ id: Id }), body: CancelThemeDayBody, response: ThemeDay,
  }),
  rsvp: route({
    method: 'PUT', path: '/v1/theme-days/{id}/rsvp', group: 'themedays', auth: 'user',
    params: z.strictObject({ id: Id }), body: RsvpBody, response: AttendanceRecord,
  }),
  createCheckInCode: route({
    method: 'POST', path: '/v1/theme-days/{id}/check-in-codes', group: 'themedays', auth: 'user',
    params: z.strictObject({ id: Id }), response: CheckInCode, status: 201,
  }),
  checkIn: route({
    method: 'POST', path: '/v1/theme-days/{id}/check-ins', group: 'themedays', auth: 'user',
    params: z.strictObject({ id: Id }), body: CheckInBody, response: CheckInResult, status: 201,
  }),
  listAttendance: route({
    method: 'GET', path: '/v1/theme-days/{id}/attendance', group: 'themedays', auth: 'user',
    params: z.strictObject({ id: Id }), query: PageQuery, response: page(AttendanceRecord),
  }),
  correctAttendance: route({
    method: 'PUT', path: '/v1/theme-days/{id}/attendance/{userId}', group: 'themedays', auth: 'user',
    params: z.strictObject({ id: Id, userId: Id }), body: CorrectAttendanceBody, response: AttendanceRecord,
  }),
  participateOnline: route({
    method: 'POST', path: '/v1/theme-days/{id}/online-participation', group: 'themedays', auth: 'user',
    params: z.strictObject({ id: Id }), body: OnlineParticipationBody, response: OnlineParticipation, status: 201, idempotent: true,
  }),
  closeThemeDay: route({
    method: 'POST', path: '/v1/theme-days/{id}/close', group: 'themedays', auth: 'user',
    params: z.strictObject({ id: Id }), body: CloseThemeDayBody, response: CloseResult,
  }),
  myAttendance: route({
    method: 'GET', path: '/v1/me/attendance', group: 'themedays', auth: 'user',
    query: PageQuery, response: page(AttendanceRecord.extend({ themeDay: ThemeDay.pick({ id: true, title: true, startsAt: true, status: true, branchId: true }) })),
  }),
  politicalBirthdays: route({
    method: 'GET', path: '/v1/branches/{branchId}/political-birthdays', group: 'themedays', auth: 'user',
    params: z.strictObject({ branchId: Id }), query: PoliticalBirthdaysQuery, response: z.object({ items: z.array(PoliticalBirthday) }),
  }),

  // 局长驻点: sessions, slots, bookings
  createSession: route({
    method: 'POST', path: '/v1/stations/{stationId}/sessions', group: 'bookings', auth: 'user',
    params: z.strictObject({ stationId: Id }), body: CreateSessionBody, response: Session, status: 201, idempotent: true,
  }),
  listSessions: route({
    method: 'GET', path: '/v1/stations/{stationId}/sessions', group: 'bookings', auth: 'user',
    params: z.strictObject({ stationId: Id }), query: TimeRangeQuery, response: page(SessionSummary),
  }),
  cancelSession: route({
    method: 'POST', path: '/v1/sessions/{sessionId}/cancel', group: 'bookings', auth: 'user',
    params: z.strictObject({ sessionId: Id }), body: CancelSessionBody, response: SessionSummary,
  }),
  listSlots: route({
    method: 'GET', path: '/v1/stations/{stationId}/slots', group: 'bookings', auth: 'public',
    params: z.strictObject({ stationId: Id }), query: TimeRangeQuery, response: page(Slot),
  }),
  createBooking: route({
    method: 'POST', path: '/v1/slots/{slotId}/bookings', group: 'bookings', auth: 'user',
    params: z.strictObject({ slotId: Id }), body: CreateBookingBody, response: Booking, status: 201, idempotent: true,
  }),
  myBookings: route({
    method: 'GET', path: '/v1/bookings/mine', group: 'bookings', auth: 'user',
    query: PageQuery, response: page(Booking),
  }),
  cancelBooking: route({
    method: 'DELETE', path: '/v1/bookings/{bookingId}', group: 'bookings', auth: 'user',
    params: z.strictObject({ bookingId: Id }), response: Booking,
  }),
  stationBookings: route({
    method: 'GET', path: '/v1/stations/{stationId}/bookings', group: 'bookings', auth: 'user',
    params: z.strictObject({ stationId: Id }), query: StationBookingsQuery, response: page(Booking),
  }),
  recordOutcome: route({
    method: 'POST', path: '/v1/bookings/{bookingId}/outcome', group: 'bookings', auth: 'user',
    params: z.strictObject({ bookingId: Id }), body: OutcomeBody, response: Booking,
  }),

  // 党务公开
  createNotice: route({
    method: 'POST', path: '/v1/orgs/{orgId}/notices', group: 'notices', auth: 'user',
    params: z.strictObject({ orgId: Id }), body: CreateNoticeBody, response: Notice, status: 201, idempotent: true,
  }),
  listNotices: route({
    method: 'GET', path: '/v1/orgs/{orgId}/notices', group: 'notices', auth: 'public',
    params: z.strictObject({ orgId: Id }), query: PageQuery, response: page(Notice),
  }),
  getNotice: route({
    method: 'GET', path: '/v1/notices/{id}', group: 'notices', auth: 'public',
    params: z.strictObject({ id: Id }), response: Notice,
  }),
  updateNotice: route({
    method: 'PATCH', path: '/v1/notices/{id}', group: 'notices', auth: 'user',
    params: z.strictObject({ id: Id }), body: UpdateNoticeBody, response: Notice,
  }),
  withdrawNotice: route({
    method: 'DELETE', path: '/v1/notices/{id}', group: 'notices', auth: 'user',
    params: z.strictObject({ id: Id }), response: z.undefined(), status: 204,
  }),

  // 三项考核, 乡镇指导, 百例
  giveGuidance: route({
    method: 'POST', path: '/v1/theme-days/{id}/guidance', group: 'assessments', auth: 'user',
    params: z.strictObject({ id: Id }), body: GuidanceBody, response: Guidance, status: 201, idempotent: true,
  }),
  listGuidance: route({
    method: 'GET', path: '/v1/theme-days/{id}/guidance', group: 'assessments', auth: 'public',
    params: z.strictObject({ id: Id }), response: z.object({ items: z.array(Guidance) }),
  }),
  markExemplary: route({
    method: 'POST', path: '/v1/theme-days/{id}/exemplary', group: 'assessments', auth: 'user',
    params: z.strictObject({ id: Id }), body: z.strictObject({ category: IdeaCategory.optional() }).optional(), response: ExemplaryResult,
  }),
  listCases: route({
    method: 'GET', path: '/v1/cases', group: 'assessments', auth: 'public',
    query: PageQuery.extend({ category: IdeaCategory.optional() }), response: page(CaseSummary),
  }),
  getAssessment: route({
    method: 'GET', path: '/v1/orgs/{orgId}/assessments', group: 'assessments', auth: 'user',
    params: z.strictObject({ orgId: Id }), query: AssessmentQuery, response: Assessment,
  }),

  // 群众说事
  raiseConcern: route({
    method: 'POST', path: '/v1/concerns', group: 'concerns', auth: 'user',
    body: CreateConcernBody, response: Concern, status: 201, idempotent: true,
  }),
  myConcerns: route({
    method: 'GET', path: '/v1/concerns/mine', group: 'concerns', auth: 'user',
    query: PageQuery, response: page(Concern),
  }),
  getConcern: route({
    method: 'GET', path: '/v1/concerns/{id}', group: 'concerns', auth: 'user',
    params: z.strictObject({ id: Id }), response: Concern,
  }),
  stationConcerns: route({
    method: 'GET', path: '/v1/stations/{stationId}/concerns', group: 'concerns', auth: 'user',
    params: z.strictObject({ stationId: Id }), query: PageQuery.extend(StationConcernsQuery.shape), response: page(Concern),
  }),
  transitionConcern: route({
    method: 'POST', path: '/v1/concerns/{id}/transitions', group: 'concerns', auth: 'user',
    params: z.strictObject({ id: Id }), body: ConcernTransitionBody, response: Concern,
  }),
  concernFeedback: route({
    method: 'POST', path: '/v1/concerns/{id}/feedback', group: 'concerns', auth: 'user',
    params: z.strictObject({ id: Id }), body: ConcernFeedbackBody, response: Concern,
  }),

  // 内容审核: the queue of a township, village or branch; a decision on one item
  listModeration: route({
    method: 'GET', path: '/v1/orgs/{orgId}/moderation', group: 'moderation', auth: 'user',
    params: z.strictObject({ orgId: Id }), query: PageQuery, response: page(ModerationItem),
  }),
  decideModeration: route({
    method: 'POST', path: '/v1/moderation/{kind}/{id}/decision', group: 'moderation', auth: 'user',
    params: z.strictObject({ kind: ModerationKind, id: ModerationItemId }), body: ModerationDecisionBody, response: ModerationDecisionResult,
  }),
  // Messages the outbox gave up on (WeChat down past the last try, or refusing them): admins follow them up
  listDeadLetters: route({
    method: 'GET', path: '/v1/dead-letters', group: 'moderation', auth: 'user', query: PageQuery, response: page(DeadLetter),
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
