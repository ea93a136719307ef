// Starts, once per test run: DynamoDB Local in memory with the table from infra/ and the seed data, a fake WeChat
// server, s3rver for photos, the API through serverless-offline, the outbox's stream consumer, and (unless E2E=0) the H5 build behind a local web server.
// When the weapp project runs, the weapp build too (unless `npm run check:weapp` built these sources already).
import { appendFileSync } from 'node:fs';
import { ensureTable, startDynamoLocal } from '../../scripts/lib/dynamodb-local';
import { buildH5, h5IsFresh, H5_DIST } from '../../scripts/lib/h5-build';
import { buildWeapp, weappIsFresh } from '../../scripts/lib/weapp-build';
import { LOCAL_TABLE, localFunctionEnv } from '../../scripts/lib/local-env';
import { startOffline } from '../../scripts/lib/offline';
import { startS3Local } from '../../scripts/lib/s3-local';
import { startStreamConsumer } from '../../scripts/lib/stream-consumer';
import { freePort } from '../../scripts/lib/ports';
import { seed } from '../../scripts/lib/seed';
import { startWebServer } from '../../scripts/lib/web-server';
import { startFakeWechat } from '../fakes/wechat-server';
import { setHandles, type Handles } from './handles';

/** Whether the weapp project is among those selected (`--selectProjects`) and a path pattern, if any, names it. */
function weappSelected(testPathPattern: string): boolean {
  if (process.env.WEAPP === '0') return false;
  const at = process.argv.indexOf('--selectProjects');
  if (at >= 0 && !process.argv.slice(at + 1).includes('weapp')) return false;
  return !testPathPattern || /weapp/.test(testPathPattern);
}

async function weappBuild(): Promise<void> {
  const t0 = Date.now();
  const build = await buildWeapp();
  if (!build.ok) throw new Error(`npm run build:weapp failed:\n${build.output.trim().split('\n').slice(-30).join('\n')}`);
  console.log(`\n[setup] weapp built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

export default async function globalSetup(globalConfig?: { testPathPattern?: string }): Promise<void> {
  const t0 = Date.now();
  const handles: Handles = {};
  setHandles(handles);
  const withBrowser = process.env.E2E !== '0';
  const h5 = withBrowser && !h5IsFresh() ? buildH5() : Promise.resolve();
  h5.catch(() => undefined); // awaited below; avoid an unhandled rejection while the servers start
  const weapp = weappSelected(globalConfig?.testPathPattern ?? '') && !weappIsFresh() ? weappBuild() : Promise.resolve();
  weapp.catch(() => undefined);
  try {
    await startServers(handles, withBrowser, h5);
    await weapp;
  } catch (err) {
    const { db, api, wechat, web, outbox, s3 } = handles;
    await Promise.allSettled([web?.close(), api?.stop(), wechat?.close(), outbox?.stop(), s3?.stop()]);
    await db?.stop();
    throw err;
  }
  console.log(`\n[setup] DynamoDB Local, fake WeChat, API${withBrowser ? ', H5' : ''} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function startServers(handles: Handles, withBrowser: boolean, h5: Promise<void>): Promise<void> {
  const db = await startDynamoLocal({ port: await freePort() });
  handles.db = db;
  await ensureTable(db.endpoint, LOCAL_TABLE);
  await seed(db.endpoint, LOCAL_TABLE);
  // Concern photos: s3rver on a free port, its objects in a fresh temporary folder.
  const s3 = await startS3Local({ port: await freePort() });
  handles.s3 = s3;

  // Tests choose content-check verdicts with markers in the text (see functions/content/content-check.ts).
  // The outbox retries fast here (0.1 s doubling to 0.8 s, ten tries), so outage tests span several tries in seconds.
  const env: Record<string, string> = {
    ...localFunctionEnv({ dynamoEndpoint: db.endpoint, storageEndpoint: s3.endpoint }),
    CONTENT_CHECKER: 'test',
    OUTBOX_BASE_MS: '100',
    OUTBOX_CAP_MS: '800',
    OUTBOX_ATTEMPTS: '10',
  };
  const wechat = await startFakeWechat({ appId: env.WECHAT_APPID, appSecret: env.WECHAT_APP_SECRET });
  handles.wechat = wechat;
  env.WECHAT_API_BASE = wechat.url;

  // API_LOG=<file> keeps the API's own log of a test run, for chasing a failure.
  const apiLog = process.env.API_LOG;
  const api = await startOffline({
    port: await freePort(),
    lambdaPort: await freePort(),
    // Files act as the same personas at once: quotas ×100 here; tests/api/trust-quotas runs handlers in process at the real ones.
    env: { ...env, QUOTA_LIMIT_FACTOR: '100', LOG_LEVEL: apiLog ? 'INFO' : 'WARN', POWERTOOLS_LOG_LEVEL: apiLog ? 'INFO' : 'WARN' },
    log: apiLog ? (line) => appendFileSync(apiLog, `${line}\n`) : undefined,
    // Concurrency tests send up to 200 simultaneous requests: one process, not a cold worker each (see startOffline).
    inProcess: true,
  });
  handles.api = api;
  handles.outbox = await startStreamConsumer({
    env: { ...env, LOG_LEVEL: apiLog ? 'INFO' : 'WARN', POWERTOOLS_LOG_LEVEL: apiLog ? 'INFO' : 'ERROR' },
    log: apiLog ? (line) => appendFileSync(apiLog, `[outbox] ${line}\n`) : undefined,
  });

  // Workers inherit these: the API tests call API_URL, unit tests reach DynamoDB Local with the same env.
  Object.assign(process.env, env, { API_URL: api.url });

  if (withBrowser) {
    await h5;
    const web = await startWebServer({ port: await freePort(), distDir: H5_DIST, apiOrigin: api.url.replace(/\/v1$/, '') });
    handles.web = web;
    process.env.WEB_URL = web.url;
  }
}
