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
import type { SubscribeTemplate } from '@shared/schemas/notify';
import type { BookingRecord } from '../functions/bookings/booking.entity';
import type { ConcernRecord } from '../functions/concerns/concern.entity';
import type { StationRecord } from '../functions/orgs/org.entity';
import type { ProfileRecord } from '../functions/users/user.entity';
import { ensureTable, startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { LOCAL_TABLE, localFunctionEnv } from '../scripts/lib/local-env';
import { freePort } from '../scripts/lib/ports';
import { startFakeWechat } from '../tests/fakes/wechat-server';
import { fmt, round, table } from './stats';

/** The day the jobs run (Asia/Shanghai): birthdays of 06-15, reminders for the sessions of the 16th, concerns due before the 15th. */
const RUN_DATE = '2026-06-15';
const SESSION_DATE = '2026-06-16';
const STATIONS = 2_200;
const BOOKINGS = { live: 5_000, cancelled: 600, otherDays: 1_500 };
const CONCERNS = { open: 3_000, overdue: 1_000, done: 500 };
const MEMBERS = { birthdayToday: 300, joinedThisYear: 15, deleted: 10, otherDays: 2_000 };
/** Of the recipients: who asked for the message (a grant in DynamoDB and at WeChat), who did not, and who has a grant in our count that WeChat no longer holds (43101). */
const GRANTED = 0.88;
const BEHIND = 0.02;
/** Grants per recipient: more than one, so a repeated send would go through and only the sent markers keep it out. */
const GRANTS_EACH = 2;
const SEED_CONCURRENCY = 8;

type Recipient = 'granted' | 'none' | 'behind';

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

// Deterministic figures, so runs compare.
function rng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

async function pool<T>(jobs: T[], concurrency: number, run: (job: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) await run(jobs[next++]);
    }),
  );
}

const pad = (n: number, width = 4) => String(n).padStart(width, '0');
const MIN_MS = 60_000;
const DAY_MS = 24 * 3600_000;

