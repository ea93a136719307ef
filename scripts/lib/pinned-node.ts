// Scripts run on the Node that package.json pins (node_modules/.bin/node, the Lambda runtime's major), also when
// started with another `node` (a system install): the tests, the local API and the bench must match what ships.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

const PINNED = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'node');

/** Re-runs this process on the pinned Node if it runs on another; puts it first on PATH for children either way. */
export function onPinnedNode(): void {
  if (!existsSync(PINNED)) return; // a platform without the pinned package: README says to install Node 24
  process.env.PATH = `${path.dirname(PINNED)}${path.delimiter}${process.env.PATH ?? ''}`;
  if (realpathSync(PINNED) === realpathSync(process.execPath)) return;
  const res = spawnSync(PINNED, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(res.status ?? 1);
}
