// Each function as `serverless package --stage prod` ships it (one zip per function), its size, and how long a fresh
// `node` takes to require its bundle. Every cold import is timed right after a bare `node -e 0`, in interleaved
// pairs, and reported as the median of the per-pair ratios with their spread: a baseline measured apart drifts with
// the machine's load. CPU time (the child's own getrusage) is compared the same way. Node's compile cache is
// measured too, and whether V8 accepted it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageStage } from '../scripts/lib/package';
import { readZip } from '../scripts/lib/zip';
import { buildSdkFloor } from './sdk-floor';
import { fmt, median, percentile, round, table } from './stats';

const root = path.resolve(__dirname, '..');
/** Where each function's shipped bundle is taken out of its zip (bench/inprocess.ts runs them). */
export const BUNDLES_DIR = path.join(__dirname, '.out');
const OUT = BUNDLES_DIR;
const STAGE = 'prod';

export interface FunctionDef {
  name: string;
  handler: string;
}

/** Function names and handlers under `functions:` in serverless.yml (a line scan; the file's shape is simple). */
export function readFunctions(file = path.join(root, 'serverless.yml')): FunctionDef[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^functions:\s*$/.test(l));
  if (start < 0) throw new Error('serverless.yml has no functions: section');
  const found: FunctionDef[] = [];
  let current: string | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line) && !line.startsWith('#')) break; // next top-level key
    const name = /^ {2}([\w-]+):\s*$/.exec(line);
    if (name) current = name[1];
    const handler = /^\s+handler:\s*['"]?([^'"\s]+)/.exec(line);
    if (handler && current) found.push({ name: current, handler: handler[1] });
  }
  return found;
}

interface Shipped extends FunctionDef {
  zipBytes: number;
  bundleBytes: number;
  file: string;
}

