import { call, expectError } from './http';

describe('POST /v1/auth/wechat', () => {
  it('exchanges a wx.login code for our own token; session_key never leaves the server', async () => {
    // Prepare
    const openid = `wx-${Date.now().toString(36)}`;
    // Act
    const res = await call('loginWechat', { body: { code: `ok-${openid}` } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ id: expect.any(String), grants: [] });
    expect(JSON.stringify(res.body)).not.toMatch(/session_key|sessionKey|fake-session-key/);
    const me = await call('getMe', { token: res.body.token });
    expect(me.body.id).toBe(res.body.user.id);
  });

  // One openid logging in twice, and a code used twice, are checked in wechat-login.test.ts.
  it('gives a different WeChat user a different account', async () => {
    const openid = `wx-other-${Date.now().toString(36)}`;
    const first = await call('loginWechat', { body: { code: `ok-${openid}` } });
    const other = await call('loginWechat', { body: { code: `ok-${openid}-x` } });
    expect([first.status, other.status]).toEqual([200, 200]);
    expect(other.body.user.id).not.toBe(first.body.user.id);
  });

  it('creates exactly one account when first logins race', async () => {
    const openid = `race-${Date.now().toString(36)}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => call('loginDev', { body: { openid } })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
  });

  it.each([
    ['an invalid code (40029)', 'nonsense', 400, 'VALIDATION_FAILED'],
    ['WeChat rate limiting (45011)', 'ratelimited', 429, 'RATE_LIMITED'],
    ['WeChat being busy (-1)', 'busy', 503, 'UNAVAILABLE'],
  ])('maps %s to a clear error', async (_what, code, status, errorCode) => {
    const res = await call('loginWechat', { body: { code } });
    expectError(res, status, errorCode);
    if (status === 429 || status === 503) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 400 without a code', async () => {
    const res = await call('loginWechat', { body: {} });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'code' })]);
  });
});

describe('POST /v1/auth/dev (local stage)', () => {
  it('logs in as a seeded persona with its grants', async () => {
    const res = await call('loginDev', { body: { openid: 'demo-secretary-1' } });
    expect(res.status).toBe(200);
    expect(res.body.user.grants).toEqual(
      expect.arrayContaining([
        { role: 'secretary', orgId: 'yucun-dzb' },
        { role: 'member', orgId: 'yucun-dzb' },
      ]),
    );
  });

  it('makes any other openid a new resident with no grants', async () => {
    const res = await call('loginDev', { body: { openid: `newcomer-${Date.now()}`, displayName: '新居民' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ displayName: '新居民', grants: [] });
  });
});

describe('GET /v1/health', () => {
  it('reports the API and the database up', async () => {
    const res = await call('health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });
});
