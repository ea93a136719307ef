// The weapp main package (what WeChat caps at 2 MB): every file of the build outside declared sub-package roots.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildWeapp, WEAPP_DIST as DIST } from '../scripts/lib/weapp-build';

export const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

export type PackageReport =
  | { ok: true; built: boolean; mainBytes: number; mainKiB: number; limitKiB: number; percentOfLimit: number; files: number; subPackages: { root: string; bytes: number }[] }
  | { ok: false; error: string };

function walk(dir: string): { rel: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return walk(full).map((f) => ({ ...f, rel: path.posix.join(e.name, f.rel) }));
    return e.isFile() ? [{ rel: e.name, bytes: statSync(full).size }] : [];
  });
}

export async function benchPackageSize(log: (msg: string) => void): Promise<PackageReport> {
  let built = false;
  if (!existsSync(path.join(DIST, 'app.json'))) {
    log('miniapp/dist/weapp is missing: running npm run build:weapp (about 30 s)…');
    const res = await buildWeapp();
    if (!res.ok || !existsSync(path.join(DIST, 'app.json'))) {
      return { ok: false, error: `npm run build:weapp failed:\n${res.output.trim().split('\n').slice(-15).join('\n')}` };
    }
    built = true;
  }
  try {
    const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8'));
    const roots: string[] = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s: { root: string }) =>
      s.root.replace(/^\/+|\/+$/g, ''),
    );
    const files = walk(DIST);
    const inRoot = (rel: string, r: string) => rel === r || rel.startsWith(`${r}/`);
    const main = files.filter((f) => !roots.some((r) => inRoot(f.rel, r)));
    const mainBytes = main.reduce((s, f) => s + f.bytes, 0);
    return {
      ok: true,
      built,
      mainBytes,
      mainKiB: mainBytes / 1024,
      limitKiB: MAIN_PACKAGE_LIMIT / 1024,
      percentOfLimit: (100 * mainBytes) / MAIN_PACKAGE_LIMIT,
      files: main.length,
      subPackages: roots.map((r) => ({ root: r, bytes: files.filter((f) => inRoot(f.rel, r)).reduce((s, f) => s + f.bytes, 0) })),
    };
  } catch (err) {
    // Another build may be rewriting dist/ right now.
    return { ok: false, error: `could not read miniapp/dist/weapp: ${(err as Error).message}` };
  }
}
