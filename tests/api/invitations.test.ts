import { call, expectError, freshUser, login } from './http';
import { invitationKeys } from '../../functions/invitations/invitation.entity';
import { DAY_MS } from '@shared/time';
import { auditKeys } from '../../functions/audit/audit.entity';
import { closeDb, itemAt, partition, setAttributes } from './db';
import { ownTownship } from './own-orgs';
import { withGrant } from './people';

afterAll(closeDb);

describe('POST /v1/invitations', () => {
  it('lets a secretary invite members of their own branch', async () => {
    const token = await login('demo-secretary-1');
    const res = await call('createInvitation', { token, body: { role: 'member', orgId: 'yucun-dzb', maxUses: 5 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{8}$/), role: 'member', orgId: 'yucun-dzb', maxUses: 5 });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it.each([
    ['a secretary, for another branch', 'demo-secretary-1', { role: 'member', orgId: 'daxi-dzb' }],
    ['a secretary, for a secretary', 'demo-secretary-1', { role: 'secretary', orgId: 'yucun-dzb' }],
    ['a member', 'demo-member-2', { role: 'member', orgId: 'yucun-dzb' }],
    ['a resident', 'demo-resident-1', { role: 'member', orgId: 'yucun-dzb' }],
    ['a township admin, outside the township', 'demo-township-1', { role: 'member', orgId: 'huangdu-dzb' }],
    ['a township admin, for an official of another township', 'demo-township-1', { role: 'official', orgId: 'st-xilong' }],
    ['a township admin, for a township admin of another township', 'demo-township-1', { role: 'township_admin', orgId: 'xilong' }],
  ])('refuses %s with 403', async (_who, openid, body) => {
    const res = await call('createInvitation', { token: await login(openid), body });
    expectError(res, 403, 'FORBIDDEN');
  });

  it.each([
    ['a township admin invites a secretary in the township', 'demo-township-1', { role: 'secretary', orgId: 'daxi-dzb' }],
    ['a township admin invites an official to a station in the township', 'demo-township-1', { role: 'official', orgId: 'st-yucun' }],
    ['an admin invites a township admin', 'demo-admin', { role: 'township_admin', orgId: 'xilong' }],
    ['a township admin invites township staff to their own township', 'demo-township-1', { role: 'township_admin', orgId: 'tianhuangping' }],
  ])('allows %s', async (_what, openid, body) => {
    const res = await call('createInvitation', { token: await login(openid), body });
    expect(res.status).toBe(201);
  });

  it.each([
    ['a member role on a village', { role: 'member', orgId: 'yucun' }],
    ['an official role on a branch', { role: 'official', orgId: 'yucun-dzb' }],
    ['an org that does not exist', { role: 'member', orgId: 'nowhere-dzb' }],
    ['an expiry in the past', { role: 'member', orgId: 'yucun-dzb', expiresAt: '2020-01-01T00:00:00+08:00' }],
    ['an expiry without a time zone', { role: 'member', orgId: 'yucun-dzb', expiresAt: '2030-01-01T00:00:00' }],
    ['zero uses', { role: 'member', orgId: 'yucun-dzb', maxUses: 0 }],
  ])('answers 400 to %s', async (_what, body) => {
    const res = await call('createInvitation', { token: await login('demo-admin'), body });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('replays a retried create with the same Idempotency-Key instead of making a second code', async () => {
    // Prepare
    const token = await login('demo-secretary-1');
    const headers = { 'idempotency-key': `invite-${Date.now()}` };
    const body = { role: 'member', orgId: 'yucun-dzb', maxUses: 2 };
    // Act
    const first = await call('createInvitation', { token, body, headers });
    const retry = await call('createInvitation', { token, body, headers });
    const changed = await call('createInvitation', { token, body: { ...body, maxUses: 3 }, headers });
    const other = await call('createInvitation', { token: await login('demo-township-1'), body, headers });
    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('content-type')).toContain('application/json');
    expectError(changed, 409, 'IDEMPOTENCY_MISMATCH');
    expect(other.status).toBe(201); // keys are per user
    expect(other.body.code).not.toBe(first.body.code);
  });

  it('makes a new code for each create without a key', async () => {
    const token = await login('demo-secretary-1');
    const body = { role: 'member', orgId: 'yucun-dzb' };
    const [a, b] = await Promise.all([call('createInvitation', { token, body }), call('createInvitation', { token, body })]);
    expect(a.body.code).not.toBe(b.body.code);
  });
});

async function invite(body: Record<string, unknown>, openid = 'demo-secretary-1'): Promise<string> {
  const res = await call('createInvitation', { token: await login(openid), body });
  expect(res.status).toBe(201);
  return res.body.code;
}

describe('POST /v1/invitations/{code}/redeem', () => {

  it('gives the redeemer the grant and their party-joining date', async () => {
    const code = await invite({ role: 'member', orgId: 'yucun-dzb' });
    const { token } = await freshUser('joiner');
    const res = await call('redeemInvitation', { token, params: { code }, body: { joinedPartyOn: '2010-07-01' } });
    expect(res.status).toBe(200);
    expect(res.body.grants).toEqual([{ role: 'member', orgId: 'yucun-dzb' }]);
    expect(res.body.joinedPartyOn).toBe('2010-07-01');
  });

  it('is harmless to repeat: a second redeem by the same user keeps the grant and spends no use', async () => {
    const code = await invite({ role: 'member', orgId: 'yucun-dzb', maxUses: 2 });
    const { token } = await freshUser('twice');
    await call('redeemInvitation', { token, params: { code } });
    const again = await call('redeemInvitation', { token, params: { code } });
    expect(again.status).toBe(200);
    expect(again.body.grants).toHaveLength(1);
    expect((await itemAt(invitationKeys.invitation(code)))?.uses).toBe(1);
  });

  it('never hands out more grants than maxUses, however many redeem at once', async () => {
    // Prepare
    const code = await invite({ role: 'member', orgId: 'yucun-dzb', maxUses: 3 });
    const users = await Promise.all(Array.from({ length: 12 }, () => freshUser('rush')));
    // Act
    const results = await Promise.all(users.map((u) => call('redeemInvitation', { token: u.token, params: { code } })));
    // Assess
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    for (const r of results.filter((x) => x.status !== 200)) expectError(r, 409, 'CONFLICT');
    expect((await itemAt(invitationKeys.invitation(code)))?.uses).toBe(3);
  });

  it('answers 404 to an unknown code and 409 INVALID_STATE to an expired one', async () => {
    const { token } = await freshUser('late');
    expectError(await call('redeemInvitation', { token, params: { code: 'ZZZZZZZZ' } }), 404, 'NOT_FOUND');
    const code = await invite({ role: 'member', orgId: 'yucun-dzb', expiresAt: new Date(Date.now() + DAY_MS).toISOString() });
    // The expiry passes, written as time would leave it (no waiting on the clock).
    const { pk, sk } = invitationKeys.invitation(code);
    await setAttributes(pk, sk, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expectError(await call('redeemInvitation', { token, params: { code } }), 409, 'INVALID_STATE');
    expect((await call('getMe', { token })).body.grants).toEqual([]);
  });

  it('answers 400 to a malformed code', async () => {
    const { token } = await freshUser('typo');
    expectError(await call('redeemInvitation', { token, params: { code: 'abc$' } }), 400, 'VALIDATION_FAILED');
  });
});

describe('invitations listed per org and revoked', () => {
  it("lists an org's codes with their uses, to those who may make them: a secretary sees only member codes", async () => {
    // Prepare: an own branch with a secretary, who makes a member code; the admin makes a secretary code there
    const org = await ownTownship('invlist');
    const [secretary] = await withGrant('secretary', org.branchId, 1);
    const memberCode = (await call('createInvitation', { token: secretary!.token, body: { role: 'member', orgId: org.branchId, maxUses: 3 } })).body.code;
    const secretaryCode = (await call('createInvitation', { token: await login('demo-admin'), body: { role: 'secretary', orgId: org.branchId } })).body.code;
    await call('redeemInvitation', { token: (await freshUser('listed')).token, params: { code: memberCode } });
    // Act
    const bySecretary = await call('listInvitations', { token: secretary!.token, params: { orgId: org.branchId } });
    const byAdmin = await call('listInvitations', { token: await login('demo-admin'), params: { orgId: org.branchId } });
    // Assess
    expect(bySecretary.status).toBe(200);
    expect(bySecretary.body.items).toEqual([expect.objectContaining({ code: memberCode, role: 'member', maxUses: 3, uses: 1 })]);
    expect(byAdmin.body.items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining([memberCode, secretaryCode]));
    expectError(await call('listInvitations', { token: await login('demo-member-2'), params: { orgId: 'yucun-dzb' } }), 403, 'FORBIDDEN');
    const audit = await partition(auditKeys.partition(org.branchId));
    expect(audit.filter((i) => i.action === 'invitation.create').map((i) => (i.target as { id: string }).id)).toEqual(expect.arrayContaining([memberCode, secretaryCode]));
  });

  it('gives a revoked code a clear message, and refuses revoking to those who may not invite', async () => {
    // Prepare
    const code = await invite({ role: 'member', orgId: 'yucun-dzb', maxUses: 5 });
    expectError(await call('revokeInvitation', { token: await login('demo-member-2'), params: { code } }), 403, 'FORBIDDEN');
    expectError(await call('revokeInvitation', { token: await login('demo-secretary-1'), params: { code: 'ZZZZZZZZ' } }), 404, 'NOT_FOUND');
    // Act
    const revoked = await call('revokeInvitation', { token: await login('demo-secretary-1'), params: { code } });
    const again = await call('revokeInvitation', { token: await login('demo-secretary-1'), params: { code } });
    const { token } = await freshUser('too-late');
    const redeemed = await call('redeemInvitation', { token, params: { code } });
    // Assess
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expectError(redeemed, 409, 'INVALID_STATE');
    expect(redeemed.body.error.message).toContain('已被撤销');
    expect((await call('getMe', { token })).body.grants).toEqual([]);
    expect((await itemAt(invitationKeys.invitation(code)))?.uses).toBe(0);
    const audit = await partition(auditKeys.partition('yucun-dzb'));
    expect(audit.filter((i) => i.action === 'invitation.revoke').map((i) => (i.target as { id: string }).id)).toContain(code);
  });

  it('says which: expired, used up', async () => {
    const expired = await invite({ role: 'member', orgId: 'yucun-dzb' });
    const { pk, sk } = invitationKeys.invitation(expired);
    await setAttributes(pk, sk, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    const usedUp = await invite({ role: 'member', orgId: 'yucun-dzb', maxUses: 1 });
    await call('redeemInvitation', { token: (await freshUser('first')).token, params: { code: usedUp } });
    const { token } = await freshUser('second');
    const late = await call('redeemInvitation', { token, params: { code: expired } });
    const full = await call('redeemInvitation', { token, params: { code: usedUp } });
    expectError(late, 409, 'INVALID_STATE');
    expect(late.body.error.message).toContain('已过期');
    expectError(full, 409, 'CONFLICT');
    expect(full.body.error.message).toContain('已被用完');
  });

  it('records the grant a redeemed code gives in the audit log, with the redeemer as actor', async () => {
    const org = await ownTownship('invaudit');
    const [person] = await withGrant('member', org.branchId, 1);
    const audit = await partition(auditKeys.partition(org.branchId));
    expect(audit.filter((i) => i.action === 'grant.add').map((i) => ({ actorId: i.actorId, target: i.target }))).toEqual([{ actorId: person!.userId, target: { kind: 'user', id: person!.userId } }]);
  });
});
