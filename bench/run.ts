// `npm run bench`: function bundle sizes and cold import time, GET /v1/me latency against a raw DynamoDB read,
// booking throughput and latency under contention against bare TransactWriteItems, the weapp main-package size, and
// the three assessments' latency and DynamoDB requests at city scale, and the three scheduled jobs at province scale
// (wall time, messages sent, DynamoDB requests, idempotent second run).
// First, the theme-day traffic model of Zhejiang and its key heat (fails the bench when a key is over budget) and a
// township's peak replayed on DynamoDB Local. `BENCH_ONLY=traffic,jobs` runs only the named sections (traffic,
// simulation, bundles, latency, contention, inprocess, weapp, h5, assessments, jobs, import). Section h5: the H5 首页's first and
// largest contentful paint on a throttled phone, before and after compression and immutable caching.
// Figures also go to bench/results/latest.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assessmentsJson, benchAssessments, printAssessments } from './assessments';
import { benchBookingContention, bookingContentionJson, printBookingContention } from './booking-contention';
import { BUNDLES_DIR, benchBundles, bundlesJson, printBundles } from './bundles';
import { benchInProcess, inProcessJson, printInProcess } from './inprocess';
import { benchH5Paint, h5PaintJson, printH5Paint } from './h5-paint';
import { benchJobs, jobsJson, printJobs } from './jobs';
import { benchImport, importJson, printImport } from './import';
import { benchLatency, stopAll } from './latency';
import { benchPackageSize } from './package-size';
import { benchPeakSimulation, peakSimulationJson, printPeakSimulation } from './peak-simulation';
import { fmt, heading, round, table } from './stats';
import { BUDGET_SHARE } from './key-heat';
import { trafficSection } from './traffic';
import { onPinnedNode } from '../scripts/lib/pinned-node';

onPinnedNode();

// Children (functions, serverless-offline) inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const runs = (section: string) => !ONLY || ONLY.includes(section);

async function main() {
  const results: Record<string, unknown> = {
    generatedAt: new Date().toISOString(),
    // Other work on the machine skews the figures; the load average says how much.
    machine: { node: process.version, cpus: os.cpus().length, platform: `${os.platform()}-${os.arch()}`, loadAvg1m: round(os.loadavg()[0], 2) },
  };
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${fmt(os.loadavg()[0], 2)} at start`);

  let overBudget = 0;
  if (runs('traffic')) {
    heading('0. Theme-day morning: traffic model and key heat at Zhejiang\'s peak');
    const t = trafficSection();
    overBudget = t.overBudget;
    results.traffic = t.json;
  }
  if (runs('simulation')) {
    heading('0b. One township\'s peak on DynamoDB Local (handlers in process)');
    // In a child process: the functions read their configuration once per process.
    const sim = await benchPeakSimulation((msg) => console.log(msg));
    printPeakSimulation(sim);
    results.peakSimulation = peakSimulationJson(sim);
  }

  if (runs('bundles')) {
    heading('1. Function packages (serverless package --stage prod) and cold import vs bare node');
    const b = await benchBundles(RUNS, (msg) => console.log(msg));
    printBundles(b);
    results.bundles = bundlesJson(b);
  }

  if (runs('latency')) {
    heading('2. GET /v1/me through serverless-offline vs raw GetItem');
    const l = await benchLatency((msg) => console.log(msg));
    console.log(`concurrency ${l.concurrency}, loopback; raw = GetItem of the profile through @aws-sdk/lib-dynamodb`);
    const row = (name: string, r: typeof l.api) => [name, r.requests, r.errors, fmt(r.p50), fmt(r.p99), fmt(r.mean), fmt(r.rps, 0)];
    console.log(table(['target', 'requests', 'errors', 'p50 ms', 'p99 ms', 'mean ms', 'req/s'], [row('GET /v1/me', l.api), row('raw GetItem', l.raw)]));
    console.log(`API ÷ raw: p50 ${l.ratioP50.toFixed(1)}×, p99 ${l.ratioP99.toFixed(1)}×`);
    const pick = (r: typeof l.api) => ({ requests: r.requests, errors: r.errors, p50Ms: round(r.p50), p99Ms: round(r.p99), meanMs: round(r.mean), rps: round(r.rps, 0) });
    results.latency = { concurrency: l.concurrency, api: pick(l.api), raw: pick(l.raw), ratioP50: round(l.ratioP50, 2), ratioP99: round(l.ratioP99, 2) };
  }

  if (runs('contention')) {
    heading('3. Booking under contention through serverless-offline (one thread) vs bare TransactWriteItems');
    const c = await benchBookingContention((msg) => console.log(msg));
    printBookingContention(c);
    results.bookingContention = bookingContentionJson(c);
  }

  if (runs('inprocess')) {
    heading('3b. In process: warm handler CPU and booking throughput (the bundles of section 1)');
    const ip = await benchInProcess(BUNDLES_DIR, (msg) => console.log(msg));
    printInProcess(ip);
    results.inProcess = inProcessJson(ip);
  }

  if (runs('weapp')) {
    heading('4. Mini-program main package (weapp)');
    const p = await benchPackageSize((msg) => console.log(msg));
    if (p.ok) {
      console.log(
        table(
          ['package', 'files', 'KiB', 'limit KiB', '% of limit'],
          [['main', p.files, fmt(p.mainKiB), p.limitKiB, `${fmt(p.percentOfLimit)}%`]],
        ),
      );
      for (const s of p.subPackages) console.log(`sub-package ${s.root}: ${round(s.bytes / 1024)} KiB (not counted)`);
      results.weapp = { mainBytes: p.mainBytes, mainKiB: round(p.mainKiB), limitKiB: p.limitKiB, percentOfLimit: round(p.percentOfLimit), subPackages: p.subPackages, freshBuild: p.built };
    } else {
      console.log(`SKIPPED: ${p.error}`);
      results.weapp = { error: p.error.split('\n')[0] };
    }
  }

  if (runs('h5')) {
    heading('4b. H5 首页 paint on a slow phone (4× CPU, slow 4G): web server before and after compression');
    const h = await benchH5Paint((msg) => console.log(msg));
    printH5Paint(h);
    results.h5 = h5PaintJson(h);
  }

  if (runs('assessments')) {
    heading('5. Assessments at city scale (getAssessment on DynamoDB Local)');
    const a = await benchAssessments((msg) => console.log(msg));
    printAssessments(a);
    results.assessments = assessmentsJson(a);
  }

  if (runs('jobs')) {
    heading('6. Scheduled jobs at province scale (DynamoDB Local, fake WeChat)');
    // In a child process: section 5 has loaded functions/ against its own DynamoDB Local, and config is read once.
    const j = await benchJobs((msg) => console.log(msg));
    printJobs(j);
    results.jobs = jobsJson(j);
  }

  if (runs('import')) {
    heading('7. 台账导入 at county scale: 300 villages, 1,000 branches, 20,000 members, 200 stations (DynamoDB Local)');
    const im = await benchImport((msg) => console.log(msg));
    printImport(im);
    results.import = importJson(im);
  }

  const out = path.join(__dirname, 'results', 'latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  // A partial run (BENCH_ONLY) replaces its own sections and keeps the others' last figures.
  const kept = ONLY && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(out, `${JSON.stringify({ ...kept, ...results }, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
  if (overBudget) throw new Error(`${overBudget} key(s) over ${BUDGET_SHARE * 100} % of a partition's limits at Zhejiang's peak (section 0)`);
}

let exiting = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n${sig}: stopping…`);
    void stopAll().finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  async (err) => {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    await stopAll();
    process.exit(1);
  },
);
