// The API through serverless-offline (osls), exactly the routes serverless.yml deploys.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface Offline {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Whether `GET /health` answers the route's own body: the function loaded, and it reached DynamoDB. */
export async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`);
    if (!res.ok) return false;
    const body = (await res.json()) as { status?: unknown; db?: unknown };
    return body.status === 'ok' && body.db === 'ok';
  } catch {
    return false; // not listening yet, or not JSON
  }
}

export async function startOffline(opts: {
  port: number;
  lambdaPort: number;
  env: Record<string, string>;
  log?: (line: string) => void;
  /**
   * Run handlers inside serverless-offline's own process instead of a worker thread per concurrent request.
   * serverless-offline has no cap on its worker pool: N simultaneous requests start N workers, each a cold start
   * of the bundle, and on a 2-core machine 200 of them overrun the 10 s Lambda timeout (which serverless-offline
   * then answers as a 200 carrying the error). In-process, each bundle loads once and requests share the event loop,
   * as they would share Lambda's parallel containers. Code changes then need a restart, so `npm start` keeps workers.
   */
  inProcess?: boolean;
}): Promise<Offline> {
  const bin = path.join(root, 'node_modules', '.bin', 'serverless');
  const child = spawn(bin, ['offline', 'start', '--stage', 'local', ...(opts.inProcess ? ['--useInProcess'] : [])], {
    cwd: root,
    env: { ...process.env, ...opts.env, ESBUILD_WORK_FOLDER: `.esbuild/${opts.port}`, API_PORT: String(opts.port), OFFLINE_LAMBDA_PORT: String(opts.lambdaPort), SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let output = '';
  const onData = (d: Buffer) => {
    output += d;
    if (opts.log) for (const line of String(d).split('\n')) if (line.trim()) opts.log(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const url = `http://127.0.0.1:${opts.port}/v1`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serverless offline exited (${child.exitCode}):\n${output.slice(-4000)}`);
    // Ready when the health route itself answers: a 200 alone may be serverless-offline's `{errorType}` for a crash.
    if (await healthy(url)) break;
    if (Date.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`serverless offline did not answer within 120 s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        // Its own children (esbuild, workers) share the process group.
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 5000).unref();
      }),
  };
}