/** `serverless package --stage prod` (offline), each function's bundle taken out of its zip into bench/.out. */
function packageFunctions(): Shipped[] {
  const out = mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-package-'));
  try {
    packageStage(STAGE, out);
    rmSync(OUT, { recursive: true, force: true });
    return readFunctions().map((fn) => {
      const zip = readFileSync(path.join(out, `${fn.name}.zip`));
      const bundle = `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.js`;
      const entries = readZip(zip);
      const entry = entries.find((e) => e.name === bundle);
      if (!entry) throw new Error(`${fn.name}.zip has no ${bundle}`);
      // The whole zip, chunks loaded on demand included; the cold import requires the bundle.
      for (const e of entries) {
        const file = path.join(OUT, fn.name, e.name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, e.data());
      }
      const file = path.join(OUT, fn.name, bundle);
      return { ...fn, zipBytes: zip.length, bundleBytes: statSync(file).size, file };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export interface Spread {
  median: number;
  p25: number;
  p75: number;
}

export interface BundleResult {
  name: string;
  bundleKiB: number;
  zipKiB: number;
  /** Wall time of the cold import ÷ the bare node right before it, over the pairs. */
  wallRatio: Spread;
  /** The child's CPU time (user + system) ÷ the bare node's. */
  cpuRatio: Spread;
  medianMs: number;
  /** With NODE_COMPILE_CACHE filled by an earlier run of the same node. */
  cachedRatio: Spread;
  cacheAccepted: boolean;
}

export interface BundlesReport {
  runs: number;
  node: string;
  baselineMedianMs: number;
  baselineCpuMs: number;
  /** The compile cache's folder name: V8's cache is only read by this exact node version, arch and flags. */
  cacheKey: string;
  functions: BundleResult[];
  /** The DynamoDB client alone, bundled the same way (bench/sdk-floor.ts): what every function's import starts from. */
  sdkFloor: { bundleKiB: number; wallRatio: Spread; cpuRatio: Spread };
}

const spread = (values: number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: median(sorted), p25: percentile(sorted, 25), p75: percentile(sorted, 75) };
};

// Prints the process's own CPU time (getrusage: from exec, all threads) when the import is done. It writes to fd 1
// directly: `process.stdout` on a pipe would load net and stream first (~8 ms here), inflating the baseline too and
// flattering every ratio. So the baseline stays as close to `node -e 0` as a reading of the CPU allows.
const PRINT_CPU = 'const u=process.cpuUsage();require("fs").writeSync(1,String((u.user+u.system)/1000))';

function timeRun(args: string[], env: NodeJS.ProcessEnv): { ms: number; cpuMs: number; stderr: string } {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0) throw new Error(`node ${args.join(' ')} failed (${res.status ?? res.signal}):\n${res.stderr.slice(-2000)}`);
  return { ms, cpuMs: Number(res.stdout), stderr: res.stderr };
}

export async function benchBundles(runs = 15, log: (msg: string) => void = () => undefined): Promise<BundlesReport> {
  log('serverless package --stage prod…');
  const fns = packageFunctions();
  const floor = await buildSdkFloor(OUT);
  // Deployed configuration; importing must not touch the network (secrets are read on the first request).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    STAGE,
    TABLE_NAME: `pioneer-station-${STAGE}`,
    SECRETS_SSM_PATH: `/pioneer-station/${STAGE}`,
    AWS_REGION: 'cn-northwest-1',
    POWERTOOLS_SERVICE_NAME: 'pioneer-station',
    PHOTO_BUCKET: `pioneer-station-photos-${STAGE}`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const cacheDir = path.join(OUT, 'compile-cache');
  const cachedEnv = { ...env, NODE_COMPILE_CACHE: cacheDir };
  const importArgs = (file: string) => ['-e', `require(process.argv[1]);${PRINT_CPU}`, file];
  const bare = ['-e', PRINT_CPU];

  // The floor is timed in the same rounds as the functions, as one more entry.
  const timed = [...fns.map((f) => ({ name: f.name, file: f.file })), { name: 'sdk-floor', file: floor.file }];
  const pairs = new Map(timed.map((f) => [f.name, { wall: [] as number[], cpu: [] as number[], ms: [] as number[], cached: [] as number[] }]));
  const baseline = { ms: [] as number[], cpu: [] as number[] };
  log(`${runs} rounds of interleaved pairs (bare node, then the bundle) per function…`);
  // Round 0 warms the OS file cache and is not counted.
  for (let i = 0; i <= runs; i++) {
    for (const f of timed) {
      const b = timeRun(bare, env);
      const r = timeRun(importArgs(f.file), env);
      if (i === 0) continue;
      const p = pairs.get(f.name)!;
      p.wall.push(r.ms / b.ms);
      p.cpu.push(r.cpuMs / b.cpuMs);
      p.ms.push(r.ms);
      baseline.ms.push(b.ms);
      baseline.cpu.push(b.cpuMs);
    }
  }

  log('compile cache: one run fills it, then pairs read it…');
  rmSync(cacheDir, { recursive: true, force: true });
  const accepted = new Map<string, boolean>();
  for (const f of fns) {
    timeRun(importArgs(f.file), cachedEnv);
    const probe = timeRun(importArgs(f.file), { ...cachedEnv, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' });
    accepted.set(f.name, probe.stderr.includes(`for CommonJS ${f.file} was accepted`));
  }
  const cachedRuns = Math.max(3, Math.ceil(runs / 3));
  for (let i = 0; i < cachedRuns; i++) {
    for (const f of fns) {
      const b = timeRun(bare, env);
      const r = timeRun(importArgs(f.file), cachedEnv);
      pairs.get(f.name)!.cached.push(r.ms / b.ms);
    }
  }
  const [cacheKey = '(none written)'] = existsSync(cacheDir) ? readdirSync(cacheDir) : [];

  return {
    runs,
    node: process.version,
    baselineMedianMs: median(baseline.ms),
    baselineCpuMs: median(baseline.cpu),
    cacheKey,
    sdkFloor: { bundleKiB: floor.bytes / 1024, wallRatio: spread(pairs.get('sdk-floor')!.wall), cpuRatio: spread(pairs.get('sdk-floor')!.cpu) },
    functions: fns.map((f) => {
      const p = pairs.get(f.name)!;
      return {
        name: f.name,
        bundleKiB: f.bundleBytes / 1024,
        zipKiB: f.zipBytes / 1024,
        wallRatio: spread(p.wall),
        cpuRatio: spread(p.cpu),
        medianMs: median(p.ms),
        cachedRatio: spread(p.cached),
        cacheAccepted: accepted.get(f.name)!,
      };
    }),
  };
}

/** The bar every function's cold import must stay under (× bare node, median pair ratio). */
export const COLD_IMPORT_LIMIT = 2.5;

export function printBundles(b: BundlesReport): void {
  console.log(
    `node ${b.node}; bare \`node -e 0\`: median ${fmt(b.baselineMedianMs)} ms wall, ${fmt(b.baselineCpuMs)} ms CPU; ` +
      `${b.runs} pairs per function; ratio = median of pair ratios [p25–p75]`,
  );
  const r = (s: Spread) => `${fmt(s.median, 2)} [${fmt(s.p25, 2)}–${fmt(s.p75, 2)}]`;
  console.log(
    table(
      ['function', 'bundle KiB', 'zip KiB', 'median ms', '× node (wall)', '× node (CPU)', `≤ ${COLD_IMPORT_LIMIT}×`, 'with compile cache', 'cache read'],
      b.functions.map((f) => [
        f.name,
        fmt(f.bundleKiB),
        fmt(f.zipKiB),
        fmt(f.medianMs),
        r(f.wallRatio),
        r(f.cpuRatio),
        f.wallRatio.median <= COLD_IMPORT_LIMIT ? 'yes' : 'NO',
        r(f.cachedRatio),
        f.cacheAccepted ? 'accepted' : 'REJECTED',
      ]),
    ),
  );
  console.log(
    `The DynamoDB client alone (bench/sdk-floor.entry.ts, bundled the same way, not shipped): ${fmt(b.sdkFloor.bundleKiB)} KiB, ` +
      `${r(b.sdkFloor.wallRatio)} × node (wall), ${r(b.sdkFloor.cpuRatio)} (CPU): the part of every function's import that is not its own.`,
  );
  console.log(
    `compile cache ${b.cacheKey}: V8 reads it only on this exact node version, arch and flags. Lambda runs nodejs24.x on ` +
      'arm64 at a patch version AWS chooses, and a cache made here is silently rejected there, so none is shipped.',
  );
}

export function bundlesJson(b: BundlesReport): Record<string, unknown> {
  const s = (x: Spread) => ({ median: round(x.median, 2), p25: round(x.p25, 2), p75: round(x.p75, 2) });
  return {
    runs: b.runs,
    node: b.node,
    baselineMedianMs: round(b.baselineMedianMs),
    baselineCpuMs: round(b.baselineCpuMs),
    compileCacheKey: b.cacheKey,
    sdkFloor: { bundleKiB: round(b.sdkFloor.bundleKiB), wallRatio: s(b.sdkFloor.wallRatio), cpuRatio: s(b.sdkFloor.cpuRatio) },
    functions: b.functions.map((f) => ({
      name: f.name,
      bundleKiB: round(f.bundleKiB),
      zipKiB: round(f.zipKiB),
      medianMs: round(f.medianMs),
      wallRatio: s(f.wallRatio),
      cpuRatio: s(f.cpuRatio),
      withCompileCache: { ratio: s(f.cachedRatio), accepted: f.cacheAccepted },
    })),
  };
}

if (require.main === module) {
  benchBundles(Number(process.env.BENCH_RUNS ?? 15), (m) => console.log(m)).then(
    (b) => printBundles(b),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
