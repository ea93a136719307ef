// Serves the H5 build and the API docs (/docs), and proxies /v1 to the API, so the page and the API share one origin
// (no CORS, and the build does not need to know the API's port).
// Text files go out compressed (brotli or gzip, as the browser asks), and files whose names carry a content hash are
// cached for a year: a slow phone connection then downloads about a third of the JS once, and index.html (always
// revalidated) is what picks up a new build.
import { createReadStream, existsSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { serveApiDocs } from './api-docs';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};
// Already-compressed formats (png, jpg, woff2…) gain nothing.
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.txt', '.svg', '.ttf', '.map']);
const MIN_COMPRESS_BYTES = 1024;

export const CACHE_CONTROL = {
  /** Webpack's `[hash]`/`[chunkhash]` in the name: a new build is a new URL. */
  hashed: 'public, max-age=31536000, immutable',
  /** index.html: revalidated on every visit (ETag), so a new build shows at once. */
  entry: 'no-cache',
  /** Anything else (tab-bar icons copied as they are). */
  other: 'public, max-age=300',
} as const;

/** `js/app.a30febce.js`, `css/881.d64ed35ff9efeffd802e.css`: 8+ hex digits between dots. */
export function isHashedAsset(file: string): boolean {
  return /\.[0-9a-f]{8,}\./.test(path.basename(file));
}

export type Encoding = 'br' | 'gzip';

/** The encoding to send for an Accept-Encoding header (q-values honoured; brotli wins a tie), or none. */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    weights.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (enc: string) => weights.get(enc) ?? weights.get('*') ?? 0;
  const [br, gzip] = [weight('br'), weight('gzip')];
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : undefined;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Compressed bodies, made on first request (in libuv's thread pool) and kept while the file's size and mtime stay
 * the same. Brotli quality 5: within ~2 % of quality 9 on our chunks at a fifth of the time (quality 11 takes seconds
 * per chunk); gzip level 9 costs little more than 6.
 */
class CompressedCache {
  private entries = new Map<string, Promise<Buffer>>();
  private bytes = 0;
  private static readonly MAX_BYTES = 64 * 1024 * 1024;

  get(file: string, stat: Stats, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}:${file}:${stat.size}:${stat.mtimeMs}`;
    let hit = this.entries.get(key);
    if (!hit) {
      // Rebuilds leave old chunk names behind: start over rather than grow without bound.
      if (this.bytes > CompressedCache.MAX_BYTES) this.clear();
      hit = readFile(file).then((raw) =>
        encoding === 'br'
          ? brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
          : gzip(raw, { level: 9 }),
      );
      this.entries.set(key, hit);
      hit.then(
        (body) => (this.bytes += body.length),
        () => this.entries.delete(key), // e.g. the file went away mid-swap: try again next time
      );
    }
    return hit;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  distDir: string;
  apiOrigin: string;
  /** Off only to measure what it saves (bench/h5-paint.ts): every file as it is on disk. */
  compress?: boolean;
  /** Off only to measure what it saves: hashed assets cached like any other file. */
  immutableAssets?: boolean;
}

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const api = new URL(opts.apiOrigin);
  const root = path.resolve(opts.distDir);
  const compress = opts.compress ?? true;
  const immutableAssets = opts.immutableAssets ?? true;
  const cache = new CompressedCache();

  const proxy = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const upstream = http.request(
      { host: api.hostname, port: api.port, method: req.method, path: req.url, headers: { ...req.headers, host: api.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' });
      res.end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后再试' } }));
    });
    req.pipe(upstream);
  };

  const serveFile = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    let file = path.join(root, pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('H5 build not found: run npm run build:h5');
      return;
    }
    const stat = statSync(file);
    const ext = path.extname(file);
    const etag = `W/"${stat.size.toString(16)}-${Math.trunc(stat.mtimeMs).toString(16)}"`;
    const cacheControl =
      ext === '.html' ? CACHE_CONTROL.entry : immutableAssets && isHashedAsset(file) ? CACHE_CONTROL.hashed : CACHE_CONTROL.other;
    const compressible = compress && COMPRESSIBLE.has(ext) && stat.size >= MIN_COMPRESS_BYTES;
    const headers: http.OutgoingHttpHeaders = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      etag,
      ...(compressible ? { vary: 'Accept-Encoding' } : {}),
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const encoding = compressible ? negotiateEncoding(req.headers['accept-encoding']) : undefined;
    if (!encoding) {
      res.writeHead(200, { ...headers, 'content-length': stat.size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      return;
    }
    const body = await cache.get(file, stat, encoding);
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) return proxy(req, res);
    if (serveApiDocs(url.pathname, res)) return;
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('请求路径无效');
      return;
    }
    serveFile(req, res, pathname).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`服务器内部错误：${err.message}`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
