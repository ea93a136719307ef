// `serverless package` (osls, offline) of a stage into `outDir`, in an esbuild work folder of its own so it never
// meets a running local API's; used by the packaging test and the bench.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export function packageStage(stage: string, outDir: string): void {
  const work = `.esbuild/package-${stage}-${process.pid}`;
  try {
    const res = spawnSync(path.join(root, 'node_modules', '.bin', 'serverless'), ['package', '--stage', stage, '--package', outDir], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ESBUILD_WORK_FOLDER: work, SLS_TELEMETRY_DISABLED: '1' },
      timeout: 300_000,
    });
    if (res.status !== 0) throw new Error(`serverless package --stage ${stage} failed:\n${res.stdout}\n${res.stderr}`);
  } finally {
    rmSync(path.join(root, work), { recursive: true, force: true });
  }
}
