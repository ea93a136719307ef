// Every GET route with the DynamoDB requests one call makes, against an explicit budget: a read must not grow into
// a request per item. The handlers run in this process (the API's own code on the test's DynamoDB Local), counted by
// a middleware on the shared client that sees every HTTP request it sends, retries included.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildPath, routeKey, routes, type RouteDef, type RouteName } from '@shared/routes';
import { shanghaiMonth } from '@shared/time';
import { dynamoClient } from '../../functions/core/dynamo';
import { lambdaContext } from '../unit/lambda-event';
import { call, login } from './http';
import { withGrant } from './people';

// The route table types methods as a union, so which routes are GETs is checked at run time (first test below).
type Table<T> = Partial<Record<RouteName, T>>;

/** Most DynamoDB requests one call of the route may make. Raising one needs a reason in review. */
const BUDGET: Table<number> = {
  health: 3,
  getMe: 3,
  mySubscriptions: 3,
  listOrgs: 3,
  getOrg: 3,
  listStations: 3,
  getStation: 3,
  listIdeas: 3,
  getIdea: 3,
  listThemeDays: 3,
  getThemeDay: 3,
  listAttendance: 3,
  myAttendance: 3,
  politicalBirthdays: 3,
  birthdayCard: 3,
  listSessions: 3,
  listSlots: 3,
  myBookings: 3,
  stationBookings: 3,
  listNotices: 3,
  getNotice: 3,
  listGuidance: 3,
  listCases: 3,
  getAssessment: 3,
  listBranchVisits: 3,
  myConcerns: 3,
  getConcern: 3,
  stationConcerns: 3,
  listModeration: 3,
  listDeadLetters: 2,
  listAudit: 3,
  listInvitations: 3,
  listGrants: 3,
  listMembers: 3,
  listTransfers: 3,
  importTemplate: 1,
  getImport: 2,
  // An export reads what its screen reads, a page as large as one batch allows: one page for a normal record; the
  // theme day's own figures ride in its roster's batch (functions/exports/exports.service.ts).
  exportRoster: 3,
  exportMonthAttendance: 3,
  exportThemeDayAttendance: 3,
  exportStationConcerns: 3,
  exportStationBookings: 3,
  // Built from running rows: the township, its station rows of the month, its open concerns past their deadline.
  concernOverview: 3,
  exportConcernOverview: 3,
  duesRegister: 3,
  exportDues: 3,
};

interface Call {
  as?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
}

