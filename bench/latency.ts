// GET /v1/me through serverless-offline against the same profile read straight from DynamoDB Local, at equal
// concurrency, to show what the API layer costs on top of the database.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable, localClient, startDynamoLocal, type DynamoLocal } from '../scripts/lib/dynamodb-local';
import { LOCAL_TABLE, localFunctionEnv } from '../scripts/lib/local-env';
import { startOffline, type Offline } from '../scripts/lib/offline';
import { freePort } from '../scripts/lib/ports';
import { seed } from '../scripts/lib/seed';
import { userKeys } from '../functions/users/user.entity';
import { summarize, type Summary } from './stats';

export interface LoadResult extends Summary {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
}

export interface LatencyReport {
  concurrency: number;
  api: LoadResult;
  raw: LoadResult;
  ratioP50: number;
  ratioP99: number;
}

/** Runs `fire` from `concurrency` loops until `total` calls are done or `maxMs` has passed. */
async function load(fire: () => Promise<void>, opts: { total: number; concurrency: number; maxMs: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  let firstError: unknown;
  const t0 = performance.now();
  const worker = async () => {
    while (started < opts.total && performance.now() - t0 < opts.maxMs) {
      started++;
      const s = performance.now();
      try {
        await fire();
        latencies.push(performance.now() - s);
      } catch (err) {
        errors++;
        firstError ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  if (errors && !latencies.length) throw firstError;
  if (errors) console.warn(`  ${errors} of ${started} calls failed, first: ${(firstError as Error).message}`);
  return { ...summarize(latencies), requests: latencies.length, errors, seconds, rps: latencies.length / seconds };
}

function get(url: string, headers: Record<string, string>, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent }, (res) => {
      res.resume(); // drain so the socket returns to the pool
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${url} → ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

// Stops whatever is still running; run.ts calls it on Ctrl-C, when finally blocks would not run.
const running = new Set<{ stop(): Promise<void> }>();
export async function stopAll(): Promise<void> {
  await Promise.allSettled([...running].map((r) => r.stop()));
}

/** DynamoDB Local (in memory, table and seed) and serverless-offline in front of it; stopAll() stops them. */
export async function startStack(log: (msg: string) => void, opts: { inProcess?: boolean } = {}): Promise<{ db: DynamoLocal; api: Offline }> {
  log(`starting DynamoDB Local (in memory) and serverless-offline${opts.inProcess ? ' (handlers in process)' : ''}…`);
  const db = await startDynamoLocal({ port: await freePort() });
  running.add(db);
  await ensureTable(db.endpoint, LOCAL_TABLE);
  await seed(db.endpoint, LOCAL_TABLE);
  const [port, lambdaPort] = [await freePort(), await freePort()];
  const api = await startOffline({ port, lambdaPort, env: localFunctionEnv({ dynamoEndpoint: db.endpoint }), inProcess: opts.inProcess });
  running.add(api);
  return { db, api };
}

export async function benchLatency(log: (msg: string) => void, opts = { concurrency: 50, total: 1000, maxMs: 10_000 }): Promise<LatencyReport> {
  let db: DynamoLocal | undefined;
  let api: Offline | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const doc = { current: undefined as DynamoDBDocumentClient | undefined };
  try {
    ({ db, api } = await startStack(log));

    const login = await fetch(`${api.url}/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'demo-member-1' }),
    });
    if (!login.ok) throw new Error(`POST /v1/auth/dev → ${login.status}: ${await login.text()}`);
    const { token, user } = (await login.json()) as { token: string; user: { id: string } };

    const meUrl = `${api.url}/me`;
    const headers = { authorization: `Bearer ${token}` };
    const fireApi = () => get(meUrl, headers, agent);
    // Warm-up at full concurrency: serverless-offline starts one worker thread per concurrent call, each a cold
    // start (≈10 s for 50 on 2 cores), and each worker's JIT warms on its own.
    log(`warming up ${opts.concurrency} workers…`);
    await load(fireApi, { ...opts, total: opts.concurrency * 6, maxMs: 120_000 });
    const apiResult = await load(fireApi, opts);

    doc.current = DynamoDBDocumentClient.from(localClient(db.endpoint));
    const key = userKeys.profile(user.id);
    const fireRaw = async () => {
      const out = await doc.current!.send(new GetCommand({ TableName: LOCAL_TABLE, Key: key, ConsistentRead: true }));
      if (!out.Item) throw new Error(`no profile item for ${user.id}`);
    };
    await load(fireRaw, { ...opts, total: opts.concurrency * 6, maxMs: 60_000 });
    const rawResult = await load(fireRaw, { ...opts, total: apiResult.requests });

    return {
      concurrency: opts.concurrency,
      api: apiResult,
      raw: rawResult,
      ratioP50: apiResult.p50 / rawResult.p50,
      ratioP99: apiResult.p99 / rawResult.p99,
    };
  } finally {
    agent.destroy();
    doc.current?.destroy();
    await api?.stop();
    await db?.stop();
    running.clear();
  }
}
