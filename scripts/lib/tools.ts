// What a fresh machine may lack: a Java runtime (DynamoDB Local) and Chromium (browser tests). As root we install
// them from Debian's packages; otherwise we stop and say how.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function ensureTools(need: { java: boolean; chromium: boolean }): Promise<void> {
  const missing: { what: string; pkg: string }[] = [];
  if (need.java && !has('java')) missing.push({ what: 'Java runtime (for DynamoDB Local)', pkg: 'default-jre-headless' });
  if (need.chromium && !existsSync(CHROMIUM_PATH)) missing.push({ what: 'Chromium (for browser tests)', pkg: 'chromium' });
  if (!missing.length) return;
  const pkgs = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    throw new Error(
      `Missing: ${missing.map((m) => m.what).join(', ')}.\nInstall it first, e.g.: sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`,
    );
  }
  console.log(`[tools] installing ${pkgs.join(' ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
}
