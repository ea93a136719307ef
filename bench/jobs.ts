// The three scheduled jobs at province scale: 2,200 stations with 5,000 live bookings for tomorrow, 3,000 open
// concerns (about 1,000 overdue) and 300 political birthdays today, seeded into DynamoDB Local as the code writes them
// (entity builders, BatchWrite), with subscribe grants in DynamoDB and at the fake WeChat server (tests/fakes), to
// which the messages really go over HTTP. Each job is called in process twice, as the schedule would on one day: the
// first run enqueues its messages in the outbox, which the outbox consumer's handler then sends (in this process), and
// the second must enqueue and send nothing. Counts the DynamoDB requests each run makes and the WeChat calls.
//   node -r @swc-node/register bench/jobs.ts
// `npm run bench` runs it in a child process (benchJobs): the functions read their configuration once per process,
// and the assessments section has already loaded them against another DynamoDB Local.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ensureTable, startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { LOCAL_TABLE, localFunctionEnv } from '../scripts/lib/local-env';
import { freePort } from '../scripts/lib/ports';
import { startFakeWechat } from '../tests/fakes/wechat-server';
import { buildSeed, GRANTS_EACH, pool, RUN_DATE, SEED_CONCURRENCY, STATIONS } from './jobs-seed';
import { fmt, round, table } from './stats';

export interface JobRun {
  ms: number;
  /** DynamoDB commands sent, in all and by command. */
  requests: number;
  byCommand: Record<string, number>;
  /** HTTP calls to the fake WeChat server (subscribe/send, stable_token). */
  wechatCalls: number;
  /** Messages the fake WeChat server accepted. */
  delivered: number;
  outcomes: Record<string, number>;
}

export interface JobResult {
  name: string;
  /** What is due: celebrants, live bookings, officials of stations with overdue concerns. */
  due: number;
  /** Stations with overdue concerns, and those concerns (digest only). */
  stations?: number;
  overdue?: number;
  first: JobRun;
  second: JobRun;
}

export interface JobsReport {
  runDate: string;
  seeded: { stations: number; items: number; bookings: number; concerns: number; profiles: number; wechatGrants: number };
  seedSeconds: number;
  loadAvg1mStart: number;
  loadAvg1mEnd: number;
  jobs: JobResult[];
}

