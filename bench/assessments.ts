// The three assessments at city scale: a city tree of 1,180 branches with 12 months of closed theme days, seeded
// into DynamoDB Local as what closing writes (the running aggregates), then getAssessment called in process for a
// 200-branch township, a county and the city, counting the DynamoDB requests each call makes.
//   node -r @swc-node/register bench/assessments.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../functions/core/policy';
import { orgUnder, type OrgRecord } from '../functions/orgs/org.entity';
import { ensureTable, startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { LOCAL_TABLE, localFunctionEnv } from '../scripts/lib/local-env';
import { freePort } from '../scripts/lib/ports';
import { fmt, median, percentile, round, table } from './stats';

// 12 months of closed days, Dec 2025 – Nov 2026: the year 2026 holds 11 of them.
const MONTHS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 7));
const MONTH = '2026-10';
const YEAR = '2026';
const COUNTIES = 5;
const TOWNSHIPS = 10; // per county
const BIG = { villages: 10, branches: 20 }; // the first township: 200 branches
const SMALL = { villages: 5, branches: 4 };
const RUNS = 20;
const CONCURRENCY = 20;

export interface TargetResult {
  name: string;
  orgId: string;
  period: string;
  rows: number;
  responseKiB: number;
  coldRequests: number;
  coldMs: number;
  requests: number;
  p50Ms: number;
  p95Ms: number;
}

export interface AssessmentsReport {
  branches: number;
  orgs: number;
  closedDays: number;
  conflictRetries: number;
  seedOrgsSeconds: number;
  seedDaysSeconds: number;
  /** Other work on the shared machine skews the latencies. */
  loadAvg1m: number;
  targets: TargetResult[];
}

// Deterministic figures, so runs compare.
function rng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function buildTree(): OrgRecord[] {
  const orgs: OrgRecord[] = [];
  const add = (id: string, name: string, type: OrgRecord['type'], parent?: OrgRecord) => {
    const org = orgUnder(parent ?? null, { id, name, type });
    orgs.push(org);
    return org;
  };
  const city = add('city', '江南市', 'city');
  for (let c = 1; c <= COUNTIES; c++) {
    const county = add(`c${c}`, `第${c}县`, 'county', city);
    for (let t = 1; t <= TOWNSHIPS; t++) {
      const township = add(`c${c}-t${t}`, `第${c}县第${t}镇`, 'township', county);
      const size = c === 1 && t === 1 ? BIG : SMALL;
      for (let v = 1; v <= size.villages; v++) {
        const village = add(`${township.id}-v${v}`, `${township.name}第${v}村`, 'village', township);
        for (let b = 1; b <= size.branches; b++) add(`${village.id}-b${b}`, `${village.name}第${b}党支部`, 'branch', village);
      }
    }
  }
  return orgs;
}

async function pool<T>(jobs: T[], concurrency: number, run: (job: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < jobs.length) await run(jobs[next++]);
  }));
}

