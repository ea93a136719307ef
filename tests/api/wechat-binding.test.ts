// Imported members reach their record: the roster says who is bound to WeChat; the secretary makes a personal binding
// invitation for an unbound member; redeeming it with an empty WeChat account binds that WeChat to the imported
// profile, and the app continues as it. Every refusal, the races, and erasure of a bound profile.
import { auditKeys } from '../../functions/audit/audit.entity';
import { invitationKeys } from '../../functions/invitations/invitation.entity';
import { userKeys } from '../../functions/users/user.entity';
import { closeDb, itemAt, partition, setAttributes } from './db';
import { call, expectError, freshUser } from './http';
import { xlsxBase64 } from './ledger-files';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

afterAll(closeDb);

let org: OwnTownship;
let admin: Person;
let secretary: Person;
/** The branch the import made, with its members. */
let branchId: string;
/** Imported members by name: profiles with no WeChat. */
const imported = new Map<string, string>();
const NAMES = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六', '庚七', '辛八'];

beforeAll(async () => {
  org = await ownTownship('bind', { villages: 2 });
  [admin] = await withGrant('township_admin', org.townshipId, 1);
  // Prepare: a village, its branch and its members imported through the real import, as a county onboards them
  const file = await xlsxBase64({
    组织: [['', '绑定村', '村（社区）', '村', ''], ['绑定村', '绑定村党支部', '党支部', '', '农村']],
    党员: NAMES.map((name, i) => ['绑定村/绑定村党支部', name, `1390000${String(1000 + i)}`, '2001-07-01', '正式']),
  });
  const job = await call('createImport', { token: admin.token, body: { orgId: org.townshipId, fileName: '导入.xlsx', contentBase64: file } });
  if (job.status !== 201) throw new Error(`import refused: ${JSON.stringify(job.body)}`);
  for (let state = job.body, guard = 0; state.status !== 'done'; guard++) {
    if (guard > 10) throw new Error(`import did not finish: ${JSON.stringify(state)}`);
    state = (await call('runImport', { token: admin.token, params: { jobId: job.body.id } })).body;
  }
  const children = async (parentId: string) => (await call('listOrgs', { query: { parentId, limit: '50' } })).body.items as { id: string; name: string }[];
  const village = (await children(org.townshipId)).find((o) => o.name === '绑定村')!;
  branchId = (await children(village.id)).find((o) => o.name === '绑定村党支部')!.id;
  [secretary] = await withGrant('secretary', branchId, 1);
  const roster = await call('listMembers', { token: secretary.token, params: { branchId }, query: { limit: 50 } });
  for (const m of roster.body.items as { userId: string; displayName: string }[]) if (NAMES.includes(m.displayName)) imported.set(m.displayName, m.userId);
  expect(imported.size).toBe(NAMES.length);
}, 180_000);

const bindingCode = async (userId: string, token = secretary.token) => {
  const res = await call('createInvitation', { token, body: { role: 'member', orgId: branchId, bindUserId: userId } });
  expect(res.status).toBe(201);
  return res.body.code as string;
};
const redeem = (token: string, code: string) => call('redeemInvitation', { token, params: { code } });

