// WeChat login against the fake WeChat server: one openid logging in twice (two wx.login codes) is one account, and a
// WeChat that does not answer in time is a clear 503, not a hung request. The guard of the test client is checked here.
import { userKeys } from '../../functions/users/user.entity';
import { closeDb, itemAt } from './db';
import { call, crashGuard, expectError } from './http';

afterAll(closeDb);

describe('POST /v1/auth/wechat', () => {
  it('logs the same WeChat user into the same account with each new code', async () => {
    // Prepare: two codes of one user, as two wx.login calls give
    const openid = `wx-twice-${Date.now().toString(36)}`;
    // Act
    const first = await call('loginWechat', { body: { code: `ok-${openid}.first` } });
    const second = await call('loginWechat', { body: { code: `ok-${openid}.second` } });
    // Assess
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(second.body.token).toEqual(expect.any(String));
    expect((await call('getMe', { token: second.body.token })).body.id).toBe(first.body.user.id);
    expect(await itemAt(userKeys.identity(openid))).toMatchObject({ userId: first.body.user.id });
  });

  it('refuses a code used once already, and keeps the account', async () => {
    const openid = `wx-reuse-${Date.now().toString(36)}`;
    const first = await call('loginWechat', { body: { code: `ok-${openid}.once` } });
    const reused = await call('loginWechat', { body: { code: `ok-${openid}.once` } });
    expect(first.status).toBe(200);
    expectError(reused, 400, 'VALIDATION_FAILED');
    expect(await itemAt(userKeys.identity(openid))).toMatchObject({ userId: first.body.user.id });
  });

  it('answers 503 with Retry-After when WeChat does not answer in time', async () => {
    // Act: the fake holds `slow` for 10 s; our client gives up after its timeout (5 s)
    const started = Date.now();
    const res = await call('loginWechat', { body: { code: 'slow' } });
    // Assess
    expectError(res, 503, 'UNAVAILABLE');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('the test client', () => {
  it('fails an answer that carries errorType, as serverless-offline sends for a crash or a Lambda timeout', () => {
    expect(() => crashGuard('GET', '/v1/x', 200, { errorMessage: 'boom', errorType: 'TypeError' })).toThrow(/crashed \(HTTP 200, TypeError\): boom/);
    expect(() => crashGuard('GET', '/v1/x', 200, { status: 'ok' })).not.toThrow();
  });
});