// Seeded data (scripts/lib/seed.ts) where it exists; the concern is raised in beforeAll.
let concernId = '';
let importId = '';
const CALLS: Table<() => Call> = {
  health: () => ({}),
  getMe: () => ({ as: 'demo-member-1' }),
  mySubscriptions: () => ({ as: 'demo-member-1' }),
  listOrgs: () => ({ query: { parentId: 'tianhuangping' } }),
  getOrg: () => ({ params: { orgId: 'yucun' } }),
  listStations: () => ({ query: { orgId: 'yucun' } }),
  getStation: () => ({ params: { stationId: 'st-yucun' } }),
  listIdeas: () => ({ as: 'demo-member-1', params: { branchId: 'yucun-dzb' } }),
  getIdea: () => ({ as: 'demo-member-1', params: { ideaId: 'seed-idea-1' } }),
  listThemeDays: () => ({ as: 'demo-secretary-1', params: { branchId: 'yucun-dzb' } }),
  getThemeDay: () => ({ as: 'demo-member-1', params: { id: 'seed-themeday-1' } }),
  listAttendance: () => ({ as: 'demo-secretary-1', params: { id: 'seed-themeday-1' } }),
  myAttendance: () => ({ as: 'demo-member-1' }),
  politicalBirthdays: () => ({ as: 'demo-member-2', params: { branchId: 'yucun-dzb' }, query: { month: shanghaiMonth() } }),
  listSessions: () => ({ as: 'demo-official-1', params: { stationId: 'st-yucun' } }),
  listSlots: () => ({ params: { stationId: 'st-yucun' } }),
  myBookings: () => ({ as: 'demo-member-1' }),
  stationBookings: () => ({ as: 'demo-official-1', params: { stationId: 'st-yucun' } }),
  listNotices: () => ({ params: { orgId: 'yucun-dzb' } }),
  getNotice: () => ({ params: { id: 'seed-notice-1' } }),
  listGuidance: () => ({ params: { id: 'seed-themeday-1' } }),
  listCases: () => ({}),
  getAssessment: () => ({ as: 'demo-admin', params: { orgId: 'yucun-dzb' }, query: { month: shanghaiMonth() } }),
  listBranchVisits: () => ({ as: 'demo-township-1', params: { branchId: 'yucun-dzb' } }),
  myConcerns: () => ({ as: 'demo-resident-1' }),
  getConcern: () => ({ as: 'demo-resident-1', params: { id: concernId } }),
  stationConcerns: () => ({ as: 'demo-official-1', params: { stationId: 'st-yucun' } }),
  listModeration: () => ({ as: 'demo-township-1', params: { orgId: 'tianhuangping' } }),
  listDeadLetters: () => ({ as: 'demo-admin' }),
  listAudit: () => ({ as: 'demo-township-1', query: { orgId: 'tianhuangping' } }),
  listInvitations: () => ({ as: 'demo-secretary-1', params: { orgId: 'yucun-dzb' } }),
  listGrants: () => ({ as: 'demo-secretary-1', params: { orgId: 'yucun-dzb' } }),
  listMembers: () => ({ as: 'demo-secretary-1', params: { branchId: 'yucun-dzb' } }),
  listTransfers: () => ({ as: 'demo-secretary-1', params: { branchId: 'yucun-dzb' } }),
  importTemplate: () => ({ as: 'demo-township-1' }),
  getImport: () => ({ as: 'demo-township-1', params: { jobId: importId } }),
  exportRoster: () => ({ as: 'demo-secretary-1', params: { branchId: 'yucun-dzb' } }),
  exportMonthAttendance: () => ({ as: 'demo-secretary-1', params: { branchId: 'yucun-dzb' }, query: { month: '2031-02' } }),
  exportThemeDayAttendance: () => ({ as: 'demo-secretary-1', params: { id: 'seed-themeday-1' } }),
  exportStationConcerns: () => ({ as: 'demo-official-1', params: { stationId: 'st-yucun' } }),
  exportStationBookings: () => ({ as: 'demo-official-1', params: { stationId: 'st-yucun' } }),
  birthdayCard: () => ({ as: 'demo-member-1', params: { branchId: 'yucun-dzb', userId: 'u-demo-member-1', year: shanghaiMonth().slice(0, 4) } }),
  concernOverview: () => ({ as: 'demo-township-1', params: { orgId: 'tianhuangping' }, query: { month: shanghaiMonth() } }),
  exportConcernOverview: () => ({ as: 'demo-township-1', params: { orgId: 'tianhuangping' }, query: { month: shanghaiMonth() } }),
  duesRegister: () => ({ as: 'demo-secretary-1', params: { branchId: 'yucun-dzb' }, query: { month: shanghaiMonth() } }),
  exportDues: () => ({ as: 'demo-township-1', params: { branchId: 'yucun-dzb' }, query: { month: shanghaiMonth() } }),
};

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
const handlerOf = (group: string): Handler => require(`../../functions/${group}/handler`).handler;

let sent: string[] = [];
beforeAll(async () => {
  dynamoClient.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'countRequests' },
  );
  const raised = await call('raiseConcern', {
    token: await login('demo-resident-1'),
    body: { villageId: 'yucun', category: 'environment', title: '路灯不亮', content: '村口两盏路灯坏了一周，晚上看不清路。' },
  });
  if (raised.status !== 201) throw new Error(`raiseConcern → ${raised.status} ${JSON.stringify(raised.body)}`);
  concernId = raised.body.id;
  const job = await call('createImport', {
    token: await login('demo-township-1'),
    body: { orgId: 'tianhuangping', fileName: '读取成本.csv', contentBase64: Buffer.from('上级组织,名称,类型,类别,领域\n,读取成本村,村（社区）,村,\n').toString('base64') },
  });
  if (job.status !== 201) throw new Error(`createImport → ${job.status} ${JSON.stringify(job.body)}`);
  importId = job.body.id;
  // The township's moderation queue holds an idea and a reflection (of 大溪村, a branch no list above reads), so its
  // list reads authors and a day title.
  const queued = 'daxi-dzb';
  const [[member], [secretary]] = await Promise.all([withGrant('member', queued, 1), withGrant('secretary', queued, 1)]);
  const idea = await call('createIdea', { token: member.token, params: { branchId: queued }, body: { title: '读取成本', content: '【待审】内容', category: 'other' } });
  if (idea.body?.status !== 'pending_review') throw new Error(`createIdea → ${idea.status} ${JSON.stringify(idea.body)}`);
  const started = await call('createThemeDay', {
    token: secretary.token,
    params: { branchId: queued },
    body: { title: '读取成本心得', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: true },
  });
  if (started.status !== 201) throw new Error(`createThemeDay → ${started.status} ${JSON.stringify(started.body)}`);
  const published = await call('publishThemeDay', { token: secretary.token, params: { id: started.body.id } });
  if (published.status !== 200) throw new Error(`publishThemeDay → ${published.status} ${JSON.stringify(published.body)}`);
  const reflection = await call('participateOnline', { token: member.token, params: { id: started.body.id }, body: { content: '【待审】线上学习了本次主题党日的内容。' } });
  if (reflection.body?.reviewStatus !== 'pending_review') throw new Error(`participateOnline → ${reflection.status} ${JSON.stringify(reflection.body)}`);
  // A few theme days, so a list that reads per day shows it.
  for (let i = 0; i < 3; i++) {
    const day = await call('createThemeDay', {
      token: await login('demo-secretary-1'),
      params: { branchId: 'yucun-dzb' },
      body: { title: `读取成本${i}`, startsAt: '2031-02-01T09:00:00+08:00', endsAt: '2031-02-01T10:00:00+08:00', location: '村委会', agenda: ['学习'], onlineParticipation: false },
    });
    if (day.status !== 201) throw new Error(`createThemeDay → ${day.status} ${JSON.stringify(day.body)}`);
  }
});

