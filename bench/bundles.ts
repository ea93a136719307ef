// Each function bundled as it would ship (minified, SDK inside), its size, and how long a fresh `node` takes to
// require it compared with `node -e 0`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { localFunctionEnv } from '../scripts/lib/local-env';
import { median } from './stats';

const root = path.resolve(__dirname, '..');
const OUT = path.join(__dirname, '.out');

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

/** `functions/me/handler.handler` → the source file of the module. */
function entryOf(handler: string): string {
  const base = path.join(root, handler.slice(0, handler.lastIndexOf('.')));
  const file = ['.ts', '.js', '.mjs'].map((ext) => base + ext).find(existsSync);
  if (!file) throw new Error(`no source file for handler ${handler}`);
  return file;
}

export interface BundleResult {
  name: string;
  bytes: number;
  kib: number;
  medianMs: number;
  ratio: number;
}

export interface BundlesReport {
  runs: number;
  baselineMedianMs: number;
  functions: BundleResult[];
}

function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0) throw new Error(`node ${args.join(' ')} failed (${res.status ?? res.signal}):\n${String(res.stderr).slice(-2000)}`);
  return ms;
}

export async function benchBundles(runs = 15): Promise<BundlesReport> {
  mkdirSync(OUT, { recursive: true });
  const fns = readFunctions();
  const outputs = await Promise.all(
    fns.map(async (fn) => {
      const outfile = path.join(OUT, `${fn.name}.js`);
      await build({
        entryPoints: [entryOf(fn.handler)],
        outfile,
        absWorkingDir: root,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        minify: true,
        external: [], // the SDK too: one file imports faster than resolving node_modules
        logLevel: 'error',
      });
      return { fn, outfile };
    }),
  );

  // Nothing listens here: importing must not touch the network, only read config.
  const env = { ...process.env, ...localFunctionEnv({ dynamoEndpoint: 'http://127.0.0.1:9' }) };
  const loader = 'require(process.argv[1])';
  const baseline: number[] = [];
  const samples = new Map<string, number[]>(outputs.map((o) => [o.fn.name, []]));
  // One warm-up pass fills the OS file cache; rounds interleave so drift hits all alike.
  for (let i = 0; i <= runs; i++) {
    const b = timeRun(['-e', '0'], env);
    if (i > 0) baseline.push(b);
    for (const o of outputs) {
      const ms = timeRun(['-e', loader, o.outfile], env);
      if (i > 0) samples.get(o.fn.name)!.push(ms);
    }
  }
  const baselineMedianMs = median(baseline);
  return {
    runs,
    baselineMedianMs,
    functions: outputs.map(({ fn, outfile }) => {
      const bytes = statSync(outfile).size;
      const medianMs = median(samples.get(fn.name)!);
      return { name: fn.name, bytes, kib: bytes / 1024, medianMs, ratio: medianMs / baselineMedianMs };
    }),
  };
}
