// `npm run build:weapp` from a script: the build's folder, and a build that reports the tail of its output on failure.
// A build records the sources' stamp beside dist/weapp (not inside: WeChat's tools would count the file), so the
// weapp tests reuse what `npm run check:weapp` built earlier in the same `npm test`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sourceStamp } from './h5-build';

const root = path.resolve(__dirname, '..', '..');
export const WEAPP_DIST = path.join(root, 'miniapp', 'dist', 'weapp');
const STAMP = path.join(root, 'miniapp', 'dist', '.weapp-source-stamp');

export function weappIsFresh(): boolean {
  return existsSync(path.join(WEAPP_DIST, 'app.js')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sourceStamp();
}

export function buildWeapp(): Promise<{ ok: boolean; output: string }> {
  const stamp = sourceStamp();
  rmSync(STAMP, { force: true });
  return new Promise((resolve) => {
    // NODE_ENV as a plain build has it: under jest it is `test`, which makes Taro build for development.
    const env = { ...process.env, NODE_ENV: 'production' };
    const child = spawn('npm', ['run', 'build:weapp'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 5 * 60_000);
    child.on('error', (err) => resolve({ ok: false, output: String(err) }));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) writeFileSync(STAMP, stamp);
      resolve({ ok: code === 0, output });
    });
  });
}
