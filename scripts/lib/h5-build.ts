// Builds the H5 mini-program when its sources changed since the last build (a stamp of source mtimes).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
export const H5_DIST = path.join(root, 'miniapp', 'dist', 'h5');
const STAMP = path.join(H5_DIST, '.source-stamp');

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The newest mtime of the app's sources (miniapp/ and shared/): a build made from them records it. */
export function sourceStamp(): string {
  return String(Math.max(newestMtime(path.join(root, 'miniapp')), newestMtime(path.join(root, 'shared'))));
}

export function h5IsFresh(): boolean {
  return existsSync(path.join(H5_DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sourceStamp();
}

/**
 * Builds into a fresh folder and swaps it in whole when done, so a server (or a second build) never sees a
 * half-written dist/h5.
 */
export async function buildH5(log: (line: string) => void = () => {}): Promise<void> {
  const stamp = sourceStamp();
  const relative = `dist/.h5-building-${process.pid}-${Date.now()}`; // Taro takes outputRoot relative to miniapp/
  const building = path.join(root, 'miniapp', relative);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
      cwd: path.join(root, 'miniapp'),
      env: { ...process.env, NODE_ENV: 'production', TARO_APP_STAGE: 'local', TARO_OUTPUT_ROOT: relative },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (d: Buffer) => {
      output += d;
      for (const line of String(d).split('\n')) if (line.trim()) log(line);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      rmSync(building, { recursive: true, force: true });
      reject(new Error(`taro build --type h5 failed (${code}):\n${output.slice(-4000)}`));
    });
  });
  writeFileSync(path.join(building, '.source-stamp'), stamp);
  const old = `${H5_DIST}.old-${process.pid}-${Date.now()}`;
  if (existsSync(H5_DIST)) renameSync(H5_DIST, old);
  renameSync(building, H5_DIST);
  rmSync(old, { recursive: true, force: true });
}
