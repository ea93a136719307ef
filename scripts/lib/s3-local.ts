// A local S3 (s3rver) for concern photos: the functions reach it through the same SDK calls as S3 when deployed.
// Objects live in a data folder (kept across `npm start` runs, a temporary one for tests), never in the functions.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { LOCAL_PHOTO_BUCKET } from './local-env';

/** s3rver's fixed key pair. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

// The browser (H5) uploads straight to the bucket from the web server's origin, as the deployed bucket's CORS allows.
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export interface S3Local {
  endpoint: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startS3Local(opts: { port: number; dataDir?: string }): Promise<S3Local> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  mkdirSync(dataDir, { recursive: true });
  const server = new S3rver({
    port: opts.port,
    address: '127.0.0.1',
    directory: dataDir,
    silent: true,
    configureBuckets: [{ name: LOCAL_PHOTO_BUCKET, configs: [CORS] }],
  });
  await server.run();
  const stop = async () => {
    await server.close();
    // A temporary folder (tests) goes with the server; a kept one (npm start) stays.
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return { endpoint: `http://127.0.0.1:${opts.port}`, dataDir, stop };
}
