// Handlers as shipped (the prod bundles from section 1), invoked in this process against DynamoDB Local, next to the
// raw SDK calls they make: warm CPU per GET /v1/me, and booking throughput under contention against bare
// TransactWriteItems at the same concurrency, with an Idempotency-Key per booking as the mini-program sends (and
// without, for comparison). Run as a child of the bench (the bundles read config at import):
//   BUNDLES=bench/.out DYNAMODB_ENDPOINT=… node -r @swc-node/register bench/inprocess.ts
import { DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoDBDocumentClient, QueryCommand as DocQueryCommand } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'node:child_process';
import { ensureTable, startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { LOCAL_TABLE, localFunctionEnv } from '../scripts/lib/local-env';
import { freePort } from '../scripts/lib/ports';
import { seed } from '../scripts/lib/seed';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { BUNDLES_DIR } from './bundles';
import { bookingThroughput, type BookingReport, type BookingVariant } from './inprocess-booking';
import { captureRequests, cpuPerCall, event, load, ok, watchRequests } from './inprocess-harness';
import { fmt, median, percentile, round, table } from './stats';

export interface InProcessReport {
  /**
   * `ratio`: the median of the rounds' ratios (each round a block of handler calls next to a block of raw calls, the
   * order turning), as the cold imports are paired; `totalRatio`: all handler CPU over all raw CPU.
   */
  warmCpu: { route: string; rawCalls: string[]; handlerCpuMs: number; rawCpuMs: number; ratio: number; spread: [number, number]; totalRatio: number; calls: number; rounds: number };
  booking: BookingReport;
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
  // Both warmed past the JIT's tiers first: a warm container has served many requests.
  for (let i = 0; i < 1000; i++) await ok(me, getMe, 200);
  for (let i = 0; i < 1000; i++) await raw();
  const calls = Number(process.env.CPU_CALLS ?? 4000);
  const rounds = 20;
  const handlerCpu: number[] = [];
  const rawCpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const handlerBlock = async () => handlerCpu.push(await cpuPerCall(() => ok(me, getMe, 200), calls / rounds, 10));
    const rawBlock = async () => rawCpu.push(await cpuPerCall(raw, calls / rounds, 10));
    for (const block of round % 2 ? [rawBlock, handlerBlock] : [handlerBlock, rawBlock]) await block();
  }
  const ratios = handlerCpu.map((h, i) => h / rawCpu[i]).sort((a, b) => a - b);
  const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);

  const booking = await bookingThroughput(bookings, doc, login);
  client.destroy();
  return {
    warmCpu: {
      route: 'GET /v1/me',
      rawCalls: sent.map((r) => r.target.split('.')[1]),
      handlerCpuMs: median(handlerCpu),
      rawCpuMs: median(rawCpu),
      ratio: median(ratios),
      spread: [percentile(ratios, 25), percentile(ratios, 75)],
      totalRatio: sum(handlerCpu) / sum(rawCpu),
      calls,
      rounds,
    },
    booking,
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
    `warm CPU per call, ${w.calls} calls at 10 in flight in ${w.rounds} paired rounds: ${w.route} handler ${fmt(w.handlerCpuMs, 3)} ms, the raw ` +
      `${w.rawCalls.join(' + ')} it makes ${fmt(w.rawCpuMs, 3)} ms: ${fmt(w.ratio, 2)}× [${fmt(w.spread[0], 2)}–${fmt(w.spread[1], 2)}] median of the ` +
      `rounds (target ≤ 1.25×), ${fmt(w.totalRatio, 2)}× in total`,
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
        ['bare, the marker stamped with a key', fmt(b.rawKeyed.rps, 0), `${fmt(b.rawKeyed.rps / b.rawRps, 2)}×`, '-', '1', b.rawKeyed.booked, '-', b.rawKeyed.other, '-'],
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
  console.log(
    `the same transaction bare: handler with Idempotency-Key ÷ bare with the stamped marker ${fmt(b.keyed.rps / b.rawKeyed.rps, 2)}×; ` +
      `the stamp alone costs the bare loop ${fmt(100 * (1 - b.rawKeyed.rps / b.rawRps), 0)} % of its throughput`,
  );
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
    warmCpu: { ...r.warmCpu, handlerCpuMs: round(r.warmCpu.handlerCpuMs, 3), rawCpuMs: round(r.warmCpu.rawCpuMs, 3), ratio: round(r.warmCpu.ratio, 2), spread: r.warmCpu.spread.map((v) => round(v, 2)), totalRatio: round(r.warmCpu.totalRatio, 2) },
    booking: { ...r.booking, keyed: variantJson(r.booking.keyed), noKey: variantJson(r.booking.noKey), rawRps: round(r.booking.rawRps, 0), rawKeyed: { ...r.booking.rawKeyed, rps: round(r.booking.rawKeyed.rps, 0) } },
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
