// Handlers as shipped (the prod bundles from section 1), invoked in this process against DynamoDB Local, next to the
// raw SDK calls they make: warm CPU per GET /v1/me, and booking throughput under contention against bare
// TransactWriteItems at the same concurrency, with an Idempotency-Key per booking as the mini-program sends (and
// without, for comparison). Run as a child of the bench (the bundles read config at import):
//   BUNDLES=bench/.out DYNAMODB_ENDPOINT=… node -r @swc-node/register bench/inprocess.ts
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, TransactionCanceledException, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand as DocQueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { spawn } from 'node:child_process';
import { ensureTable, startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { LOCAL_TABLE, localFunctionEnv } from '../scripts/lib/local-env';
import { freePort } from '../scripts/lib/ports';
import { seed } from '../scripts/lib/seed';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { BUNDLES_DIR } from './bundles';
import { fmt, median, round, table } from './stats';

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
const bundles = process.env.BUNDLES!;
const load = (fn: string, file: string): Handler => require(path.resolve(bundles, fn, file)).handler;

function event(
  method: string,
  routePath: string,
  rawPath: string,
  opts: { token?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${routePath}`,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    pathParameters: opts.params,
    requestContext: { http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' }, routeKey: `${method} ${routePath}` },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}
let seq = 0;
const context = () => ({ awsRequestId: `bench-${++seq}`, functionName: 'bench', getRemainingTimeInMillis: () => 10_000 });

async function ok(h: Handler, e: APIGatewayProxyEventV2, status: number) {
  const res = await h(e, context());
  if (res.statusCode !== status) throw new Error(`${e.routeKey} → ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body || 'null');
}

// DynamoDB requests (target and JSON body) seen on node:http while `recording` is set. Installed before any client
// sends (the SDK keeps the `request` it first finds), and synced into the ESM view the SDK imports it through.
let recording: { target: string; body: string }[] | undefined;
function watchRequests(): void {
  const original = http.request;
  (http as { request: unknown }).request = (...args: Parameters<typeof http.request>) => {
    const req = original(...args);
    if (!recording) return req;
    const seen = recording;
    const end = req.end.bind(req);
    req.end = ((chunk?: unknown, ...rest: unknown[]) => {
      seen.push({ target: String(req.getHeader('x-amz-target') ?? ''), body: chunk && typeof chunk !== 'function' ? String(chunk) : '' });
      return end(chunk as string, ...(rest as []));
    }) as typeof req.end;
    return req;
  };
  syncBuiltinESMExports();
}

async function captureRequests(fn: () => Promise<unknown>): Promise<{ target: string; body: string }[]> {
  const seen: { target: string; body: string }[] = (recording = []);
  try {
    await fn();
  } finally {
    recording = undefined;
  }
  return seen;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU ms per call of `fire`, `calls` calls at `concurrency` in flight. */
async function cpuPerCall(fire: () => Promise<unknown>, calls: number, concurrency: number): Promise<number> {
  let left = calls;
  const c0 = cpuMs();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) await fire();
  }));
  return (cpuMs() - c0) / calls;
}

export interface InProcessReport {
  warmCpu: { route: string; rawCalls: string[]; handlerCpuMs: number; rawCpuMs: number; ratio: number; calls: number };
  booking: {
    residents: number;
    seats: number;
    bursts: number;
    /** With an Idempotency-Key per booking, as the mini-program sends: the figure the target is about. */
    keyed: BookingVariant;
    /** Without the header (as the bench sent before). */
    noKey: BookingVariant;
    rawRps: number;
    rawBooked: number;
    rawOther: number;
  };
}

export interface BookingVariant {
  /** DynamoDB requests per booking call (a warm-up burst, bookings only) and their kinds. */
  requestsPerCall: number;
  requestKinds: Record<string, number>;
  rps: number;
  /** Handler ÷ bare throughput over all bursts, and the median and range of the per-burst ratios. */
  ratio: number;
  burstRatio: { median: number; min: number; max: number };
  booked: number;
  full: number;
  other: number;
  /** What the `other` answers were: `<status> <error code>` and how many. */
  otherCodes: Record<string, number>;
  overbooked: number;
}

