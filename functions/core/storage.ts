// Object storage for photos. Deployed, S3 in the function's own region; locally, s3rver (STORAGE_ENDPOINT). Functions
// never write files themselves: phones upload through short-lived presigned URLs, and photos are shown through
// short-lived presigned GETs.
// Five plain S3 calls, signed with SigV4 by hand instead of through @aws-sdk/client-s3: the S3 client and presigner
// weigh ≈ 130 KiB of minified bundle, parsed at every cold start of `me` and `concerns`, while the signer, the hash
// and the HTTP handler used here are the ones the DynamoDB client already brings (issue 17).
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import { config } from './config';

const bucket = process.env.PHOTO_BUCKET;
if (!bucket) throw new Error('Missing required environment variable PHOTO_BUCKET');
/** Set only where s3rver stands in for S3 (its fixed key pair, path-style addresses). */
const endpoint = process.env.STORAGE_ENDPOINT || undefined;

// Deployed: virtual-hosted addresses in the region's partition (China regions live under amazonaws.com.cn).
const base = new URL(endpoint ?? `https://${bucket}.s3.${config.region}.amazonaws.com${config.region.startsWith('cn-') ? '.cn' : ''}`);
const keyPrefix = endpoint ? `/${bucket}/` : '/';

const signer = new SignatureV4({
  service: 's3',
  region: config.region,
  credentials: endpoint ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } : fromEnv(),
  sha256: Sha256,
  // S3 signs the path as sent (no second encoding), and its requests carry their own payload hash header.
  uriEscapePath: false,
  applyChecksum: false,
});
// S3 answers these in well under a second; three tries at most 3 s each stay inside the function's 10 s.
const http = new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 2000 });

/** RFC 3986 encoding, as SigV4 canonicalises it (encodeURIComponent leaves !'()* alone). */
const escape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const objectPath = (key: string) => keyPrefix + key.split('/').map(escape).join('/');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function request(method: string, path: string, headers: Record<string, string> = {}, body?: string, query?: Record<string, string>): HttpRequest {
  return new HttpRequest({
    method,
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    path,
    query,
    headers: { host: base.host, ...headers },
    body,
  });
}

const toUrl = (r: { path: string; query?: Record<string, unknown> }) => {
  const query = Object.entries(r.query ?? {})
    .map(([k, v]) => `${escape(k)}=${escape(String(v))}`)
    .join('&');
  return `${base.origin}${r.path}?${query}`;
};

/** A presigned PUT of exactly `size` bytes of `contentType` (both signed: S3 refuses any other). */
export async function presignPut(key: string, contentType: string, size: number, expiresIn: number): Promise<string> {
  const req = request('PUT', objectPath(key), { 'content-type': contentType, 'content-length': String(size), 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' });
  return toUrl(await signer.presign(req, { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) }));
}

export async function presignGet(key: string, expiresIn: number): Promise<string> {
  return toUrl(await signer.presign(request('GET', objectPath(key), { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' }), { expiresIn }));
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs and sends; 5xx answers and network failures are tried up to 3 times in all (as the SDK client did). */
async function send(req: HttpRequest): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await pause(100 * 2 ** (attempt - 2));
    try {
      const signed = await signer.sign(req);
      const { response } = await http.handle(signed as HttpRequest);
      const chunks: Buffer[] = [];
      if (response.body) for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
      if (response.statusCode >= 500 && attempt < 3) continue;
      return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') };
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** A refused call fails like an SDK error would: with the status and S3's own code. */
function check(what: string, a: Answer): Answer {
  // CopyObject can answer 200 with an <Error> body when the copy fails midway.
  if (a.status >= 300 || /^\s*(<\?xml[^>]*>\s*)?<Error>/.test(a.body)) {
    const code = /<Code>([^<]*)<\/Code>/.exec(a.body)?.[1] ?? `HTTP ${a.status}`;
    throw Object.assign(new Error(`S3 ${what} failed: ${code}`), { name: code, $metadata: { httpStatusCode: a.status } });
  }
  return a;
}

/** Size and type of a stored object; undefined when there is none. */
export async function headObject(key: string): Promise<{ size: number; contentType?: string } | undefined> {
  const a = await send(request('HEAD', objectPath(key), { 'x-amz-content-sha256': EMPTY_SHA256 }));
  if (a.status === 404) return undefined;
  check('HeadObject', a);
  return { size: Number(a.headers['content-length'] ?? 0), contentType: a.headers['content-type'] };
}

export async function copyObject(from: string, to: string): Promise<void> {
  const source = `/${bucket}/${from.split('/').map(escape).join('/')}`;
  check('CopyObject', await send(request('PUT', objectPath(to), { 'x-amz-copy-source': source, 'x-amz-content-sha256': EMPTY_SHA256 })));
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Deletes the keys, 1,000 per request (S3's limit); missing keys are no error. */
export async function deleteObjects(keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const objects = keys.slice(i, i + 1000).map((k) => `<Object><Key>${xmlText(k)}</Key></Object>`);
    const body = `<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>true</Quiet>${objects.join('')}</Delete>`;
    const headers = {
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(body)),
      // S3 refuses a multi-object delete without a body digest.
      'content-md5': createHash('md5').update(body).digest('base64'),
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
    };
    check('DeleteObjects', await send(request('POST', endpoint ? `/${bucket}` : '/', headers, body, { delete: '' })));
  }
}
