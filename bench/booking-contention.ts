// Booking under contention: bursts of residents booking one 3-seat slot at the same moment through the API
// (serverless-offline, handlers in process), next to bursts of bare TransactWriteItems (seat update + booking put,
// the core of a booking) on the same DynamoDB Local, at the same concurrency. Also checks that no slot is overbooked.
//   node -r @swc-node/register bench/booking-contention.ts
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { bookingKeys } from '../functions/bookings/booking.entity';
import { localClient } from '../scripts/lib/dynamodb-local';
import { LOCAL_TABLE } from '../scripts/lib/local-env';
import { startStack, stopAll } from './latency';
import { fmt, round, summarize, table, type Summary } from './stats';

export interface BurstResult extends Summary {
  requests: number;
  /** Seats taken (201 / committed transaction). */
  booked: number;
  /** Refused as full (409 SLOT_FULL / ConditionalCheckFailed). */
  full: number;
  /** Anything else: 5xx, other codes, transaction conflicts of the bare loop. */
  other: number;
  seconds: number;
  /** Requests answered per second of burst wall time. */
  rps: number;
  /** Slots whose seat count went over the seats (must be 0). */
  overbooked: number;
  /** What the `other` answers were, e.g. `200 LambdaTimeoutError` (serverless-offline's way of reporting a timeout). */
  otherKinds: Record<string, number>;
}

export interface ContentionReport {
  residents: number;
  seats: number;
  bursts: number;
  api: BurstResult;
  raw: BurstResult;
  ratioP50: number;
  ratioP99: number;
  ratioRps: number;
}

interface Reply {
  status: number;
  body: any;
}

