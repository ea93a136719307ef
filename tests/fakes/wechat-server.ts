// A stand-in for WeChat's servers (which tests cannot reach), on 127.0.0.1, answering like the real API does,
// error codes included.
//   /sns/jscode2session    code `ok-<openid>` or `ok-<openid>.<nonce>` logs in as <openid> (each code works once, like
//                          the real one: a new nonce is a new wx.login of the same user); `ratelimited` → 45011,
//                          `busy` → -1, `slow` → answers only after 10 s (past our client's timeout), else → 40029
//   /cgi-bin/stable_token  the same token until it expires or force_refresh; 40013/40125 for a wrong appid/secret
//   /wxa/msg_sec_check     【风险】 → risky, 【复核】 → review, 【超时】 → no answer for 10 s, 【繁忙】 → -1, else pass
//   /cgi-bin/message/subscribe/send   spends a one-time grant (43101 without one); 47003 for an over-long field
// Control (tests in other processes drive it over HTTP): POST /__fake/expire-tokens, POST /__fake/token-ttl {seconds},
// POST /__fake/grants {openid, templateId, count}, GET /__fake/messages, GET /__fake/calls,
// GET /__fake/sec-checks (the bodies msg_sec_check received: content, openid, scene),
// POST /__fake/outage {openids, on}: subscribe/send to those users answers HTTP 503 (WeChat down) while on, scoped so
// files running at the same time are not hit; GET /__fake/outage: how many sends each of them was refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecCheckRequest {
  content: string;
  openid: string;
  scene: number;
}

export interface FakeWechat {
  url: string;
  requests: { path: string; query: Record<string, string> }[];
  close(): Promise<void>;
}

const FIELD_LIMITS: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32, time: 40, date: 40, number: 32 };

export function startFakeWechat(opts: { appId: string; appSecret: string; port?: number }): Promise<FakeWechat> {
  const usedCodes = new Set<string>();
  const requests: FakeWechat['requests'] = [];
  let tokenSeq = 0;
  let tokenTtl = 7200;
  let current: { value: string; expiresAt: number } | undefined;
  const grants = new Map<string, number>();
  const messages: unknown[] = [];
  const calls: Record<string, number> = {};
  const secChecks: SecCheckRequest[] = [];
  const down = new Set<string>();
  const refused: Record<string, number> = {};

  const issueToken = () => {
    current = { value: `fake-token-${++tokenSeq}`, expiresAt: Date.now() + tokenTtl * 1000 };
    return current;
  };
  const tokenValid = (t: string | undefined) => Boolean(current && t === current.value && current.expiresAt > Date.now());

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query });
    calls[url.pathname] = (calls[url.pathname] ?? 0) + 1;
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: Record<string, any> = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      /* WeChat answers 40001-style errors for junk; tests never send junk */
    }
    const reply = (payload: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };

    switch (url.pathname) {
      case '/sns/jscode2session': {
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
        const match = /^ok-([A-Za-z0-9_-]{1,64})(?:\.[A-Za-z0-9_-]{1,32})?$/.exec(code);
        if (!match) return reply({ errcode: 40029, errmsg: 'invalid code' });
        usedCodes.add(code);
        return reply({ openid: match[1], session_key: 'fake-session-key-never-leaves-the-server', unionid: `union-${match[1]}` });
      }
      case '/cgi-bin/stable_token': {
        if (body.appid !== opts.appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
        if (body.secret !== opts.appSecret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
        const t = body.force_refresh || !current || current.expiresAt <= Date.now() ? issueToken() : current;
        return reply({ access_token: t.value, expires_in: Math.max(0, Math.round((t.expiresAt - Date.now()) / 1000)) });
      }
      case '/wxa/msg_sec_check': {
        if (!tokenValid(query.access_token)) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        const content = String(body.content ?? '');
        secChecks.push({ content, openid: body.openid, scene: body.scene });
        if (body.version !== 2 || !body.openid || ![1, 2, 3, 4].includes(body.scene)) return reply({ errcode: 47001, errmsg: 'data format error' });
        if (content.includes('【超时】')) {
          setTimeout(() => reply({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } }), 10_000).unref();
          return;
        }
        if (content.includes('【繁忙】')) return reply({ errcode: -1, errmsg: 'system error' });
        const suggest = content.includes('【风险】') ? 'risky' : content.includes('【复核】') ? 'review' : 'pass';
        return reply({ errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 }, detail: [], trace_id: `trace-${Date.now()}` });
      }
      case '/cgi-bin/message/subscribe/send': {
        if (down.has(body.touser)) {
          refused[body.touser] = (refused[body.touser] ?? 0) + 1;
          res.writeHead(503).end('service unavailable');
          return;
        }
        if (!tokenValid(query.access_token)) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        for (const [key, v] of Object.entries((body.data ?? {}) as Record<string, { value: string }>)) {
          const limit = FIELD_LIMITS[key.replace(/\d+$/, '')];
          if (limit && [...String(v?.value ?? '')].length > limit) return reply({ errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` });
        }
        const grantKey = `${body.touser}|${body.template_id}`;
        const left = grants.get(grantKey) ?? 0;
        if (left <= 0) return reply({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        grants.set(grantKey, left - 1);
        messages.push(body);
        return reply({ errcode: 0, errmsg: 'ok', msgid: messages.length });
      }
      case '/__fake/expire-tokens':
        current = undefined;
        return reply({ ok: true });
      case '/__fake/token-ttl':
        tokenTtl = Number(body.seconds);
        return reply({ ok: true });
      case '/__fake/grants':
        grants.set(`${body.openid}|${body.templateId}`, Number(body.count));
        return reply({ ok: true });
      case '/__fake/messages':
        return reply({ messages });
      case '/__fake/calls':
        return reply({ calls });
      case '/__fake/outage':
        if (req.method === 'POST') for (const openid of (body.openids ?? []) as string[]) body.on ? down.add(openid) : down.delete(openid);
        return reply({ refused });
      case '/__fake/sec-checks':
        return reply({ secChecks });
      default:
        res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