export async function benchAssessments(log: (msg: string) => void): Promise<AssessmentsReport> {
  log('starting DynamoDB Local (in memory)…');
  const db = await startDynamoLocal({ port: await freePort() });
  // run.ts exits on Ctrl-C without reaching finally: do not leave the JVM behind.
  const kill = () => db.process.kill('SIGKILL');
  process.once('exit', kill);
  // config.ts reads the environment at import; put it back afterwards for the sections that follow.
  const env = localFunctionEnv({ dynamoEndpoint: db.endpoint, tableName: LOCAL_TABLE });
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    await ensureTable(db.endpoint, LOCAL_TABLE);
    const { TABLE, ddb } = await import('../functions/core/dynamo');
    const { config } = await import('../functions/core/config');
    if (config.dynamoEndpoint !== db.endpoint) throw new Error('functions/ was imported before this bench set its environment');
    const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const { transactWrite } = await import('../functions/core/transact');
    const { UnavailableError } = await import('../functions/core/errors');
    const { orgItem } = await import('../functions/orgs/org.entity');
    const { aggregateUpdates } = await import('../functions/assessments/aggregates');
    const { getAssessment } = await import('../functions/assessments/assessments.service');

    const orgs = buildTree();
    const branches = orgs.filter((o) => o.type === 'branch');
    log(`seeding ${orgs.length} orgs (${branches.length} branches)…`);
    let t0 = performance.now();
    for (let i = 0; i < orgs.length; i += 25) {
      let request: BatchWriteCommandInput['RequestItems'] = { [TABLE]: orgs.slice(i, i + 25).map((o) => ({ PutRequest: { Item: orgItem(o) } })) };
      while (request && Object.keys(request).length) request = (await ddb.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems;
    }
    const seedOrgsSeconds = (performance.now() - t0) / 1000;

    // One closed day per branch and month: the aggregate updates closing (and guidance) would add, one transaction
    // a day as in closeThemeDay. Every day also adds to its county's total in the city partition: a few hot items,
    // on which concurrent transactions can conflict; retried as transact() does.
    const random = rng(4);
    const days = MONTHS.flatMap((month) =>
      branches.map((b) => {
        const expected = 20 + Math.floor(random() * 21);
        const present = Math.min(expected, Math.round(expected * (0.86 + random() * 0.12)));
        const leave = Math.min(expected - present, Math.floor(random() * 3));
        const online = Math.min(expected - present - leave, Math.floor(random() * 2));
        const delta = {
          expected,
          present,
          leave,
          online,
          themeDaysHeld: 1,
          previewsOnTime: random() < 0.9 ? 1 : 0,
          summariesOnTime: random() < 0.95 ? 1 : 0,
          guidanceCount: random() < 0.3 ? 1 : 0,
        };
        const startsAt = `${month}-${String(1 + Math.floor(random() * 25)).padStart(2, '0')}T01:00:00.000Z`;
        return aggregateUpdates(b, startsAt, delta);
      }),
    );
    log(`seeding ${days.length} closed days (${days.length} transactions of ${days[0].length} updates, ${CONCURRENCY} at a time)…`);
    let conflictRetries = 0;
    t0 = performance.now();
    await pool(days, CONCURRENCY, async (items) => {
      // transactWrite retries conflicts itself; a run of them past its policy comes back as 503, tried again here.
      for (let attempt = 1; ; attempt++) {
        try {
          if (!(await transactWrite(items)).committed) throw new Error('a seeded day failed its condition');
          return;
        } catch (err) {
          if (!(err instanceof UnavailableError) || attempt >= 10) throw err;
          conflictRetries++;
        }
      }
    });
    const seedDaysSeconds = (performance.now() - t0) / 1000;
    log(`seeded in ${fmt(seedOrgsSeconds)} s (orgs) + ${fmt(seedDaysSeconds)} s (days), ${conflictRetries} conflict retries`);

    let requests = 0;
    ddb.middlewareStack.add((next) => async (args) => (requests++, next(args)), { step: 'initialize', name: 'benchCountRequests' });
    const admin: Principal = { userId: 'u-bench-admin', grants: [{ role: 'admin', orgId: 'city' }], user: { id: 'u-bench-admin', displayName: '管理员', grants: [] } };
    const once = async (orgId: string, period: string) => {
      requests = 0;
      const s = performance.now();
      const result = await getAssessment(admin, orgId, period);
      return { ms: performance.now() - s, requests, result };
    };
    const inYear = MONTHS.filter((m) => m.startsWith(YEAR)).length;
    const under = (orgId: string) => branches.filter((b) => b.path.includes(orgId)).length;
    const plan = [
      { name: 'township (200 branches), month', orgId: 'c1-t1', period: MONTH, days: under('c1-t1') },
      { name: 'county, month', orgId: 'c1', period: MONTH, days: under('c1') },
      { name: 'city, month', orgId: 'city', period: MONTH, days: branches.length },
      { name: 'township (200 branches), year', orgId: 'c1-t1', period: YEAR, days: under('c1-t1') * inYear },
      { name: 'county, year', orgId: 'c1', period: YEAR, days: under('c1') * inYear },
      { name: 'city, year', orgId: 'city', period: YEAR, days: branches.length * inYear },
    ];
    const loadAvg1m = os.loadavg()[0];
    log(`measuring: a first call each, 10 warm-up rounds, then ${RUNS} timed rounds (targets interleaved)…`);
    // The first call misses the 60 s org cache, except the year targets, whose org the month target just read.
    const first: Awaited<ReturnType<typeof once>>[] = [];
    for (const t of plan) {
      const r = await once(t.orgId, t.period);
      // Every branch closed one day a month: the rollup must count them all.
      if (r.result.totals.themeDaysHeld !== t.days) throw new Error(`${t.name}: ${r.result.totals.themeDaysHeld} days, expected ${t.days}`);
      first.push(r);
    }
    // The first timed target would otherwise carry the JIT warm-up of the process and of DynamoDB Local.
    for (let i = 0; i < 10; i++) for (const t of plan) await once(t.orgId, t.period);
    const timed = plan.map(() => [] as { ms: number; requests: number }[]);
    for (let i = 0; i < RUNS; i++) for (const [j, t] of plan.entries()) timed[j].push(await once(t.orgId, t.period));
    const targets: TargetResult[] = plan.map((t, j) => {
      const sorted = timed[j].map((w) => w.ms).sort((a, b) => a - b);
      return {
        name: t.name,
        orgId: t.orgId,
        period: t.period,
        rows: first[j].result.rows.length,
        responseKiB: Buffer.byteLength(JSON.stringify(first[j].result)) / 1024,
        coldRequests: first[j].requests,
        coldMs: first[j].ms,
        requests: Math.max(...timed[j].map((w) => w.requests)),
        p50Ms: median(sorted),
        p95Ms: percentile(sorted, 95),
      };
    });
    ddb.middlewareStack.remove('benchCountRequests');
    return {
      branches: branches.length,
      orgs: orgs.length,
      closedDays: days.length,
      conflictRetries,
      seedOrgsSeconds,
      seedDaysSeconds,
      loadAvg1m,
      targets,
    };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.removeListener('exit', kill);
    await db.stop();
  }
}

