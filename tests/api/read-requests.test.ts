// Every GET route with the DynamoDB requests one call makes, against an explicit budget: a read must not grow into
// a request per item. The handlers run in this process (the API's own code on the test's DynamoDB Local), counted by
// a middleware on the shared client that sees every HTTP request it sends, retries included.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildPath, routeKey, routes, type RouteDef, type RouteName } from '@shared/routes';
import { shanghaiMonth } from '@shared/time';
import { dynamoClient } from '../../functions/core/dynamo';
import { lambdaContext } from '../unit/lambda-event';
import { call, login } from './http';

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
  listSessions: 3,
  listSlots: 3,
  myBookings: 3,
  stationBookings: 3,
  listNotices: 3,
  getNotice: 3,
  listGuidance: 3,
  listCases: 3,
  getAssessment: 3,
  myConcerns: 3,
  getConcern: 3,
  stationConcerns: 3,
  listModeration: 3,
  listDeadLetters: 2,
};

interface Call {
  as?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
}

// Seeded data (scripts/lib/seed.ts) where it exists; the concern is raised in beforeAll.
let concernId = '';
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
  myConcerns: () => ({ as: 'demo-resident-1' }),
  getConcern: () => ({ as: 'demo-resident-1', params: { id: concernId } }),
  stationConcerns: () => ({ as: 'demo-official-1', params: { stationId: 'st-yucun' } }),
  listModeration: () => ({ as: 'demo-township-1', params: { orgId: 'tianhuangping' } }),
  listDeadLetters: () => ({ as: 'demo-admin' }),
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

async function countRequests(name: RouteName): Promise<{ status: number; requests: string[] }> {
  const route = routes[name as RouteName] as unknown as RouteDef;
  const c = CALLS[name]!();
  const path = buildPath(route.path, c.params);
  const headers: Record<string, string> = c.as ? { authorization: `Bearer ${await login(c.as)}` } : {};
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
  const handler = handlerOf(route.group);
  // First call loads the module and warms caches; the second is the one counted, as on a warm container.
  await handler(event, lambdaContext(route.group));
  sent = [];
  const res = await handler(event, lambdaContext(route.group));
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
