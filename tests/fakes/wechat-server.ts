// A stand-in for WeChat's servers (which tests cannot reach), on 127.0.0.1, answering like the real API does,
// error codes included. Codes: `ok-<openid>` logs in as <openid> (each code works once, like the real one),
// `ratelimited` → 45011, `busy` → -1, `slow` → answers after 10 s, anything else → 40029.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechat {
  url: string;
  requests: { path: string; query: Record<string, string> }[];
  close(): Promise<void>;
}

export function startFakeWechat(opts: { appId: string; appSecret: string; port?: number }): Promise<FakeWechat> {
  const usedCodes = new Set<string>();
  const requests: FakeWechat['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query });
    const reply = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    if (query.appid !== opts.appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
    if (query.secret !== opts.appSecret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (query.grant_type !== 'authorization_code') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = query.js_code ?? '';
    if (code === 'ratelimited') return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' });
    if (code === 'busy') return reply({ errcode: -1, errmsg: 'system error' });
    if (code === 'slow') {
      setTimeout(() => reply({ errcode: -1, errmsg: 'system error' }), 10_000).unref();
      return;
    }
    if (usedCodes.has(code)) return reply({ errcode: 40163, errmsg: 'code been used' });
    const match = /^ok-([A-Za-z0-9_-]{1,64})$/.exec(code);
    if (!match) return reply({ errcode: 40029, errmsg: 'invalid code' });
    usedCodes.add(code);
    reply({ openid: match[1], session_key: 'fake-session-key-never-leaves-the-server', unionid: `union-${match[1]}` });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
