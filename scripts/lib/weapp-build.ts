// `npm run build:weapp` from a script: the build's folder, and a build that reports the tail of its output on failure.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
export const WEAPP_DIST = path.join(root, 'miniapp', 'dist', 'weapp');

export function buildWeapp(): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build:weapp'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 5 * 60_000);
    child.on('error', (err) => resolve({ ok: false, output: String(err) }));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}
