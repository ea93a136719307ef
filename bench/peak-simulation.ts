// One township's theme-day peak at ×10, replayed through the real handlers (in process, API Gateway v2 events) on
// DynamoDB Local: the model's per-route rates for the township, ×10, for SIM_SECONDS (default 60 s) of the busiest
// minutes; then every day is closed, and one popular slot is tapped by the model's 300 residents at once. Checks
// that attendance, the closed figures, the township's aggregates and the seats are exact, and counts the requests
// each partition took per second (a middleware on the DynamoDB client) beside the model's prediction.
// Bounded: at most 64 requests in flight, SIM_SECONDS of load, only DynamoDB Local on 127.0.0.1.
//   node -r @swc-node/register bench/peak-simulation.ts
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ensureTable, startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { LOCAL_TABLE, localFunctionEnv } from '../scripts/lib/local-env';
import { freePort } from '../scripts/lib/ports';
import { httpEvent, lambdaContext } from '../tests/unit/lambda-event';
import { keyHeat, shapeOf } from './key-heat';
import { fmt, round, table } from './stats';
import { BEHAVIOUR, peakOf, townshipOf, ZHEJIANG, type ModelRoute } from './traffic-model';

const SCALE = 10;
const SECONDS = Number(process.env.SIM_SECONDS ?? 60);
const IN_FLIGHT = 64;
const MEMBERS_PER_BRANCH = Math.round(ZHEJIANG.members / ZHEJIANG.branches);
const SIMULATED: ModelRoute[] = ['checkIn', 'getThemeDay', 'listAttendance', 'getMe', 'listNotices', 'createCheckInCode'];

export interface SimulationReport {
  branches: number;
  members: number;
  seconds: number;
  routes: { route: string; modelRps: number; sent: number; ok: number; measuredRps: number }[];
  keys: { partition: string; index: string; modelRequests: number; measuredMaxPerSecond: number }[];
  checks: { checkIns: number; presentInClosedDays: number; presentInAggregates: number; slotSeats: number; slotBooked: number; bookingsCommitted: number; tapAnswers: Record<string, number> };
}

