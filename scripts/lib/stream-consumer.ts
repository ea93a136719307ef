// The outbox's stream function on this machine: a child process that reads DynamoDB Local's stream
// (./stream-reader.ts) and feeds the same handler Lambda runs when deployed (functions/notifications/outbox-stream.ts),
// filtered the same way. `npm start` and the tests' global setup start it beside the API, with the API's environment.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface StreamConsumer {
  process: ChildProcess;
  stop(): Promise<void>;
}

export function startStreamConsumer(opts: { env: Record<string, string>; log?: (line: string) => void }): Promise<StreamConsumer> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename], {
    cwd: root,
    env: { ...process.env, ...opts.env, STREAM_CONSUMER_CHILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      for (const line of String(d).split('\n')) if (line.trim()) opts.log?.(line);
      if (output.includes('[outbox] reading the stream')) {
        resolve({
          process: child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the outbox stream consumer exited (${code}):\n${output.slice(-4000)}`)));
  });
}

async function main(): Promise<void> {
  const { readStream } = await import('./stream-reader');
  const { handler, isPendingOutbox } = await import('../../functions/notifications/outbox-stream');
  const reader = readStream({
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: process.env.TABLE_NAME!,
    log: (msg) => console.error(`[outbox] ${msg}`),
    onBatch: async (records) => {
      const mine = records.filter(isPendingOutbox);
      if (!mine.length) return;
      // As Lambda with ReportBatchItemFailures: a failed record makes the batch come again (handled events skip).
      const { batchItemFailures } = await handler({ Records: mine });
      if (batchItemFailures.length) throw new Error(`${batchItemFailures.length} outbox event(s) failed; handing the batch over again`);
    },
  });
  console.log('[outbox] reading the stream');
  const stop = () => void reader.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.env.STREAM_CONSUMER_CHILD === '1' && require.main === module) {
  main().catch((err: Error) => {
    console.error(`[outbox] ${err.stack ?? err.message}`);
    process.exit(1);
  });
}