/** Seeds a fresh DynamoDB Local, runs each job twice in this process, and checks what was sent. */
export async function measureJobs(log: (msg: string) => void): Promise<JobsReport> {
  log('starting DynamoDB Local (in memory) and the fake WeChat server…');
  const db = await startDynamoLocal({ port: await freePort() });
  // Exits on Ctrl-C without reaching finally: do not leave the JVM behind.
  const kill = () => db.process.kill('SIGKILL');
  process.once('exit', kill);
  // config.ts reads the environment at import; put it back afterwards.
  const base = localFunctionEnv({ dynamoEndpoint: db.endpoint, tableName: LOCAL_TABLE });
  const wechat = await startFakeWechat({ appId: base.WECHAT_APPID, appSecret: base.WECHAT_APP_SECRET });
  const env = { ...base, WECHAT_API_BASE: wechat.url };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    await ensureTable(db.endpoint, LOCAL_TABLE);
    const { TABLE, ddb } = await import('../functions/core/dynamo');
    const { config } = await import('../functions/core/config');
    if (config.dynamoEndpoint !== db.endpoint || config.wechat.apiBase !== wechat.url) {
      throw new Error('functions/ was imported before this bench set its environment (run it alone, or through benchJobs)');
    }
    const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const { TEMPLATE_IDS } = await import('../functions/notifications/templates');
    const { runPoliticalBirthdays } = await import('../functions/jobs/political-birthdays');
    const { runSessionReminders } = await import('../functions/jobs/session-reminders');
    const { runOverdueDigest } = await import('../functions/jobs/overdue-digest');
    const { handleOutboxEvent } = await import('../functions/notifications/outbox.consumer');
    const { toOutboxRecord } = await import('../functions/notifications/outbox.entity');

    const seed = await buildSeed();
    log(
      `seeding ${seed.counts.items} items (${STATIONS} stations, ${seed.counts.bookings} bookings, ${seed.counts.concerns} concerns, ` +
        `${seed.counts.profiles} profiles with grants and official roles) by BatchWrite, ${SEED_CONCURRENCY} at a time…`,
    );
    const t0 = performance.now();
    const batches = Array.from({ length: Math.ceil(seed.items.length / 25) }, (_, i) => seed.items.slice(i * 25, i * 25 + 25));
    await pool(batches, SEED_CONCURRENCY, async (batch) => {
      let request: BatchWriteCommandInput['RequestItems'] = { [TABLE]: batch.map((Item) => ({ PutRequest: { Item } })) };
      while (request && Object.keys(request).length) request = (await ddb.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems;
    });
    log(`… and ${seed.wechatGrants.length} grants at the fake WeChat server (its control endpoint)…`);
    await pool(seed.wechatGrants, 16, async (g) => {
      const res = await fetch(`${wechat.url}/__fake/grants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid: g.openid, templateId: TEMPLATE_IDS[g.template], count: GRANTS_EACH }),
      });
      if (!res.ok) throw new Error(`fake WeChat grants: HTTP ${res.status}`);
    });
    const seedSeconds = (performance.now() - t0) / 1000;
    log(`seeded in ${fmt(seedSeconds)} s`);

    let byCommand: Record<string, number> = {};
    ddb.middlewareStack.add(
      (next, context) => async (args) => {
        const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
        byCommand[name] = (byCommand[name] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchCountRequests' },
    );
    const delivered = async () => ((await (await fetch(`${wechat.url}/__fake/messages`)).json()) as { messages: unknown[] }).messages.length;
    /** The jobs only enqueue: the outbox consumer's handler sends each pending event, here in this process (a Scan: bench only). */
    const drainOutbox = async (): Promise<number> => {
      const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
      const pending: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await ddb.send(
          new ScanCommand({ TableName: TABLE, FilterExpression: '#e = :outbox AND #s = :pending', ExpressionAttributeNames: { '#e': 'entity', '#s': 'state' }, ExpressionAttributeValues: { ':outbox': 'outbox', ':pending': 'pending' }, ExclusiveStartKey: start }),
        );
        pending.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start);
      await pool(pending, 10, (item) => handleOutboxEvent(toOutboxRecord(item)));
      return pending.length;
    };
    const once = async (run: () => Promise<{ outcomes: Record<string, number> }>): Promise<JobRun> => {
      const sentBefore = await delivered();
      const callsBefore = wechat.requests.length;
      byCommand = {};
      const s = performance.now();
      const report = await run();
      const ms = performance.now() - s;
      // Only what the job itself made: counted before the outbox sends and the reads below.
      const requests = Object.values(byCommand).reduce((a, b) => a + b, 0);
      const counted = { ...byCommand };
      await drainOutbox();
      return { ms, requests, byCommand: counted, wechatCalls: wechat.requests.length - callsBefore, delivered: (await delivered()) - sentBefore, outcomes: { ...report.outcomes } };
    };

    const loadAvg1mStart = os.loadavg()[0];
    const jobs: JobResult[] = [];
    const check = (job: string, what: string, got: number, want: number) => {
      if (got !== want) throw new Error(`${job}: ${what} ${got}, expected ${want}`);
    };
    const plan: { name: string; run: () => Promise<{ due: number; stations?: number; overdue?: number; outcomes: Record<string, number> }>; expect: { due: number; sent: number; stations?: number; overdue?: number } }[] = [
      { name: 'political-birthdays', run: () => runPoliticalBirthdays(RUN_DATE), expect: seed.expect.birthdays },
      { name: 'session-reminders', run: () => runSessionReminders(RUN_DATE), expect: seed.expect.reminders },
      { name: 'overdue-digest', run: () => runOverdueDigest(RUN_DATE), expect: seed.expect.digest },
    ];
    for (const job of plan) {
      log(`${job.name}: first run…`);
      let report: { due: number; stations?: number; overdue?: number } = { due: 0 };
      const first = await once(async () => (report = await job.run()));
      log(`${job.name}: second run…`);
      const second = await once(job.run);
      check(job.name, 'due', report.due, job.expect.due);
      check(job.name, 'messages at WeChat (first run)', first.delivered, job.expect.sent);
      check(job.name, 'queued (second run)', second.outcomes.queued, 0);
      check(job.name, 'messages at WeChat (second run)', second.delivered, 0);
      check(job.name, 'already_done (second run)', second.outcomes.already_done, first.outcomes.queued);
      if (job.expect.stations !== undefined) {
        check(job.name, 'stations', report.stations ?? -1, job.expect.stations);
        check(job.name, 'overdue concerns', report.overdue ?? -1, job.expect.overdue ?? -1);
      }
      jobs.push({ name: job.name, due: report.due, ...(report.stations !== undefined ? { stations: report.stations, overdue: report.overdue } : {}), first, second });
    }
    ddb.middlewareStack.remove('benchCountRequests');
    return { runDate: RUN_DATE, seeded: seed.counts, seedSeconds, loadAvg1mStart, loadAvg1mEnd: os.loadavg()[0], jobs };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await wechat.close();
    process.removeListener('exit', kill);
    await db.stop();
  }
}

/**
 * measureJobs in a child process: the functions read their configuration (DynamoDB endpoint, WeChat address) once
 * per process, and `npm run bench` has loaded them for another section already. Also a fresh container's caches.
 */
export function benchJobs(log: (msg: string) => void): Promise<JobsReport> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child'], { execArgv: ['-r', '@swc-node/register'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const killChild = () => child.kill('SIGTERM');
    process.once('exit', killChild);
    let report: JobsReport | undefined;
    let stderr = '';
    let pending = '';
    child.stdout!.on('data', (d: Buffer) => {
      const lines = (pending + d.toString()).split('\n');
      pending = lines.pop()!;
      for (const line of lines) log(line);
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('message', (m) => (report = m as JobsReport));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.removeListener('exit', killChild);
      if (pending) log(pending);
      if (report && code === 0) resolve(report);
      else reject(new Error(`bench/jobs.ts exited with ${signal ?? code}${stderr ? `:\n${stderr.trim()}` : ''}`));
    });
  });
}

const perMessage = (r: JobRun) => (r.delivered ? r.ms / r.delivered : NaN);

export function printJobs(r: JobsReport): void {
  console.log(
    `${r.seeded.stations} stations, ${r.seeded.bookings} bookings, ${r.seeded.concerns} concerns, ${r.seeded.profiles} profiles: ` +
      `${r.seeded.items} items seeded and ${r.seeded.wechatGrants} grants at the fake WeChat in ${fmt(r.seedSeconds)} s. ` +
      `Jobs called in process for ${r.runDate}, twice each; they enqueue, and the outbox handler sends over HTTP to the fake WeChat server in the same process. ` +
      `Load average ${fmt(r.loadAvg1mStart, 2)} at the start, ${fmt(r.loadAvg1mEnd, 2)} at the end.`,
  );
  console.log(
    table(
      ['job', 'due', 'queued', 'sent', '1st s', 'DDB req', 'req/due', 'WeChat calls', 'ms/msg', '2nd s', '2nd sent', '2nd req'],
      r.jobs.map((j) => [
        j.name,
        j.due,
        j.first.outcomes.queued,
        j.first.delivered,
        fmt(j.first.ms / 1000, 2),
        j.first.requests,
        fmt(j.first.requests / (j.due || 1), 2),
        j.first.wechatCalls,
        fmt(perMessage(j.first), 2),
        fmt(j.second.ms / 1000, 2),
        j.second.delivered,
        j.second.requests,
      ]),
    ),
  );
  const digest = r.jobs.find((j) => j.stations !== undefined);
  if (digest) console.log(`overdue-digest: ${digest.overdue} overdue concerns at ${digest.stations} stations; due = their officials`);
  console.log('DynamoDB requests by command (first run / second run):');
  for (const j of r.jobs) {
    const names = [...new Set([...Object.keys(j.first.byCommand), ...Object.keys(j.second.byCommand)])].sort();
    console.log(`  ${j.name}: ${names.map((n) => `${n} ${j.first.byCommand[n] ?? 0}/${j.second.byCommand[n] ?? 0}`).join(', ')}`);
  }
}

export function jobsJson(r: JobsReport): Record<string, unknown> {
  const run = (x: JobRun) => ({ ms: round(x.ms), requests: x.requests, byCommand: x.byCommand, wechatCalls: x.wechatCalls, delivered: x.delivered, outcomes: x.outcomes });
  return {
    runDate: r.runDate,
    seeded: r.seeded,
    seedSeconds: round(r.seedSeconds),
    loadAvg1mStart: round(r.loadAvg1mStart, 2),
    loadAvg1mEnd: round(r.loadAvg1mEnd, 2),
    jobs: r.jobs.map((j) => ({
      name: j.name,
      due: j.due,
      ...(j.stations !== undefined ? { stations: j.stations, overdue: j.overdue } : {}),
      msPerMessage: round(perMessage(j.first), 2),
      requestsPerDue: round(j.first.requests / (j.due || 1), 2),
      first: run(j.first),
      second: run(j.second),
    })),
  };
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  if (process.argv.includes('--child')) {
    // Under benchJobs: the report goes back over IPC; the parent going away ends this process (and its JVM).
    process.on('disconnect', () => process.exit(1));
    measureJobs((m) => console.log(m)).then(
      (r) => process.send!(r, () => process.exit(0)),
      (err) => {
        console.error((err as Error).stack ?? String(err));
        process.exit(1);
      },
    );
  } else {
    measureJobs((m) => console.log(m)).then(
      (r) => {
        printJobs(r);
        // Keep the other sections' figures from the last full run.
        const out = path.join(__dirname, 'results', 'latest.json');
        mkdirSync(path.dirname(out), { recursive: true });
        const results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
        results.jobs = { generatedAt: new Date().toISOString(), ...jobsJson(r) };
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
}