describe('binding an imported member to WeChat', () => {
  it('shows who is bound; a binding invitation moves an empty WeChat account onto the imported profile', async () => {
    // Prepare
    const memberId = imported.get('甲一')!;
    const before = await call('listMembers', { token: secretary.token, params: { branchId: branchId }, query: { limit: 50 } });
    const phone = await freshUser('bind-ok');
    // Act
    const made = await call('createInvitation', { token: secretary.token, body: { role: 'member', orgId: branchId, bindUserId: memberId } });
    const res = await redeem(phone.token, made.body.code);
    // Assess: the roster's binding state before
    const row = (id: string, r = before) => r.body.items.find((i: { userId: string }) => i.userId === id);
    expect(row(memberId)).toMatchObject({ displayName: '甲一', wechatBound: false, joinedPartyOn: '2001-07-01' });
    expect(row(secretary.userId)).toMatchObject({ wechatBound: true });
    // a one-use code naming the profile
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'member', orgId: branchId, maxUses: 1, bindUserId: memberId });
    // the caller is now the imported profile, with a new token; the old token and the temporary account are gone
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: memberId, displayName: '甲一', joinedPartyOn: '2001-07-01', grants: [{ role: 'member', orgId: branchId }], token: expect.any(String) });
    expect((await call('getMe', { token: res.body.token })).body.id).toBe(memberId);
    expectError(await call('getMe', { token: phone.token }), 401, 'UNAUTHENTICATED');
    const relogin = await call('loginDev', { body: { openid: phone.openid } });
    expect(relogin.body.user.id).toBe(memberId);
    // stored state: the identity points at the profile, which holds the openid; the empty account is removed
    expect(await itemAt(userKeys.identity(phone.openid))).toMatchObject({ userId: memberId });
    expect(await itemAt(userKeys.profile(memberId))).toMatchObject({ openid: phone.openid });
    expect(await itemAt(userKeys.profile(phone.userId))).toBeUndefined();
    expect(await itemAt(invitationKeys.invitation(made.body.code))).toMatchObject({ uses: 1, bindUserId: memberId });
    const after = await call('listMembers', { token: secretary.token, params: { branchId: branchId }, query: { limit: 50 } });
    expect(row(memberId, after)).toMatchObject({ wechatBound: true });
    // audited: the member bound their WeChat, the replaced account named
    const audit = (await partition(auditKeys.partition(branchId))).filter((i) => i.action === 'member.bind');
    expect(audit).toEqual([expect.objectContaining({ actorId: memberId, target: { kind: 'user', id: memberId }, after: { invitation: made.body.code, wechatBound: true, replacedAccount: phone.userId } })]);
  });

  it('refuses a WeChat account that holds grants or records, never merging; the profile stays unbound', async () => {
    // Prepare: a member of another branch, and a resident who raised a concern
    const memberId = imported.get('乙二')!;
    const code = await bindingCode(memberId);
    const [elsewhere] = await withGrant('member', org.villages[1]!.branchId, 1);
    const resident = await freshUser('bind-resident');
    const concern = await call('raiseConcern', { token: resident.token, body: { villageId: org.villageId, category: 'environment', title: '村口垃圾清运不及时', content: '村口垃圾桶已经满了三天，请尽快清运。' } });
    expect(concern.status).toBe(201);
    // Act
    const byMember = await redeem(elsewhere!.token, code);
    const byResident = await redeem(resident.token, code);
    // Assess
    expectError(byMember, 409, 'CONFLICT');
    expect(byMember.body.error.message).toContain('请联系支部书记');
    expectError(byResident, 409, 'CONFLICT');
    expect(byResident.body.error.message).toContain('说事或预约记录');
    expect((await itemAt(userKeys.profile(memberId)))?.openid).toBeUndefined();
    expect(await itemAt(invitationKeys.invitation(code))).toMatchObject({ uses: 0 });
    expect((await call('getMe', { token: resident.token })).body.id).toBe(resident.userId);
  });

  it('refuses bad binding invitations: a bound profile, someone not in the branch, another role, more uses, a member asking', async () => {
    const unbound = imported.get('丙三')!;
    const invite = (body: Record<string, unknown>, token = secretary.token) => call('createInvitation', { token, body: { role: 'member', orgId: branchId, ...body } });
    expectError(await invite({ bindUserId: secretary.userId }), 409, 'CONFLICT');
    expectError(await invite({ bindUserId: (await freshUser('bind-out')).userId }), 404, 'NOT_FOUND');
    expectError(await invite({ bindUserId: unbound, role: 'secretary' }, admin.token), 400, 'VALIDATION_FAILED');
    expectError(await invite({ bindUserId: unbound, maxUses: 2 }), 400, 'VALIDATION_FAILED');
    const [member] = await withGrant('member', branchId, 1);
    expectError(await invite({ bindUserId: unbound }, member!.token), 403, 'FORBIDDEN');
    expectError(await invite({ bindUserId: unbound, orgId: org.villages[1]!.branchId }), 403, 'FORBIDDEN');
  });

  it('says so when the binding code was revoked or has expired', async () => {
    const memberId = imported.get('丁四')!;
    const [revoked, expired] = [await bindingCode(memberId), await bindingCode(memberId)];
    expect((await call('revokeInvitation', { token: secretary.token, params: { code: revoked } })).status).toBe(200);
    await setAttributes(invitationKeys.invitation(expired).pk, invitationKeys.invitation(expired).sk, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    const phone = await freshUser('bind-late');
    const [r1, r2] = [await redeem(phone.token, revoked), await redeem(phone.token, expired)];
    expectError(r1, 409, 'INVALID_STATE');
    expect(r1.body.error.message).toContain('撤销');
    expectError(r2, 409, 'INVALID_STATE');
    expect(r2.body.error.message).toContain('过期');
    expect((await itemAt(userKeys.profile(memberId)))?.openid).toBeUndefined();
  });
});

