// `npm start`: DynamoDB Local (data kept in .data/), s3rver for photos (.data/s3), the table from infra/, seed data on first run, the API through
// serverless-offline, and the H5 mini-program. Ctrl-C stops everything.
import path from 'node:path';
import { ensureTools } from './lib/tools';
import { onPinnedNode } from './lib/pinned-node';
import { startDynamoLocal, ensureTable, type DynamoLocal } from './lib/dynamodb-local';
import { buildH5, h5IsFresh, H5_DIST } from './lib/h5-build';
import { LOCAL_STORAGE_PORT, LOCAL_TABLE, localFunctionEnv } from './lib/local-env';
import { startS3Local, type S3Local } from './lib/s3-local';
import { startOffline, type Offline } from './lib/offline';
import { startStreamConsumer, type StreamConsumer } from './lib/stream-consumer';
import { assertPortFree } from './lib/ports';
import { isSeeded, seed } from './lib/seed';
import { DOCS_PATH } from './lib/api-docs';
import { startWebServer, type WebServer } from './lib/web-server';

onPinnedNode();

const root = path.resolve(__dirname, '..');
const API_PORT = Number(process.env.API_PORT ?? 3100);
const WEB_PORT = Number(process.env.WEB_PORT ?? 10086);
const DYNAMODB_PORT = Number(process.env.DYNAMODB_PORT ?? 8000);
const LAMBDA_PORT = Number(process.env.OFFLINE_LAMBDA_PORT ?? 3102);
const STORAGE_PORT = Number(process.env.STORAGE_PORT ?? LOCAL_STORAGE_PORT);

const say = (msg: string) => console.log(`[start] ${msg}`);

async function main() {
  const t0 = Date.now();
  await ensureTools({ java: true, chromium: false });
  await Promise.all([
    assertPortFree(DYNAMODB_PORT, 'DynamoDB Local', 'DYNAMODB_PORT'),
    assertPortFree(API_PORT, 'API', 'API_PORT'),
    assertPortFree(LAMBDA_PORT, 'serverless-offline lambda', 'OFFLINE_LAMBDA_PORT'),
    assertPortFree(WEB_PORT, 'H5', 'WEB_PORT'),
    assertPortFree(STORAGE_PORT, 's3rver (photos)', 'STORAGE_PORT'),
  ]);

  let db: DynamoLocal | undefined;
  let api: Offline | undefined;
  let web: WebServer | undefined;
  let outbox: StreamConsumer | undefined;
  let s3: S3Local | undefined;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.allSettled([web?.close(), api?.stop(), outbox?.stop(), s3?.stop()]);
    await db?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const dataDir = path.join(root, '.data', 'dynamodb');
    db = await startDynamoLocal({ port: DYNAMODB_PORT, dataDir });
    say(`DynamoDB Local at ${db.endpoint} (data in .data/dynamodb)`);
    // Without the database every request would be a 503: say so, and bring it back on the same port and data.
    const watch = (current: DynamoLocal, restarts: number) =>
      current.process.once('exit', (code, signal) => {
        if (stopping) return;
        console.error(`[start] DynamoDB Local stopped unexpectedly (${signal ?? code}); the API answers 503 until it is back.`);
        const tail = current.lastOutput().trim();
        if (tail) console.error(tail.split('\n').slice(-10).map((l) => `[dynamodb] ${l}`).join('\n'));
        if (restarts >= 3) {
          console.error('[start] DynamoDB Local keeps stopping: giving up. Check Java and .data/dynamodb, then run npm start again.');
          return void stop(1);
        }
        startDynamoLocal({ port: DYNAMODB_PORT, dataDir }).then(
          (next) => {
            db = next;
            say(`DynamoDB Local is back at ${next.endpoint}`);
            watch(next, restarts + 1);
          },
          (err: Error) => {
            console.error(`[start] DynamoDB Local could not be restarted: ${err.message}`);
            void stop(1);
          },
        );
      });
    watch(db, 0);
    await ensureTable(db.endpoint, LOCAL_TABLE);
    if (!(await isSeeded(db.endpoint, LOCAL_TABLE))) {
      const s = await seed(db.endpoint, LOCAL_TABLE);
      say(`seeded an empty database: ${s.orgs} orgs, ${s.stations} stations, ${s.users} users`);
    }

    const h5 = h5IsFresh()
      ? Promise.resolve(say('H5 build is up to date'))
      : (say('building the H5 mini-program (about a minute)…'), buildH5());
    s3 = await startS3Local({ port: STORAGE_PORT, dataDir: path.join(root, '.data', 's3') });
    say(`s3rver (concern photos) at ${s3.endpoint} (objects in .data/s3)`);
    const functionEnv = localFunctionEnv({ dynamoEndpoint: db.endpoint, wechatApiBase: process.env.WECHAT_API_BASE, storageEndpoint: s3.endpoint });
    api = await startOffline({ port: API_PORT, lambdaPort: LAMBDA_PORT, env: functionEnv, log: (line) => console.log(`[api] ${line}`) });
    say(`API at ${api.url}  (try ${api.url}/health)`);
    // WeChat messages go out from the outbox: the stream function, fed by DynamoDB Local's stream.
    outbox = await startStreamConsumer({ env: functionEnv, log: (line) => console.log(line) });
    outbox.process.on('exit', (code) => {
      if (!stopping) console.error(`[start] the outbox stream consumer stopped unexpectedly (${code}): messages wait until npm start runs again`);
    });
    api.process.on('exit', (code) => {
      if (!stopping) {
        console.error(`[start] the API stopped unexpectedly (${code})`);
        void stop(1);
      }
    });
    await h5;
    web = await startWebServer({ port: WEB_PORT, distDir: H5_DIST, apiOrigin: `http://127.0.0.1:${API_PORT}` });
    say(`H5 mini-program at ${web.url}`);
    say(`API docs (OpenAPI, Swagger UI) at ${new URL(DOCS_PATH, web.url).href}`);
    say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s. Log in with a persona (e.g. 党员 1 = demo-member-1). Ctrl-C stops everything.`);
  } catch (err) {
    console.error(`[start] ${(err as Error).message}`);
    await stop(1);
  }
}

main().catch((err: Error) => {
  console.error(`[start] ${err.message}`);
  process.exit(1);
});