async function main(): Promise<InProcessReport> {
  watchRequests();
  // The raw calls get the functions' client settings (functions/core/dynamo.ts: attempts, timeouts), so the ratios
  // measure the handler, not a different client. (Required here: the module reads the function's env, set in this child only.)
  const { DYNAMO_TIMEOUTS } = require('../functions/core/dynamo') as typeof import('../functions/core/dynamo');
  const client = new DynamoDBClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: 'cn-northwest-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler(DYNAMO_TIMEOUTS),
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const auth = load('auth', 'functions/auth/handler.js');
  const me = load('me', 'functions/me/handler.js');
  const bookings = load('bookings', 'functions/bookings/handler.js');
  const login = async (openid: string) => (await ok(auth, event('POST', '/v1/auth/dev', '/v1/auth/dev', { body: { openid } }), 200)) as { token: string; user: { id: string } };

  // Warm CPU: GET /v1/me against the request(s) it makes, replayed with the raw low-level client.
  const { token } = await login('demo-member-1');
  const getMe = event('GET', '/v1/me', '/v1/me', { token });
  for (let i = 0; i < 200; i++) await ok(me, getMe, 200);
  const sent = await captureRequests(() => ok(me, getMe, 200));
  if (!sent.every((r) => r.target === 'DynamoDB_20120810.Query')) throw new Error(`GET /v1/me made ${sent.map((r) => r.target)}: replay handles Query only`);
  // Replayed through a DocumentClient with the functions' options, as the handler sends it (functions/core/dynamo.ts's
  // `ddb`): the SDK call it makes includes marshalling its input and unmarshalling the items.
  const inputs = sent.map((r) => {
    const input = JSON.parse(r.body) as QueryCommandInput;
    return {
      ...input,
      ExpressionAttributeValues: input.ExpressionAttributeValues && unmarshall(input.ExpressionAttributeValues),
      ExclusiveStartKey: input.ExclusiveStartKey && unmarshall(input.ExclusiveStartKey),
    };
  });
  const raw = () => Promise.all(inputs.map((input) => doc.send(new DocQueryCommand(input))));
  for (let i = 0; i < 200; i++) await raw();
  const calls = Number(process.env.CPU_CALLS ?? 1000);
  let handlerCpu = 0;
  let rawCpu = 0;
  for (let block = 0; block < 5; block++) {
    handlerCpu += await cpuPerCall(() => ok(me, getMe, 200), calls / 5, 10);
    rawCpu += await cpuPerCall(raw, calls / 5, 10);
  }

  // Booking throughput: bursts of residents booking one slot at once, through the handler (with and without an
  // Idempotency-Key) and as bare transactions.
  const residents = 200;
  const seats = 3;
  const bursts = 6;
  const tokens: string[] = [];
  for (let i = 0; i < residents; i += 25) tokens.push(...(await Promise.all(Array.from({ length: 25 }, (_, j) => login(`bench-inproc-${i + j}`)))).map((l) => l.token));
  const official = (await login('demo-official-1')).token;
  const start = Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000;
  const slotCount = 2 * bursts + 2;
  const session = await ok(bookings, event('POST', '/v1/stations/{stationId}/sessions', '/v1/stations/st-yucun/sessions', {
    token: official,
    params: { stationId: 'st-yucun' },
    body: { host: '压测 · 局长', startsAt: new Date(start).toISOString(), endsAt: new Date(start + slotCount * 1_800_000).toISOString(), slotMinutes: 30, seatsPerSlot: seats },
  }), 201);
  const slotIds: string[] = session.slots.map((s: { id: string }) => s.id);
  type Tally = { booked: number; full: number; other: number; otherCodes: Record<string, number>; overbooked: number; seconds: number; ratios: number[] };
  const tally = (): Tally => ({ booked: 0, full: 0, other: 0, otherCodes: {}, overbooked: 0, seconds: 0, ratios: [] });
  const keyedTally = tally();
  const noKeyTally = tally();
  const rawCounts = { booked: 0, other: 0 };
  /** One burst: every resident books `slotId` at once; a fresh key per booking, as the app makes one per tap. */
  const bookBurst = async (slotId: string, keyed: boolean) => {
    const book = (t: string, i: number) =>
      bookings(
        event('POST', '/v1/slots/{slotId}/bookings', `/v1/slots/${slotId}/bookings`, {
          token: t,
          params: { slotId },
          body: { topic: '压测：咨询政策' },
          headers: keyed ? { 'idempotency-key': `bench-${slotId}-${i}-${Math.random().toString(36).slice(2)}` } : undefined,
        }),
        context(),
      );
    const t0 = performance.now();
    const replies = await Promise.all(tokens.map(book));
    return { replies, seconds: (performance.now() - t0) / 1000 };
  };
  // Winners cancel (not timed), so nobody reaches the cap of upcoming bookings.
  const cancelWinners = async (replies: APIGatewayProxyStructuredResultV2[]) => {
    for (const [i, r] of replies.entries()) {
      if (r.statusCode !== 201) continue;
      const id = JSON.parse(r.body!).id;
      await ok(bookings, event('DELETE', '/v1/bookings/{bookingId}', `/v1/bookings/${id}`, { token: tokens[i], params: { bookingId: id } }), 200);
    }
  };
  const handlerBurst = async (slotId: string, keyed: boolean, t: Tally) => {
    const { replies, seconds } = await bookBurst(slotId, keyed);
    const won = replies.filter((r) => r.statusCode === 201).length;
    t.booked += won;
    t.full += replies.filter((r) => r.statusCode === 409).length;
    for (const r of replies.filter((r) => r.statusCode !== 201 && r.statusCode !== 409)) {
      const code = `${r.statusCode} ${(JSON.parse(r.body || '{}') as { error?: { code?: string } }).error?.code ?? ''}`;
      t.otherCodes[code] = (t.otherCodes[code] ?? 0) + 1;
      t.other++;
    }
    if (won > seats) t.overbooked++;
    t.seconds += seconds;
    await cancelWinners(replies);
    return seconds;
  };
  // The same transaction as a booking (booking-create.repository.ts's book): the slot's seat, the resident's marker in
  // the slot's partition, the booking record, a cap token and the check that the resident's account exists (the
  // route reads no principal before it), so both loops contend on the same items the same way. A
  // conflict with another transaction is retried under the functions' policy (core/transact.ts), as the handler does:
  // each call ends booked or refused, not dropped.
  const { RETRY_POLICY, backoff } = require('../functions/core/transact') as typeof import('../functions/core/transact');
  const accountKey = (i: number) => ({ pk: `BENCH#INPROC#USER#${i}`, sk: 'PROFILE' });
  await Promise.all(tokens.map((_, i) => doc.send(new PutCommand({ TableName: LOCAL_TABLE, Item: { ...accountKey(i), entity: 'user' } }))));
  const rawBurst = async (burst: number, counted: boolean) => {
    const pk = `BENCH#INPROC#${burst}#${Date.now()}`;
    await doc.send(new PutCommand({ TableName: LOCAL_TABLE, Item: { pk, sk: 'SLOT', seats, booked: 0 } }));
    const t0 = performance.now();
    await Promise.all(tokens.map(async (_, i) => {
      const items = [
        { Update: { TableName: LOCAL_TABLE, Key: { pk, sk: 'SLOT' }, UpdateExpression: 'SET booked = booked + :one', ConditionExpression: 'booked < seats', ExpressionAttributeValues: { ':one': 1 }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } },
        { Put: { TableName: LOCAL_TABLE, Item: { pk, sk: `BOOKER#${i}` }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: LOCAL_TABLE, Item: { pk: `${pk}#BOOKING#${i}`, sk: 'BOOKING', topic: '压测：咨询政策' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { TableName: LOCAL_TABLE, Key: { pk: `${pk}#CAP#${i}`, sk: '0' }, UpdateExpression: 'SET bookingId = :b', ConditionExpression: 'attribute_not_exists(bookingId)', ExpressionAttributeValues: { ':b': String(i) }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } },
        { ConditionCheck: { TableName: LOCAL_TABLE, Key: accountKey(i), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)' } },
      ];
      for (let attempt = 1; ; attempt++) {
        try {
          await doc.send(new TransactWriteCommand({ TransactItems: items }));
          if (counted) rawCounts.booked++;
          return;
        } catch (err) {
          const refused = err instanceof TransactionCanceledException && err.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed');
          const conflict = err instanceof TransactionCanceledException && !refused;
          if (conflict && attempt < RETRY_POLICY.attempts) {
            await backoff(attempt);
            continue;
          }
          // Exhausted retries or a timeout under this load: what the handler answers 503 for (its `other`).
          if (!refused && counted) rawCounts.other++;
          return;
        }
      }
    }));
    return (performance.now() - t0) / 1000;
  };
  // Warm-up bursts (not counted), whose booking requests say what one booking costs with and without a key.
  const requestsOf = async (slotId: string, keyed: boolean) => {
    let replies: APIGatewayProxyStructuredResultV2[] = [];
    const sent = await captureRequests(async () => ({ replies } = await bookBurst(slotId, keyed)));
    await cancelWinners(replies);
    const kinds = [...new Set(sent.map((r) => r.target.split('.')[1]))];
    return { requestsPerCall: sent.length / residents, requestKinds: Object.fromEntries(kinds.map((k) => [k, sent.filter((r) => r.target.endsWith(`.${k}`)).length])) };
  };
  const keyedCost = await requestsOf(slotIds[2 * bursts], true);
  const noKeyCost = await requestsOf(slotIds[2 * bursts + 1], false);
  await rawBurst(-1, false);
  let rawSeconds = 0;
  // Interleaved, the order turning each burst, so drift in the machine's load hits all three alike; each burst's
  // ratios pair the handler with the bare loop next to it.
  for (let b = 0; b < bursts; b++) {
    const steps = [
      async () => handlerBurst(slotIds[2 * b], true, keyedTally),
      async () => handlerBurst(slotIds[2 * b + 1], false, noKeyTally),
      async () => rawBurst(b, true),
    ];
    const order = [0, 1, 2].map((i) => (i + b) % 3);
    const took: number[] = [];
    for (const i of order) took[i] = await steps[i]();
    rawSeconds += took[2];
    keyedTally.ratios.push(took[2] / took[0]);
    noKeyTally.ratios.push(took[2] / took[1]);
  }
  client.destroy();
  const rawRps = (residents * bursts) / rawSeconds;
  const variant = (t: Tally, cost: { requestsPerCall: number; requestKinds: Record<string, number> }): BookingVariant => {
    const rps = (residents * bursts) / t.seconds;
    return {
      ...cost,
      rps,
      ratio: rps / rawRps,
      burstRatio: { median: median(t.ratios), min: Math.min(...t.ratios), max: Math.max(...t.ratios) },
      booked: t.booked,
      full: t.full,
      other: t.other,
      otherCodes: t.otherCodes,
      overbooked: t.overbooked,
    };
  };
  return {
    warmCpu: { route: 'GET /v1/me', rawCalls: sent.map((r) => r.target.split('.')[1]), handlerCpuMs: handlerCpu / 5, rawCpuMs: rawCpu / 5, ratio: handlerCpu / rawCpu, calls },
    booking: {
      residents,
      seats,
      bursts,
      keyed: variant(keyedTally, keyedCost),
      noKey: variant(noKeyTally, noKeyCost),
      rawRps,
      rawBooked: rawCounts.booked,
      rawOther: rawCounts.other,
    },
  };
}

/** A fresh DynamoDB Local (table and seed) and this file in a child process on the bundles of `bundlesDir`. */
export async function benchInProcess(bundlesDir: string, log: (msg: string) => void): Promise<InProcessReport> {
  log('in process: DynamoDB Local (in memory), the shipped bundles of auth, me and bookings…');
  const db = await startDynamoLocal({ port: await freePort() });
  try {
    await ensureTable(db.endpoint, LOCAL_TABLE);
    await seed(db.endpoint, LOCAL_TABLE);
    const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename], {
      env: { ...process.env, ...localFunctionEnv({ dynamoEndpoint: db.endpoint }), POWERTOOLS_LOG_LEVEL: 'ERROR', BUNDLES: bundlesDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`bench/inprocess.ts exited ${code}`);
    return JSON.parse(out.trim().split('\n').pop()!);
  } finally {
    await db.stop();
  }
}

export function printInProcess(r: InProcessReport): void {
  const w = r.warmCpu;
  console.log(
    `warm CPU per call, ${w.calls} calls at 10 in flight: ${w.route} handler ${fmt(w.handlerCpuMs, 3)} ms, the raw ${w.rawCalls.join(' + ')} it makes ` +
      `${fmt(w.rawCpuMs, 3)} ms: ${fmt(w.ratio, 2)}× (target ≤ 1.25×)`,
  );
  const b = r.booking;
  const row = (name: string, v: BookingVariant) => [name, fmt(v.rps, 0), `${fmt(v.ratio, 2)}×`, `${fmt(v.burstRatio.median, 2)}× (${fmt(v.burstRatio.min, 2)}–${fmt(v.burstRatio.max, 2)})`, fmt(v.requestsPerCall, 2), v.booked, v.full, v.other, v.overbooked];
  console.log(
    table(
      ['in process', 'req/s', '÷ bare', 'per burst: median (range)', 'requests/call', 'booked', 'full', 'other', 'overbooked'],
      [
        row('POST /v1/slots/{id}/bookings, Idempotency-Key', b.keyed),
        row('POST /v1/slots/{id}/bookings, no key', b.noKey),
        ['bare TransactWriteItems', fmt(b.rawRps, 0), '1×', '-', '1', b.rawBooked, '-', b.rawOther, '-'],
      ],
    ),
  );
  const kinds = (v: BookingVariant) => Object.entries(v.requestKinds).map(([k, n]) => `${n} ${k}`).join(', ');
  console.log(
    `${b.bursts} bursts of ${b.residents} at once on a ${b.seats}-seat slot: handler with Idempotency-Key ÷ bare throughput ` +
      `${fmt(b.keyed.ratio, 2)}× (target ≥ 0.7×). A warm-up burst's booking requests: with a key ${kinds(b.keyed)}; without ${kinds(b.noKey)}`,
  );
  const others = (v: BookingVariant) => Object.entries(v.otherCodes).map(([k, n]) => `${n}× ${k}`).join(', ') || 'none';
  console.log(`other answers: with a key ${others(b.keyed)}; without ${others(b.noKey)}`);
}

const variantJson = (v: BookingVariant) => ({
  ...v,
  requestsPerCall: round(v.requestsPerCall, 2),
  rps: round(v.rps, 0),
  ratio: round(v.ratio, 2),
  burstRatio: { median: round(v.burstRatio.median, 2), min: round(v.burstRatio.min, 2), max: round(v.burstRatio.max, 2) },
});

export function inProcessJson(r: InProcessReport): Record<string, unknown> {
  return {
    warmCpu: { ...r.warmCpu, handlerCpuMs: round(r.warmCpu.handlerCpuMs, 3), rawCpuMs: round(r.warmCpu.rawCpuMs, 3), ratio: round(r.warmCpu.ratio, 2) },
    booking: { ...r.booking, keyed: variantJson(r.booking.keyed), noKey: variantJson(r.booking.noKey), rawRps: round(r.booking.rawRps, 0) },
  };
}

if (require.main === module && process.env.BUNDLES) {
  main().then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

if (require.main === module && !process.env.BUNDLES) {
  benchInProcess(BUNDLES_DIR, (m) => console.log(m)).then(printInProcess, (err) => {
    console.error(err);
    process.exit(1);
  });
}