describe('races', () => {
  it('binds once when eight phones redeem one code at once', async () => {
    // Prepare
    const memberId = imported.get('戊五')!;
    const code = await bindingCode(memberId);
    const phones = await Promise.all(Array.from({ length: 8 }, () => freshUser('bind-race')));
    // Act
    const results = await Promise.all(phones.map((p) => redeem(p.token, code)));
    // Assess: one binding, the others refused with a 409 and their accounts untouched
    const won = results.flatMap((r, i) => (r.status === 200 ? [phones[i]!] : []));
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expect(r.status).toBe(409);
    expect(await itemAt(userKeys.profile(memberId))).toMatchObject({ openid: won[0]!.openid });
    expect(await itemAt(invitationKeys.invitation(code))).toMatchObject({ uses: 1 });
    for (const p of phones.filter((x) => x !== won[0])) expect((await call('getMe', { token: p.token })).body.id).toBe(p.userId);
  });

  it('binds once when the same phone taps twice at once', async () => {
    const memberId = imported.get('己六')!;
    const code = await bindingCode(memberId);
    const phone = await freshUser('bind-twice');
    const results = await Promise.all([redeem(phone.token, code), redeem(phone.token, code)]);
    expect(results.map((r) => r.status)).toContain(200);
    for (const r of results) expect([200, 401]).toContain(r.status);
    expect(await itemAt(userKeys.profile(memberId))).toMatchObject({ openid: phone.openid });
    expect(await itemAt(userKeys.identity(phone.openid))).toMatchObject({ userId: memberId });
    expect(await itemAt(invitationKeys.invitation(code))).toMatchObject({ uses: 1 });
  });

  it('refuses a second binding of a profile through another code', async () => {
    const memberId = imported.get('庚七')!;
    const [first, second] = [await bindingCode(memberId), await bindingCode(memberId)];
    const [a, b] = [await freshUser('bind-a'), await freshUser('bind-b')];
    expect((await redeem(a.token, first)).status).toBe(200);
    const res = await redeem(b.token, second);
    expectError(res, 409, 'CONFLICT');
    expect(res.body.error.message).toContain('已绑定微信');
    expect(await itemAt(userKeys.profile(memberId))).toMatchObject({ openid: a.openid });
  });
});

describe('erasure of a bound profile', () => {
  it('erases it and releases the WeChat, which logs in afresh', async () => {
    // Prepare
    const memberId = imported.get('辛八')!;
    const phone = await freshUser('bind-erase');
    const bound = await redeem(phone.token, await bindingCode(memberId));
    expect(bound.status).toBe(200);
    // Act
    const res = await call('deleteMe', { token: bound.body.token });
    // Assess
    expect(res.status).toBe(204);
    expect(await itemAt(userKeys.profile(memberId))).toMatchObject({ displayName: '已注销用户', deletedAt: expect.any(String) });
    expect((await itemAt(userKeys.profile(memberId)))?.openid).toBeUndefined();
    expect(await itemAt(userKeys.identity(phone.openid))).toBeUndefined();
    const again = await call('loginDev', { body: { openid: phone.openid } });
    expect(again.status).toBe(200);
    expect(again.body.user.id).not.toBe(memberId);
  });
});