/** The whole province as table items, plus what each job must find in it. */
async function buildSeed() {
  const { bookingItem } = await import('../functions/bookings/booking.entity');
  const { concernItem } = await import('../functions/concerns/concern.entity');
  const { stationItem } = await import('../functions/orgs/org.entity');
  const { grantItem, profileItem } = await import('../functions/users/user.entity');
  const { subscriptionItem } = await import('../functions/notifications/notification.entity');

  const random = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const recipient = (): Recipient => {
    const r = random();
    return r < GRANTED ? 'granted' : r < GRANTED + BEHIND ? 'behind' : 'none';
  };
  const at = '2026-06-01T02:00:00.000Z';
  const items: Record<string, unknown>[] = [];
  /** Grants at WeChat, set through the fake's control endpoint. */
  const wechatGrants: { openid: string; template: SubscribeTemplate }[] = [];
  let profiles = 0;
  const person = (id: string, displayName: string, template: SubscribeTemplate, extra: Partial<ProfileRecord> = {}): Recipient => {
    const openid = extra.deletedAt ? undefined : `o-bench-${id}`;
    items.push(profileItem({ id, displayName, ...(openid ? { openid } : {}), createdAt: at, updatedAt: at, ...extra }));
    profiles++;
    const kind = recipient();
    // A grant as subscriptions.repository.ts keeps it: one counter item per user and template.
    if (kind !== 'none') items.push(subscriptionItem(id, template, GRANTS_EACH));
    if (kind === 'granted' && openid) wechatGrants.push({ openid, template });
    return kind;
  };

  // Stations: ten a township.
  const stations: StationRecord[] = Array.from({ length: STATIONS }, (_, i) => {
    const township = `c${1 + Math.floor(i / 200)}-t${1 + Math.floor(i / 10)}`;
    const id = `st-p${pad(i + 1)}`;
    return { id, name: `第${i + 1}驿站局长驻点工作室`, orgId: `${township}-v${i + 1}`, address: `第${i + 1}村村委会`, path: ['province', township, `${township}-v${i + 1}`, id], townshipId: township };
  });
  for (const s of stations) items.push(stationItem(s));

  // Residents: one live booking of tomorrow each, 09:00–16:30 in 30-minute slots; cancelled bookings of tomorrow and
  // live ones of other days by some of them.
  const topics = ['咨询宅基地审批', '医保报销材料咨询', '农房改造补助政策', '低保申请流程', '土地流转合同纠纷', '村道修缮进度'];
  const expectReminders = { due: 0, sent: 0 };
  const booking = (n: number, userId: string, day: string, status: BookingRecord['status']): BookingRecord => {
    const s = pick(stations);
    const k = Math.floor(random() * 16);
    const startsAt = Date.parse(`${day}T09:00:00+08:00`) + k * 30 * MIN_MS;
    return {
      id: `bk-${pad(n, 5)}`,
      slotId: `sl-${s.id}-${day}-${k}`,
      sessionId: `se-${s.id}-${day}`,
      stationId: s.id,
      stationName: s.name,
      host: `驻点局长${s.id.slice(4)}`,
      slotStartsAt: new Date(startsAt).toISOString(),
      slotEndsAt: new Date(startsAt + 30 * MIN_MS).toISOString(),
      userId,
      topic: pick(topics),
      status,
      capToken: 0,
      createdAt: at,
      ...(status === 'cancelled' ? { cancelledAt: at, cancelledBy: 'resident' as const } : {}),
    };
  };
  let bookings = 0;
  const residents: string[] = [];
  for (let i = 0; i < BOOKINGS.live; i++) {
    const userId = `u-res-${pad(i + 1, 5)}`;
    residents.push(userId);
    const kind = person(userId, `居民${i + 1}`, 'session_reminder');
    items.push(bookingItem(booking(++bookings, userId, SESSION_DATE, 'booked')));
    expectReminders.due++;
    if (kind === 'granted') expectReminders.sent++;
  }
  for (let i = 0; i < BOOKINGS.cancelled; i++) items.push(bookingItem(booking(++bookings, pick(residents), SESSION_DATE, 'cancelled')));
  const otherDays = ['2026-06-15', '2026-06-17', '2026-06-18'];
  for (let i = 0; i < BOOKINGS.otherDays; i++) items.push(bookingItem(booking(++bookings, pick(residents), pick(otherDays), 'booked')));

  // Officials: one or two a station, granted the station as the code stores it (gsi1: the org's grants).
  const officials = new Map<string, Recipient[]>();
  for (const s of stations) {
    const kinds: Recipient[] = [];
    for (let k = 1; k <= (random() < 0.5 ? 1 : 2); k++) {
      const id = `u-off-${s.id.slice(3)}-${k}`;
      kinds.push(person(id, `驻点干部${s.id.slice(4)}-${k}`, 'overdue_digest'));
      items.push(grantItem(id, { role: 'official', orgId: s.id }, at));
    }
    officials.set(s.id, kinds);
  }

  // Concerns: open ones, the first CONCERNS.overdue due within the 60 days before the run day, the rest due today or
  // later; and done ones (resolved, rejected) long past due, which leave the index.
  const before = Date.parse(`${RUN_DATE}T00:00:00+08:00`);
  const categories = ['environment', 'traffic', 'dispute', 'social_security', 'village_affairs', 'other'] as const;
  const titles = ['村口垃圾清运不及时', '路灯损坏', '邻里宅基地界线纠纷', '医保报销材料咨询', '村务公开不及时', '河道漂浮物'];
  const overdueAt = new Map<string, number>();
  const concern = (n: number, status: ConcernRecord['status'], dueAt: number): ConcernRecord => {
    const s = pick(stations);
    const created = new Date(dueAt - 7 * DAY_MS).toISOString();
    return {
      id: `cn-${pad(n, 5)}`,
      trackingNo: `SS${created.slice(0, 10).replaceAll('-', '')}-${pad(n)}`,
      authorId: pick(residents),
      villageId: s.orgId,
      stationId: s.id,
      stationPath: s.path,
      category: pick(categories),
      title: pick(titles),
      content: `${pick(titles)}，请尽快处理。`,
      status,
      pendingReview: false,
      dueAt: new Date(dueAt).toISOString(),
      version: status === 'submitted' ? 1 : 2,
      createdAt: created,
      updatedAt: created,
    };
  };
  const openStatuses = ['submitted', 'in_progress', 'transferred'] as const;
  for (let i = 0; i < CONCERNS.open; i++) {
    const dueAt = i < CONCERNS.overdue ? before - 1 - Math.floor(random() * 60 * DAY_MS) : before + Math.floor(random() * 14 * DAY_MS);
    const c = concern(i + 1, pick(openStatuses), dueAt);
    items.push(concernItem(c));
    if (dueAt < before) overdueAt.set(c.stationId, (overdueAt.get(c.stationId) ?? 0) + 1);
  }
  for (let i = 0; i < CONCERNS.done; i++) items.push(concernItem(concern(CONCERNS.open + i + 1, random() < 0.7 ? 'resolved' : 'rejected', before - 1 - Math.floor(random() * 60 * DAY_MS))));
  const digestOfficials = [...overdueAt.keys()].flatMap((id) => officials.get(id)!);
  const expectDigest = {
    stations: overdueAt.size,
    overdue: [...overdueAt.values()].reduce((a, b) => a + b, 0),
    due: digestOfficials.length,
    sent: digestOfficials.filter((k) => k === 'granted').length,
  };

  // Members: today's political birthdays (joined in an earlier year), some who joined on this day this year (not yet
  // an anniversary), some deleted accounts, and members of other days.
  const expectBirthdays = { due: 0, sent: 0 };
  let m = 0;
  const member = (joinedPartyOn: string, extra: Partial<ProfileRecord> = {}) => person(`u-mem-${pad(++m, 5)}`, `党员${m}`, 'political_birthday', { joinedPartyOn, ...extra });
  for (let i = 0; i < MEMBERS.birthdayToday; i++) {
    const kind = member(`${1960 + Math.floor(random() * 66)}${RUN_DATE.slice(4)}`);
    expectBirthdays.due++;
    if (kind === 'granted') expectBirthdays.sent++;
  }
  for (let i = 0; i < MEMBERS.joinedThisYear; i++) member(RUN_DATE);
  for (let i = 0; i < MEMBERS.deleted; i++) member(`1990${RUN_DATE.slice(4)}`, { deletedAt: at, displayName: '已注销用户' });
  for (let i = 0; i < MEMBERS.otherDays; i++) {
    let day = new Date(Date.UTC(2001, 0, 1) + Math.floor(random() * 365) * DAY_MS).toISOString().slice(4, 10);
    if (day === RUN_DATE.slice(4)) day = '-06-14';
    member(`${1960 + Math.floor(random() * 66)}${day}`);
  }

  return {
    items,
    wechatGrants,
    counts: { stations: STATIONS, items: items.length, bookings, concerns: CONCERNS.open + CONCERNS.done, profiles, wechatGrants: wechatGrants.length },
    expect: { birthdays: expectBirthdays, reminders: expectReminders, digest: expectDigest },
  };
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
