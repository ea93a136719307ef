// Conventions every route of the contract must keep, checked route by route from the shared table: 401 without a
// token, 400 for malformed JSON / wrong types / unknown fields, 413 for oversized bodies. A new route without a
// sample here fails type-checking, so none is left out.
import { routes, type RouteName } from '@shared/routes';
import { call, expectError, login } from './http';

interface Sample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** A persona allowed to call the route, for the checks that need it to succeed. */
  as?: string;
}

const samples: Record<RouteName, Sample> = {
  health: {},
  loginWechat: { body: { code: 'ok-contract' } },
  loginDev: { body: { openid: 'contract-user' } },
  getMe: {},
  updateMe: { body: { displayName: '测试' } },
  deleteMe: {},
  createInvitation: { body: { role: 'member', orgId: 'yucun-dzb' }, as: 'demo-secretary-1' },
  redeemInvitation: { params: { code: 'ABCDEFGH' }, body: { joinedPartyOn: '2001-07-01' } },
  listOrgs: {},
  getOrg: { params: { orgId: 'anji' } },
  listStations: { query: { orgId: 'yucun' } },
};

const names = Object.keys(routes) as RouteName[];
const userRoutes = names.filter((n) => routes[n].auth === 'user');
const bodyRoutes = names.filter((n) => samples[n].body !== undefined);

let token: string;
beforeAll(async () => {
  token = await login('contract-user');
});

describe.each(userRoutes)('%s without a valid token', (name) => {
  it('answers 401 with no token', async () => {
    const res = await call(name, samples[name]);
    expectError(res, 401, 'UNAUTHENTICATED');
  });

  it('answers 401 with a forged token', async () => {
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await call(name, { ...samples[name], token: forged });
    expectError(res, 401, 'UNAUTHENTICATED');
  });
});

describe.each(bodyRoutes)('%s body validation', (name) => {
  const sample = samples[name];

  it('answers 400 VALIDATION_FAILED to malformed JSON', async () => {
    const res = await call(name, { ...sample, token, rawBody: '{"title": "未闭合' });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('answers 400 with details to a field of the wrong type', async () => {
    const [field] = Object.keys(sample.body!);
    const res = await call(name, { ...sample, token, body: { ...sample.body, [field]: { wrong: ['type'] } } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });

  it('answers 400 to a body that is not an object', async () => {
    const res = await call(name, { ...sample, token, rawBody: '[1,2,3]' });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('answers 400 naming an unknown field, which is never stored', async () => {
    const res = await call(name, { ...sample, token, body: { ...sample.body, isAdmin: true } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([{ path: 'isAdmin', message: '不支持的字段' }]));
  });

  it('answers 413 to a body over 64 KiB', async () => {
    const res = await call(name, { ...sample, token, body: { ...sample.body, padding: 'x'.repeat(65 * 1024) } });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });
});

const idempotentRoutes = names.filter((n) => routes[n].idempotent);

describe.each(idempotentRoutes)('%s with Idempotency-Key', (name) => {
  it('replays a retry with the same key and body, and refuses the key with another body', async () => {
    // Prepare
    const sample = samples[name];
    const caller = await login(sample.as ?? 'contract-user');
    const headers = { 'idempotency-key': `contract-${name}-${Date.now()}` };
    // Act
    const first = await call(name, { ...sample, token: caller, headers });
    const retry = await call(name, { ...sample, token: caller, headers });
    const changed = await call(name, { ...sample, token: caller, headers, body: { ...sample.body, [Object.keys(sample.body!)[0]]: 'changed' } });
    // Assess
    expect(first.status).toBe(routes[name].status);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
    expectError(changed, 409, 'IDEMPOTENCY_MISMATCH');
  });
});
