// `npm test`: installs what a fresh machine lacks (Java for DynamoDB Local, Chromium for browser tests), then
// type-checks, has WeChat's own tools check the weapp build (scripts/weapp-check.ts), and runs the unit, API and
// browser tests. Extra arguments go to jest (e.g. `npm test -- --selectProjects unit`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTools } from './lib/tools';
import { onPinnedNode } from './lib/pinned-node';

onPinnedNode();

const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

function run(title: string, cmd: string, args: string[]): number {
  console.log(`\n=== ${title} ===`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return res.status ?? 1;
}

async function main() {
  await ensureTools({ java: true, chromium: process.env.E2E !== '0' });

  if (run('type-check (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) !== 0) process.exit(1);
  // The whole suite (no arguments, browser included) also has WeChat's own tools check the weapp build (~1 min).
  const args = process.argv.slice(2);
  if (!args.length && process.env.E2E !== '0' && process.env.WEAPP_CHECK !== '0') {
    if (run('weapp build under WeChat\'s compilers (npm run check:weapp)', 'npm', ['run', 'check:weapp']) !== 0) process.exit(1);
  }

  const out = mkdtempSync(path.join(os.tmpdir(), 'jest-results-'));
  const results = path.join(out, 'results.json');
  // E2E=0 leaves the browser out: no H5 build is served, so the e2e project is not selected either. Last, since
  // --selectProjects takes every word after it.
  // WEAPP=0 leaves the weapp build's page tests out (tests/weapp).
  const selected = ['unit', 'api', ...(process.env.E2E === '0' ? [] : ['e2e']), ...(process.env.E2E === '0' || process.env.WEAPP === '0' ? [] : ['weapp'])];
  const projects = selected.length < 4 && !args.includes('--selectProjects') ? ['--selectProjects', ...selected] : [];
  const status = run('unit, API and browser tests (jest)', bin('jest'), ['--json', `--outputFile=${results}`, ...args, ...projects]);
  try {
    const r = JSON.parse(readFileSync(results, 'utf8'));
    console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
    if (r.numTotalTests === 0) {
      console.error('no test ran');
      process.exit(1);
    }
  } catch {
    console.error('jest wrote no results');
  }
  rmSync(out, { recursive: true, force: true });
  process.exit(status);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