export function printAssessments(r: AssessmentsReport): void {
  console.log(
    `${r.orgs} orgs, ${r.branches} branches, ${r.closedDays} closed days over ${MONTHS[0]}…${MONTHS.at(-1)} (aggregates only); ` +
      `seeding ${fmt(r.seedOrgsSeconds)} s orgs + ${fmt(r.seedDaysSeconds)} s days (${r.conflictRetries} conflict retries); ` +
      `getAssessment called in process (load average ${fmt(r.loadAvg1m, 2)}); requests = DynamoDB commands sent`,
  );
  console.log(
    table(
      ['assessment', 'period', 'rows', 'KiB', 'first: req', 'first ms', 'warm req', 'p50 ms', 'p95 ms'],
      r.targets.map((t) => [t.name, t.period, t.rows, fmt(t.responseKiB), t.coldRequests, fmt(t.coldMs), t.requests, fmt(t.p50Ms), fmt(t.p95Ms)]),
    ),
  );
}

export function assessmentsJson(r: AssessmentsReport): Record<string, unknown> {
  return {
    branches: r.branches,
    orgs: r.orgs,
    closedDays: r.closedDays,
    months: MONTHS.length,
    conflictRetries: r.conflictRetries,
    seedOrgsSeconds: round(r.seedOrgsSeconds),
    seedDaysSeconds: round(r.seedDaysSeconds),
    loadAvg1m: round(r.loadAvg1m, 2),
    runs: RUNS,
    targets: r.targets.map((t) => ({ ...t, responseKiB: round(t.responseKiB), coldMs: round(t.coldMs), p50Ms: round(t.p50Ms), p95Ms: round(t.p95Ms) })),
  };
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  benchAssessments((m) => console.log(m)).then(
    (r) => {
      printAssessments(r);
      // Keep the other sections' figures from the last full run.
      const out = path.join(__dirname, 'results', 'latest.json');
      mkdirSync(path.dirname(out), { recursive: true });
      const results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
      results.assessments = { generatedAt: new Date().toISOString(), ...assessmentsJson(r) };
      writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
      console.log(`wrote ${path.relative(process.cwd(), out)}`);
      process.exit(0);
    },
    (err) => {
      console.error(`bench failed: ${(err as Error).stack ?? err}`);
      process.exit(1);
    },
  );
}