function request(agent: http.Agent, method: string, url: string, token: string | undefined, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* keep text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const otherKinds = new Map<string, number>();

function summarizeBursts(latencies: number[], counts: { booked: number; full: number; other: number }, seconds: number, overbooked: number): BurstResult {
  const requests = counts.booked + counts.full + counts.other;
  const kinds = Object.fromEntries(otherKinds);
  otherKinds.clear();
  return { ...summarize(latencies), requests, ...counts, seconds, rps: requests / seconds, overbooked, otherKinds: kinds };
}

export async function benchBookingContention(
  log: (msg: string) => void,
  opts = { residents: 200, seats: 3, bursts: 5 },
): Promise<ContentionReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.residents });
  let doc: DynamoDBDocumentClient | undefined;
  try {
    const { db, api } = await startStack(log, { inProcess: true });
    const call = (method: string, path: string, token?: string, body?: unknown) => request(agent, method, `${api.url}${path}`, token, body);

    const login = async (openid: string) => {
      const res = await call('POST', '/auth/dev', undefined, { openid });
      if (res.status !== 200) throw new Error(`login ${openid} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    };
    log(`logging in ${opts.residents} residents…`);
    const tokens: string[] = [];
    for (let i = 0; i < opts.residents; i += 25) {
      tokens.push(...(await Promise.all(Array.from({ length: Math.min(25, opts.residents - i) }, (_, j) => login(`bench-resident-${i + j}`)))));
    }

    // One session, one slot per burst (plus a warm-up burst), all starting tomorrow or later.
    const official = await login('demo-official-1');
    const start = Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000;
    const session = await call('POST', '/stations/st-yucun/sessions', official, {
      host: '压测 · 局长',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + (opts.bursts + 1) * 30 * 60_000).toISOString(),
      slotMinutes: 30,
      seatsPerSlot: opts.seats,
    });
    if (session.status !== 201) throw new Error(`createSession → ${session.status} ${JSON.stringify(session.body)}`);
    const slotIds: string[] = session.body.slots.map((s: { id: string }) => s.id);

    doc = DynamoDBDocumentClient.from(localClient(db.endpoint));
    const getBooked = async (slotId: string) =>
      Number((await doc!.send(new GetCommand({ TableName: LOCAL_TABLE, Key: bookingKeys.slot(slotId), ConsistentRead: true }))).Item?.booked);

    // API bursts: every resident books the same slot at once. The winners cancel afterwards (not timed), so nobody
    // reaches the cap of 3 upcoming bookings across bursts.
    const apiBurst = async (slotId: string) => {
      const latencies: number[] = [];
      const counts = { booked: 0, full: 0, other: 0 };
      const t0 = performance.now();
      const replies = await Promise.all(
        tokens.map(async (token) => {
          const s = performance.now();
          const r = await call('POST', `/slots/${slotId}/bookings`, token, { topic: '压测：咨询政策' });
          latencies.push(performance.now() - s);
          if (r.status === 201) counts.booked++;
          else if (r.status === 409 && r.body?.error?.code === 'SLOT_FULL') counts.full++;
          else {
            counts.other++;
            const kind = `${r.status} ${r.body?.error?.code ?? r.body?.errorType ?? ''}`.trim();
            otherKinds.set(kind, (otherKinds.get(kind) ?? 0) + 1);
          }
          return { token, r };
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const taken = await getBooked(slotId);
      for (const { token, r } of replies) if (r.status === 201) await call('DELETE', `/bookings/${r.body.id}`, token);
      return { latencies, counts, seconds, taken };
    };

    // Bare bursts: the same number of TransactWriteItems at once, each taking a seat of one slot item and putting a
    // booking item, with the same condition the API uses, one attempt each.
    const rawBurst = async (burst: number) => {
      const slotId = `bench-${burst}-${Date.now()}`;
      await doc!.send(new PutCommand({ TableName: LOCAL_TABLE, Item: { ...bookingKeys.slot(slotId), seats: opts.seats, booked: 0 } }));
      const latencies: number[] = [];
      const counts = { booked: 0, full: 0, other: 0 };
      const t0 = performance.now();
      await Promise.all(
        tokens.map(async (_, i) => {
          const s = performance.now();
          try {
            await doc!.send(
              new TransactWriteCommand({
                TransactItems: [
                  {
                    Update: {
                      TableName: LOCAL_TABLE,
                      Key: bookingKeys.slot(slotId),
                      UpdateExpression: 'SET booked = booked + :one',
                      ConditionExpression: 'booked < seats',
                      ExpressionAttributeValues: { ':one': 1 },
                    },
                  },
                  { Put: { TableName: LOCAL_TABLE, Item: bookingKeys.booker(slotId, `bench-${i}`), ConditionExpression: 'attribute_not_exists(pk)' } },
                ],
              }),
            );
            counts.booked++;
          } catch (err) {
            const reasons = err instanceof TransactionCanceledException ? (err.CancellationReasons ?? []) : [];
            if (reasons[0]?.Code === 'ConditionalCheckFailed') counts.full++;
            else {
              counts.other++;
              const kind = reasons.map((r) => r.Code).join('+') || (err as Error).name;
              otherKinds.set(kind, (otherKinds.get(kind) ?? 0) + 1);
            }
          }
          latencies.push(performance.now() - s);
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      return { latencies, counts, seconds, taken: await getBooked(slotId) };
    };

    log(`warm-up burst (API and bare), ${opts.residents} at once…`);
    await apiBurst(slotIds[opts.bursts]);
    await rawBurst(-1);

    const run = async (kind: 'api' | 'raw') => {
      const latencies: number[] = [];
      const counts = { booked: 0, full: 0, other: 0 };
      let seconds = 0;
      let overbooked = 0;
      for (let b = 0; b < opts.bursts; b++) {
        const r = kind === 'api' ? await apiBurst(slotIds[b]) : await rawBurst(b);
        latencies.push(...r.latencies);
        counts.booked += r.counts.booked;
        counts.full += r.counts.full;
        counts.other += r.counts.other;
        seconds += r.seconds;
        // The slot's stored seat count right after the burst, and the successes answered, must both stay within the seats.
        if (r.taken > opts.seats || r.counts.booked > opts.seats) overbooked++;
      }
      return summarizeBursts(latencies, counts, seconds, overbooked);
    };
    otherKinds.clear();
    log(`${opts.bursts} bursts through the API…`);
    const apiResult = await run('api');
    log(`${opts.bursts} bursts of bare TransactWriteItems…`);
    const rawResult = await run('raw');
    return {
      ...opts,
      api: apiResult,
      raw: rawResult,
      ratioP50: apiResult.p50 / rawResult.p50,
      ratioP99: apiResult.p99 / rawResult.p99,
      ratioRps: apiResult.rps / rawResult.rps,
    };
  } finally {
    agent.destroy();
    doc?.destroy();
    await stopAll();
  }
}

export function printBookingContention(c: ContentionReport): void {
  console.log(
    `${c.bursts} bursts of ${c.residents} simultaneous bookings of one ${c.seats}-seat slot; API = POST /v1/slots/{id}/bookings ` +
      'through serverless-offline (handlers in process); bare = TransactWriteItems (seat update + booking put) on the same DynamoDB Local',
  );
  const row = (name: string, r: BurstResult) => [name, r.requests, r.booked, r.full, r.other, r.overbooked, fmt(r.p50), fmt(r.p99), fmt(r.mean), fmt(r.rps, 0)];
  console.log(
    table(
      ['target', 'requests', 'booked', 'full', 'other', 'overbooked', 'p50 ms', 'p99 ms', 'mean ms', 'req/s'],
      [row('API booking', c.api), row('bare TransactWriteItems', c.raw)],
    ),
  );
  for (const [name, r] of [['API', c.api], ['bare', c.raw]] as const) {
    if (r.other) console.log(`${name} other answers: ${Object.entries(r.otherKinds).map(([k, n]) => `${n} × ${k}`).join(', ')}`);
  }
  console.log(`API ÷ bare: p50 ${c.ratioP50.toFixed(1)}×, p99 ${c.ratioP99.toFixed(1)}×, throughput ${c.ratioRps.toFixed(2)}×`);
}

export function bookingContentionJson(c: ContentionReport): Record<string, unknown> {
  const pick = (r: BurstResult) => ({
    requests: r.requests,
    booked: r.booked,
    full: r.full,
    other: r.other,
    overbooked: r.overbooked,
    otherKinds: r.otherKinds,
    p50Ms: round(r.p50),
    p99Ms: round(r.p99),
    meanMs: round(r.mean),
    rps: round(r.rps, 0),
  });
  return {
    residents: c.residents,
    seats: c.seats,
    bursts: c.bursts,
    api: pick(c.api),
    raw: pick(c.raw),
    ratioP50: round(c.ratioP50, 2),
    ratioP99: round(c.ratioP99, 2),
    ratioRps: round(c.ratioRps, 2),
  };
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  benchBookingContention((m) => console.log(m)).then(
    (c) => {
      printBookingContention(c);
      process.exit(0);
    },
    async (err) => {
      console.error(`bench failed: ${(err as Error).stack ?? err}`);
      await stopAll();
      process.exit(1);
    },
  );
}
