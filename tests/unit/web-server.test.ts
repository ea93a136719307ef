// The H5 server: compressed text as the browser asks, hashed assets cached for a year, index.html revalidated.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { CACHE_CONTROL, isHashedAsset, negotiateEncoding, startWebServer, type WebServer } from '../../scripts/lib/web-server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

// node:http, not fetch: fetch decompresses on its own and hides what went over the wire.
function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const APP_JS = `console.log(${JSON.stringify('先锋驿站 '.repeat(4000))});\n`;
const INDEX = `<!doctype html><html><head><script defer src="/js/app.a30febce.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;

let dir: string;
let web: WebServer;
let plain: WebServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'web-server-'));
  mkdirSync(path.join(dir, 'js'));
  mkdirSync(path.join(dir, 'static'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'js', 'app.a30febce.js'), APP_JS);
  writeFileSync(path.join(dir, 'static', 'me.png'), Buffer.alloc(2048, 1));
  // Nothing listens on the API origin: these tests never reach /v1.
  web = await startWebServer({ port: 0, distDir: dir, apiOrigin: 'http://127.0.0.1:9' });
  plain = await startWebServer({ port: 0, distDir: dir, apiOrigin: 'http://127.0.0.1:9', compress: false, immutableAssets: false });
});

afterAll(async () => {
  await Promise.all([web?.close(), plain?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('compression', () => {
  it('sends brotli when the browser accepts it, and the body decodes to the file', async () => {
    const res = await get(`${web.url}js/app.a30febce.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 4);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(APP_JS);
  });

  it('sends gzip to a browser without brotli, and to one that prefers gzip', async () => {
    for (const accept of ['gzip, deflate', 'br;q=0.5, gzip']) {
      const res = await get(`${web.url}js/app.a30febce.js`, { 'accept-encoding': accept });
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(res.body).toString()).toBe(APP_JS);
    }
  });

  it('sends the file as it is when no encoding is accepted', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const res = await get(`${web.url}js/app.a30febce.js`, headers);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.toString()).toBe(APP_JS);
    }
  });

  it('compresses index.html too, but not images', async () => {
    const index = await get(web.url, { 'accept-encoding': 'gzip' });
    expect(index.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(index.body).toString()).toBe(INDEX);
    const png = await get(`${web.url}static/me.png`, { 'accept-encoding': 'gzip, br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(2048);
  });

  it('can be switched off (the bench measures the difference)', async () => {
    const res = await get(`${plain.url}js/app.a30febce.js`, { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(APP_JS);
  });
});

describe('caching', () => {
  it('serves hashed assets as immutable for a year', async () => {
    const res = await get(`${web.url}js/app.a30febce.js`, { 'accept-encoding': 'br' });
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['cache-control']).toBe(CACHE_CONTROL.hashed);
  });

  it('keeps index.html no-cache, also when it answers a route of the app', async () => {
    for (const p of ['', 'index.html', 'pages/home/index']) {
      const res = await get(`${web.url}${p}`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body.toString()).toBe(INDEX);
    }
  });

  it('revalidates index.html with its ETag', async () => {
    const first = await get(web.url);
    expect(first.headers.etag).toBeTruthy();
    const again = await get(web.url, { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('caches files without a hash for a short while only', async () => {
    expect((await get(`${web.url}static/me.png`)).headers['cache-control']).toBe(CACHE_CONTROL.other);
    expect((await get(`${plain.url}js/app.a30febce.js`)).headers['cache-control']).toBe(CACHE_CONTROL.other);
  });
});

describe('requests it refuses', () => {
  it('answers a malformed path with 400 and a clear message', async () => {
    const res = await get(`${web.url}%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.body.toString()).toBe('请求路径无效');
  });

  it('answers /v1 with 503 in the error shape when the API is down', async () => {
    const res = await get(`${web.url}v1/health`);
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body.toString()).error.code).toBe('UNAVAILABLE');
  });
});

describe('helpers', () => {
  it.each([
    ['js/app.a30febce.js', true],
    ['css/881.d64ed35ff9efeffd802e.css', true],
    ['js/280.c4badf8d.js.LICENSE.txt', true],
    ['index.html', false],
    ['static/images/assets/tabbar/me.png', false],
  ])('isHashedAsset(%s) is %s', (file, hashed) => expect(isHashedAsset(file)).toBe(hashed));

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['gzip, deflate, br, zstd', 'br'],
    ['GZIP', 'gzip'],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['br;q=0.2, gzip;q=0.8', 'gzip'],
    ['br;q=abc, gzip', 'gzip'],
  ])('negotiateEncoding(%p) is %p', (header, expected) => expect(negotiateEncoding(header)).toBe(expected));
});