/** Calls the route's handler in this process (its module, and so its caches, stay loaded between calls). */
async function invoke(name: RouteName, c: Call & { token?: string }): Promise<APIGatewayProxyStructuredResultV2> {
  const route = routes[name as RouteName] as unknown as RouteDef;
  const path = buildPath(route.path, c.params);
  const token = c.token ?? (c.as ? await login(c.as) : undefined);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const event = {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: path,
    rawQueryString: new URLSearchParams(c.query).toString(),
    headers,
    pathParameters: c.params,
    queryStringParameters: c.query,
    requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' }, routeKey: routeKey(route) },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  return handlerOf(route.group)(event, lambdaContext(route.group));
}

async function countRequests(name: RouteName): Promise<{ status: number; requests: string[] }> {
  const c = CALLS[name]!();
  // First call loads the module and warms caches; the second is the one counted, as on a warm container.
  await invoke(name, c);
  sent = [];
  const res = await invoke(name, c);
  return { status: res.statusCode ?? 0, requests: sent };
}

describe('DynamoDB requests per GET route', () => {
  it('has a budget for every GET route', () => {
    const gets = Object.entries(routes).filter(([, r]) => r.method === 'GET').map(([name]) => name);
    expect(Object.keys(BUDGET).sort()).toEqual(gets.sort());
  });

  it.each(Object.keys(BUDGET) as RouteName[])('%s stays within its budget', async (name) => {
    const { status, requests } = await countRequests(name);
    expect({ name, status }).toEqual({ name, status: 200 });
    // The requests are listed so a failure says which reads to merge.
    const made = { name, count: requests.length, requests: requests.join(' + ') };
    expect({ ...made, withinBudget: requests.length <= BUDGET[name]! }).toEqual({ ...made, withinBudget: true });
  });
});

// The roster skips reading a day its container has seen (moderators only): everyone else must still be refused exactly
// as a container that never saw the day refuses them (the API server here, in its own process).
describe('the roster in a warm container', () => {
  it('refuses as the day itself does', async () => {
    // Prepare: a draft and a published day of 余村, both seen by this process through their secretary's roster
    const secretary = await login('demo-secretary-1');
    const draft = await call('createThemeDay', {
      token: secretary,
      params: { branchId: 'yucun-dzb' },
      body: { title: '花名册草稿', startsAt: '2031-03-01T09:00:00+08:00', endsAt: '2031-03-01T10:00:00+08:00', location: '村委会', agenda: ['学习'], onlineParticipation: false },
    });
    expect(draft.status).toBe(201);
    const days = { draft: draft.body.id as string, published: 'seed-themeday-1' };
    for (const id of Object.values(days)) expect((await invoke('listAttendance', { token: secretary, params: { id } })).statusCode).toBe(200);
    const [otherSecretary] = await withGrant('secretary', 'xiaoqian-dzb', 1);
    const callers = { member: await login('demo-member-1'), otherSecretary: otherSecretary.token, township: await login('demo-township-1') };

    // Act: each caller on each day, in this warm process and through the API
    const outcomes: Record<string, { warm: unknown; api: unknown }> = {};
    for (const [day, id] of Object.entries(days)) {
      for (const [who, token] of Object.entries(callers)) {
        const warm = await invoke('listAttendance', { token, params: { id } });
        const api = await call('listAttendance', { token, params: { id } });
        outcomes[`${who} on ${day}`] = { warm: [warm.statusCode, JSON.parse(String(warm.body)).error ?? 'roster'], api: [api.status, api.body.error ?? 'roster'] };
      }
    }

    // Assess: the same answers, and the expected ones
    for (const [key, o] of Object.entries(outcomes)) expect({ key, warm: o.warm }).toEqual({ key, warm: o.api });
    const statuses = Object.fromEntries(Object.entries(outcomes).map(([key, o]) => [key, (o.warm as [number])[0]]));
    expect(statuses).toEqual({
      'member on draft': 403,
      'otherSecretary on draft': 404,
      'township on draft': 200,
      'member on published': 403,
      'otherSecretary on published': 403,
      'township on published': 200,
    });
  });
});