async function simulate(log: (m: string) => void): Promise<SimulationReport> {
  const peak = peakOf(townshipOf(ZHEJIANG));
  const branches = Math.max(1, Math.round(peak.branchesInPeakHour * SCALE));
  log(`starting DynamoDB Local; ${branches} branches × ${MEMBERS_PER_BRANCH} members (${SCALE}× a township's peak hour)…`);
  const db = await startDynamoLocal({ port: await freePort() });
  process.once('exit', () => db.process.kill('SIGKILL'));
  Object.assign(process.env, localFunctionEnv({ dynamoEndpoint: db.endpoint, tableName: LOCAL_TABLE }), { CONTENT_CHECKER: 'allow' });
  await ensureTable(db.endpoint, LOCAL_TABLE);
  const { ddb, dynamoClient, TABLE } = await import('../functions/core/dynamo');
  const { BatchWriteCommand, GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { orgItem, stationItem } = await import('../functions/orgs/org.entity');
  const { profileItem, grantItem } = await import('../functions/users/user.entity');
  const { themeDayItem } = await import('../functions/themedays/themeday.entity');
  const { slotItem, bookingKeys } = await import('../functions/bookings/booking.entity');
  const { aggKeys } = await import('../functions/assessments/aggregate.entity');
  const { issueToken } = await import('../functions/core/tokens');
  const handlers = {
    themedays: (await import('../functions/themedays/handler')).handler,
    me: (await import('../functions/me/handler')).handler,
    notices: (await import('../functions/notices/handler')).handler,
    bookings: (await import('../functions/bookings/handler')).handler,
  };

  // Seed: one township, its villages and branches, members with grants, a published day per branch that started
  // five minutes ago, a station with one popular slot tomorrow.
  const now = Date.now();
  const at = new Date(now).toISOString();
  const path = ['sim-city', 'sim-county', 'sim-t'];
  const items: Record<string, unknown>[] = [];
  const org = (id: string, type: 'city' | 'county' | 'township' | 'village' | 'branch', parent: string[]) => {
    items.push(orgItem({ id, name: id, type, parentId: parent.at(-1) ?? null, path: [...parent, id], townshipId: type === 'township' || parent.includes('sim-t') ? 'sim-t' : null }));
  };
  org('sim-city', 'city', []);
  org('sim-county', 'county', ['sim-city']);
  org('sim-t', 'township', ['sim-city', 'sim-county']);
  org('sim-v', 'village', path);
  const days: { id: string; branchId: string; secretary: string; members: string[] }[] = [];
  for (let b = 0; b < branches; b++) {
    const branchId = `sim-b${b}`;
    org(branchId, 'branch', [...path, 'sim-v']);
    const members = Array.from({ length: MEMBERS_PER_BRANCH }, (_, m) => `sim-u${b}-${m}`);
    for (const u of members) {
      items.push(profileItem({ id: u, displayName: u, createdAt: at, updatedAt: at }), grantItem(u, { role: 'member', orgId: branchId }, at));
    }
    const secretary = `sim-sec${b}`;
    items.push(profileItem({ id: secretary, displayName: secretary, createdAt: at, updatedAt: at }), grantItem(secretary, { role: 'secretary', orgId: branchId }, at));
    const id = `simday${b}`;
    items.push(themeDayItem({
      id, branchId, path: [...path, 'sim-v', branchId], title: '主题党日', startsAt: new Date(now - 5 * 60_000).toISOString(), endsAt: new Date(now + 3 * 3600_000).toISOString(),
      location: '党群服务中心', agenda: ['重温入党誓词'], ideaIds: [], onlineParticipation: false, category: 'other', status: 'published', publishedAt: at, attVersion: 0, createdBy: secretary, createdAt: at,
    }));
    days.push({ id, branchId, secretary, members });
  }
  const station = { id: 'sim-st', name: '驻点工作室', orgId: 'sim-v', address: '村委会', path: [...path, 'sim-v', 'sim-st'], townshipId: 'sim-t' };
  items.push(stationItem(station));
  const slotStart = new Date(Math.ceil((now + 26 * 3600_000) / 3600_000) * 3600_000).toISOString();
  items.push(slotItem({ id: 'sim-slot', sessionId: 'sim-session', stationId: station.id, host: '局长', startsAt: slotStart, endsAt: new Date(Date.parse(slotStart) + 1800_000).toISOString(), seats: BEHAVIOUR.seatsPerSlot, booked: 0, status: 'open' }));
  const tappers = Array.from({ length: BEHAVIOUR.popularSlotTappers }, (_, i) => `sim-r${i}`);
  for (const r of tappers) items.push(profileItem({ id: r, displayName: r, createdAt: at, updatedAt: at }));
  log(`seeding ${items.length} items…`);
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let req: Record<string, any> | undefined = { [TABLE]: batch.map((Item) => ({ PutRequest: { Item } })) };
      while (req && Object.keys(req).length) req = (await ddb.send(new BatchWriteCommand({ RequestItems: req }))).UnprocessedItems;
    }
  }));
  const tokens = new Map<string, string>();
  const token = async (u: string) => tokens.get(u) ?? (tokens.set(u, await issueToken(u)), tokens.get(u)!);

  // Per-partition counts per second, from every command the handlers (and Powertools) send.
  let counting = false;
  const perSecond = new Map<string, Map<number, number>>();
  const count = (index: string, pk: unknown) => {
    if (!counting || typeof pk !== 'string') return;
    const key = `${index} ${pk}`;
    const s = Math.floor(performance.now() / 1000);
    const m = perSecond.get(key) ?? new Map<number, number>();
    m.set(s, (m.get(s) ?? 0) + 1);
    perSecond.set(key, m);
  };
  const pkOf = (x: any) => (x?.pk?.S ?? x?.pk) as unknown;
  dynamoClient.middlewareStack.add((next) => async (args) => {
    const input = args.input as any;
    if (input.Key || input.Item) count('table', pkOf(input.Key ?? input.Item));
    if (input.KeyConditionExpression) {
      const v = Object.entries(input.ExpressionAttributeValues ?? {}).find(([k]) => input.KeyConditionExpression.includes(`= ${k}`))?.[1];
      count(input.IndexName ?? 'table', (v as any)?.S ?? v);
    }
    for (const t of input.TransactItems ?? []) {
      const op = t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck;
      count('table', pkOf(op.Key ?? op.Item));
    }
    for (const keys of Object.values(input.RequestItems ?? {}) as any[]) {
      for (const k of keys.Keys ?? keys) count('table', pkOf(k.Keys ? undefined : (k.PutRequest?.Item ?? k.DeleteRequest?.Key ?? k)));
    }
    return next(args);
  }, { step: 'initialize', name: 'simCountKeys' });

  const call = async (fn: keyof typeof handlers, method: string, p: string, user: string, body?: unknown, headers: Record<string, string> = {}) => {
    const event = httpEvent(method, p, body, { authorization: `Bearer ${await token(user)}`, ...headers });
    // API Gateway's path parameters, from the ids in the path.
    const [, , , id, , sub] = p.split('/');
    event.pathParameters = p.startsWith('/v1/theme-days/') ? { id } : p.startsWith('/v1/orgs/') ? { orgId: id } : p.startsWith('/v1/slots/') ? { slotId: id } : {};
    void sub;
    const res = await handlers[fn](event, lambdaContext(fn));
    return { status: res.statusCode ?? 0, body: res.body ? JSON.parse(res.body) : undefined };
  };

  // Codes first (the consoles open before anyone scans).
  const codes = new Map<string, string>();
  for (const d of days) codes.set(d.id, (await call('themedays', 'POST', `/v1/theme-days/${d.id}/check-in-codes`, d.secretary)).body.code);

  const scaled = (r: ModelRoute) => peak.rps[r] * SCALE;
  let nextMember = 0;
  const order = days.flatMap((d) => d.members.map((u) => ({ d, u })));
  const pickDay = () => days[Math.floor(Math.random() * days.length)];
  const fire: Record<string, () => Promise<{ status: number }>> = {
    checkIn: () => {
      const { d, u } = order[nextMember++ % order.length];
      return call('themedays', 'POST', `/v1/theme-days/${d.id}/check-ins`, u, { code: codes.get(d.id) });
    },
    getThemeDay: () => { const d = pickDay(); return call('themedays', 'GET', `/v1/theme-days/${d.id}`, d.members[0]); },
    listAttendance: () => { const d = pickDay(); return call('themedays', 'GET', `/v1/theme-days/${d.id}/attendance`, d.secretary); },
    getMe: () => call('me', 'GET', '/v1/me', pickDay().members[1]),
    listNotices: () => call('notices', 'GET', '/v1/orgs/sim-t/notices', pickDay().members[2]),
    createCheckInCode: async () => {
      const d = pickDay();
      const r = await call('themedays', 'POST', `/v1/theme-days/${d.id}/check-in-codes`, d.secretary);
      // The old code stays valid until it expires: members in the middle of a scan are not refused.
      return r;
    },
  };
  const sent = new Map<string, number>();
  const ok = new Map<string, number>();
  const errors = new Map<string, number>();
  let inFlight = 0;
  const running = new Set<Promise<void>>();
  log(`replaying ${SECONDS} s at ${fmt(SIMULATED.reduce((s, r) => s + scaled(r), 0), 1)} req/s (${SIMULATED.join(', ')})…`);
  counting = true;
  const t0 = performance.now();
  const due = new Map(SIMULATED.map((r) => [r, 0]));
  while (performance.now() - t0 < SECONDS * 1000) {
    const elapsed = (performance.now() - t0) / 1000;
    // Round robin over the routes that are due, so a slow route does not starve the others of the in-flight cap.
    for (let fired = true; fired && inFlight < IN_FLIGHT; ) {
      fired = false;
      for (const r of SIMULATED) {
        if (due.get(r)! >= elapsed * scaled(r) || inFlight >= IN_FLIGHT) continue;
        fired = true;
        due.set(r, due.get(r)! + 1);
        sent.set(r, (sent.get(r) ?? 0) + 1);
        inFlight++;
        const p = fire[r]().then(
          (res) => void (res.status < 300 ? ok.set(r, (ok.get(r) ?? 0) + 1) : errors.set(`${r} ${res.status}`, (errors.get(`${r} ${res.status}`) ?? 0) + 1)),
          (err) => void errors.set(`${r} ${(err as Error).name}`, (errors.get(`${r} ${(err as Error).name}`) ?? 0) + 1),
        ).finally(() => { inFlight--; running.delete(p); });
        running.add(p);
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(running);
  const seconds = (performance.now() - t0) / 1000;
  counting = false;
  if (errors.size) log(`errors: ${[...errors].map(([k, n]) => `${n} × ${k}`).join(', ')}`);

  // Close every day, then read back what closing froze and what it added to the township's aggregates.
  log('closing every day…');
  let presentInClosedDays = 0;
  for (const d of days) {
    const r = await call('themedays', 'POST', `/v1/theme-days/${d.id}/close`, d.secretary, { summary: '按计划完成，党员积极参与。' });
    if (r.status !== 200) throw new Error(`close ${d.id} → ${r.status} ${JSON.stringify(r.body)}`);
    presentInClosedDays += r.body.stats.present;
  }
  const month = new Date(now + 8 * 3600_000).toISOString().slice(0, 7);
  const aggregate = await ddb.send(new GetCommand({ TableName: TABLE, Key: aggKeys.childTotal(month, 'sim-county', 'sim-t'), ConsistentRead: true }));

  log(`popular slot: ${tappers.length} residents tap at once…`);
  counting = true;
  const taps = await Promise.all(tappers.map((u) => call('bookings', 'POST', '/v1/slots/sim-slot/bookings', u, { topic: '咨询政策' }, { 'idempotency-key': `tap-${u}` })));
  counting = false;
  const slot = await ddb.send(new GetCommand({ TableName: TABLE, Key: bookingKeys.slot('sim-slot'), ConsistentRead: true }));

  const model = keyHeat({ ...peak, rps: Object.fromEntries(Object.entries(peak.rps).map(([k, v]) => [k, SIMULATED.includes(k as ModelRoute) ? v * SCALE : 0])) as typeof peak.rps });
  const measured = new Map<string, number>();
  for (const [key, m] of perSecond) {
    const [index, pk] = [key.slice(0, key.indexOf(' ')), key.slice(key.indexOf(' ') + 1)];
    const shape = `${index} ${shapeOf(pk)}`;
    measured.set(shape, Math.max(measured.get(shape) ?? 0, ...m.values()));
  }
  const keys = [...new Set([...model.filter((r) => r.requests > 0).map((r) => `${r.index} ${r.partition}`), ...measured.keys()])].map((k) => {
    const row = model.find((r) => `${r.index} ${r.partition}` === k);
    return { partition: k.slice(k.indexOf(' ') + 1), index: k.slice(0, k.indexOf(' ')), modelRequests: row?.requests ?? 0, measuredMaxPerSecond: measured.get(k) ?? 0 };
  }).sort((a, b) => b.measuredMaxPerSecond - a.measuredMaxPerSecond);
  await db.stop();
  return {
    branches,
    members: branches * MEMBERS_PER_BRANCH,
    seconds,
    routes: SIMULATED.map((r) => ({ route: r, modelRps: scaled(r), sent: sent.get(r) ?? 0, ok: ok.get(r) ?? 0, measuredRps: (ok.get(r) ?? 0) / seconds })),
    keys,
    checks: {
      checkIns: ok.get('checkIn') ?? 0,
      presentInClosedDays,
      presentInAggregates: Number(aggregate.Item?.present ?? 0),
      slotSeats: Number(slot.Item?.seats),
      slotBooked: Number(slot.Item?.booked),
      bookingsCommitted: taps.filter((t) => t.status === 201).length,
      tapAnswers: taps.reduce<Record<string, number>>((m, t) => ((m[`${t.status} ${t.body?.error?.code ?? ''}`.trim()] = (m[`${t.status} ${t.body?.error?.code ?? ''}`.trim()] ?? 0) + 1), m), {}),
    },
  };
}

export function printPeakSimulation(r: SimulationReport): void {
  console.log(`${r.branches} branches, ${r.members} members in one township (${SCALE}× its peak hour), ${fmt(r.seconds, 1)} s of load`);
  console.log(table(['route', 'model req/s', 'sent', '2xx', 'measured req/s'], r.routes.map((x) => [x.route, fmt(x.modelRps, 2), x.sent, x.ok, fmt(x.measuredRps, 2)])));
  console.log(table(['partition', 'index', 'model req/s (hottest key)', 'measured max req in a second'], r.keys.slice(0, 15).map((k) => [k.partition, k.index, fmt(k.modelRequests, 2), k.measuredMaxPerSecond])));
  const c = r.checks;
  console.log(`exact: ${c.checkIns} check-ins answered 2xx, ${c.presentInClosedDays} present in the closed days, ${c.presentInAggregates} in the township's aggregate; ` +
    `slot ${c.slotBooked}/${c.slotSeats} seats booked, ${c.bookingsCommitted} bookings answered 201 (taps: ${JSON.stringify(c.tapAnswers)})`);
  const exact = c.checkIns === c.presentInClosedDays && c.presentInClosedDays === c.presentInAggregates && c.slotBooked === c.slotSeats && c.bookingsCommitted === c.slotSeats;
  if (!exact) throw new Error('the simulation’s counts are not exact');
}

export const peakSimulationJson = (r: SimulationReport) => ({ ...r, seconds: round(r.seconds), routes: r.routes.map((x) => ({ ...x, modelRps: round(x.modelRps, 2), measuredRps: round(x.measuredRps, 2) })), keys: r.keys.map((k) => ({ ...k, modelRequests: round(k.modelRequests, 2) })) });

/** Runs the simulation in a child process: the functions read their configuration once per process. */
export function benchPeakSimulation(log: (m: string) => void): Promise<SimulationReport> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child'], { execArgv: ['-r', '@swc-node/register'] });
    const kill = () => child.kill('SIGTERM');
    process.once('exit', kill);
    let report: SimulationReport | undefined;
    child.on('message', (m) => (report = m as SimulationReport));
    child.on('exit', (code) => {
      process.removeListener('exit', kill);
      if (report) resolve(report);
      else reject(new Error(`peak simulation exited with ${code}`));
    });
    void log;
  });
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const child = process.argv.includes('--child');
  if (child) process.on('disconnect', () => process.exit(1));
  simulate((m) => console.log(m)).then(
    (r) => (child ? process.send!(r, () => process.exit(0)) : (printPeakSimulation(r), process.exit(0))),
    (err) => {
      console.error(`simulation failed: ${(err as Error).stack ?? err}`);
      process.exit(1);
    },
  );
}
