// Our WeChat client against the fake WeChat server on 127.0.0.1 (it answers like the real one, errors included).
import { startFakeWechat, type FakeWechat } from '../fakes/wechat-server';

type Client = typeof import('../../functions/wechat/wechat-client');
type Checks = typeof import('../../functions/content/content-check');

let fake: FakeWechat;
const APPID = 'wx-unit-appid';
// Secrets are read when first needed, from the environment the test run has (the local stage's).
const SECRET = process.env.WECHAT_APP_SECRET!;

/** A fresh module instance is a cold container: no cached token. */
function load(): { client: Client; checks: Checks } {
  const saved = { ...process.env };
  Object.assign(process.env, { WECHAT_API_BASE: fake.url, WECHAT_APPID: APPID, WECHAT_TIMEOUT_MS: '400', CONTENT_CHECKER: 'wechat' });
  try {
    let loaded: { client: Client; checks: Checks } | undefined;
    jest.isolateModules(() => {
      loaded = { client: require('../../functions/wechat/wechat-client'), checks: require('../../functions/content/content-check') };
    });
    return loaded!;
  } finally {
    process.env = saved;
  }
}

const post = (path: string, body: unknown = {}) =>
  fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
const calls = async (path: string): Promise<number> => ((await fetch(`${fake.url}/__fake/calls`).then((r) => r.json())) as { calls: Record<string, number> }).calls[path] ?? 0;

beforeAll(async () => {
  fake = await startFakeWechat({ appId: APPID, appSecret: SECRET });
});
afterAll(() => fake.close());
beforeEach(() => post('/__fake/token-ttl', { seconds: 7200 }));

describe('access token', () => {
  it('is fetched once and reused while it has time left', async () => {
    const { client } = load();
    const before = await calls('/cgi-bin/stable_token');
    const a = await client.accessToken();
    const b = await client.accessToken();
    expect(b).toBe(a);
    expect((await calls('/cgi-bin/stable_token')) - before).toBe(1);
  });

  it('is refreshed before it expires', async () => {
    // Prepare: WeChat hands out tokens with 4 minutes left, inside the 5-minute refresh margin
    await post('/__fake/expire-tokens');
    await post('/__fake/token-ttl', { seconds: 240 });
    const { client } = load();
    const before = await calls('/cgi-bin/stable_token');
    // Act
    await client.accessToken();
    await client.accessToken();
    // Assess
    expect((await calls('/cgi-bin/stable_token')) - before).toBe(2);
  });

  it('is refreshed and the call repeated after WeChat answers 40001', async () => {
    const { client } = load();
    await client.accessToken();
    await post('/__fake/expire-tokens'); // WeChat no longer accepts the cached token
    const before = await calls('/cgi-bin/stable_token');
    const result = await client.msgSecCheck('今天的主题党日很有收获', 'openid-1', 3);
    expect(result.suggest).toBe('pass');
    expect((await calls('/cgi-bin/stable_token')) - before).toBe(1);
  });
});

describe('content check (msgSecCheck v2)', () => {
  it.each([
    ['pass', '建议组织参观党史馆', 'pass'],
    ['review', '【复核】需要人工看一下', 'review'],
    ['risky', '【风险】违规内容', 'risky'],
    ['a timeout: kept for review, never published unchecked', '【超时】微信没有及时回答', 'review'],
    ['a WeChat error: kept for review', '【繁忙】系统繁忙', 'review'],
  ])('maps %s', async (_what, text, verdict) => {
    const { checks } = load();
    expect(await checks.contentChecker().check(text, 'idea', 'openid-1')).toBe(verdict);
  });

  it('keeps text without an author openid for review', async () => {
    const { checks } = load();
    expect(await checks.contentChecker().check('普通内容', 'idea', undefined)).toBe('review');
  });
});

describe('subscribe messages', () => {
  const message = (openid: string) => ({
    openid,
    templateId: 'tmpl-answer',
    page: 'pages/themeday/index',
    data: { thing1: '关于组织党员到余村两山会址重温入党誓词的创意', phrase2: '已采纳', time3: '2026年11月25日 09:00' },
  });

  it('spends a one-time grant, truncating fields to WeChat’s limits', async () => {
    const { client } = load();
    await post('/__fake/grants', { openid: 'sub-1', templateId: 'tmpl-answer', count: 1 });
    expect(await client.sendSubscribeMessage(message('sub-1'))).toBe('sent');
    const { messages } = (await fetch(`${fake.url}/__fake/messages`).then((r) => r.json())) as { messages: { touser: string; data: Record<string, { value: string }> }[] };
    const sent = messages.filter((m) => m.touser === 'sub-1').at(-1)!;
    expect([...sent.data.thing1.value].length).toBeLessThanOrEqual(20);
    expect(sent.data.thing1.value.endsWith('…')).toBe(true);
    expect(sent.data.phrase2.value).toBe('已采纳');
  });

  it('reports no grant (43101) instead of failing', async () => {
    const { client } = load();
    expect(await client.sendSubscribeMessage(message('sub-without-grant'))).toBe('no_grant');
  });

  it('fits each field type to its limit', () => {
    const { client } = load();
    expect(client.fitField('thing1', '一二三四五六七八九十一二三四五六七八九十')).toHaveLength(20);
    expect(client.fitField('thing1', '一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect(client.fitField('phrase2', '已经办结完毕了')).toBe('已经办结…');
    expect(client.fitField('unknown9', 'x'.repeat(100))).toHaveLength(100);
  });
});
