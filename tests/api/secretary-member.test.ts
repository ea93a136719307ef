// A 支部书记 is a member of their branch: a secretary grant brings the member grant with it, so the secretary is on the
// roster, expected at the branch's theme days, in its dues and birthdays, each exactly once.
import { shanghaiMonth } from '@shared/time';
import { userKeys } from '../../functions/users/user.entity';
import { ok, runDay } from './closed-days';
import { migrateImpliedGrants } from '../../scripts/migrations/implied-grants';
import { grantItem } from '../../functions/users/user.entity';
import { closeDb, itemAt, putRaw } from './db';
import { call, expectError, freshUser } from './http';
import type { OwnTownship } from './own-orgs';
import { staffedTownship, withGrant, type Person } from './people';

afterAll(closeDb);

// A township of its own: its admin, the secretary of its first branch and three members there.
let org: OwnTownship, admin: Person, secretary: Person, members: Person[];
beforeAll(async () => {
  ({ org, admin, secretary, members } = await staffedTownship('secm', { villages: 2 }));
}, 120_000);

const rosterIds = async (branchId = org.branchId) =>
  ((await call('listMembers', { token: admin.token, params: { branchId }, query: { limit: 50 } })).body.items as { userId: string }[]).map((m) => m.userId);

describe('a secretary is a member of their branch', () => {
  it('redeeming a secretary invitation makes them a member too: on the roster once', async () => {
    // Assess
    expect((await call('getMe', { token: secretary.token })).body.grants).toEqual(
      expect.arrayContaining([{ role: 'secretary', orgId: org.branchId }, { role: 'member', orgId: org.branchId }]),
    );
    const ids = await rosterIds();
    expect(ids.filter((id) => id === secretary.userId)).toHaveLength(1);
    expect(ids).toHaveLength(4);
  });

  it('a member made secretary keeps their member grant and its date; revoking the secretary keeps the member', async () => {
    // Prepare
    const member = members[0]!;
    const joined = await itemAt(userKeys.grant(member.userId, { role: 'member', orgId: org.branchId }));
    // Act
    const granted = await call('addGrant', { token: admin.token, params: { orgId: org.branchId }, body: { userId: member.userId, role: 'secretary' } });
    const revokeMember = await call('revokeGrant', { token: admin.token, params: { orgId: org.branchId, role: 'member', userId: member.userId } });
    const revokeSecretary = await call('revokeGrant', { token: admin.token, params: { orgId: org.branchId, role: 'secretary', userId: member.userId }, query: { confirm: 'true' } });
    // Assess
    expect(granted.status).toBe(200);
    expectError(revokeMember, 409, 'CONFLICT');
    expect(revokeMember.body.error.message).toContain('书记');
    expect(revokeSecretary.status).toBe(204);
    expect(await itemAt(userKeys.grant(member.userId, { role: 'member', orgId: org.branchId }))).toMatchObject({ createdAt: joined!.createdAt });
    expect(await itemAt(userKeys.grant(member.userId, { role: 'secretary', orgId: org.branchId }))).toBeUndefined();
    expect((await rosterIds()).filter((id) => id === member.userId)).toHaveLength(1);
  });

  it('granting a resident the secretary role adds the member grant', async () => {
    // Prepare: someone of no branch yet, a member of another branch by invitation first
    const [other] = await withGrant('member', org.villages[1]!.branchId, 1);
    // Act
    const res = await call('addGrant', { token: admin.token, params: { orgId: org.villages[1]!.branchId }, body: { userId: other!.userId, role: 'secretary' } });
    const [fresh] = await withGrant('secretary', org.villages[1]!.branchId, 1);
    // Assess
    expect(res.status).toBe(200);
    const ids = await rosterIds(org.villages[1]!.branchId);
    expect(ids.filter((id) => id === other!.userId)).toHaveLength(1);
    expect(ids.filter((id) => id === fresh!.userId)).toHaveLength(1);
    expect(await itemAt(userKeys.grant(fresh!.userId, { role: 'member', orgId: org.villages[1]!.branchId }))).toMatchObject({ gsi1pk: userKeys.orgGrants(org.villages[1]!.branchId) });
  });

  it('counts the secretary once among the expected at a theme day, in dues and in political birthdays', async () => {
    // Prepare: the secretary's 入党日期 in this month
    const month = shanghaiMonth();
    const joined = `1999-${month.slice(5)}-01`;
    expect((await call('updateMember', { token: secretary.token, params: { branchId: org.branchId, userId: secretary.userId }, body: { joinedPartyOn: joined } })).status).toBe(200);
    const expected = (await rosterIds()).length;
    // Act
    const dayId = await runDay(secretary, org.branchId, (id, code) => ok(call('checkIn', { token: secretary.token, params: { id }, body: { code } })));
    const day = await call('getThemeDay', { token: secretary.token, params: { id: dayId } });
    const dues = await call('duesRegister', { token: secretary.token, params: { branchId: org.branchId }, query: { month } });
    const birthdays = await call('politicalBirthdays', { token: secretary.token, params: { branchId: org.branchId }, query: { month } });
    // Assess
    expect(expected).toBe(4);
    expect(day.body.stats).toMatchObject({ expected, present: 1 });
    expect(dues.body.expected).toBe(expected);
    expect(dues.body.items.filter((e: { userId: string }) => e.userId === secretary.userId)).toHaveLength(1);
    expect(birthdays.body.items.filter((b: { userId: string }) => b.userId === secretary.userId)).toHaveLength(1);
  });

  it('a secretary who leaves the branch loses both grants', async () => {
    const [leaving] = await withGrant('secretary', org.villages[1]!.branchId, 1);
    const res = await call('leaveBranch', { token: admin.token, params: { branchId: org.villages[1]!.branchId, userId: leaving!.userId } });
    expect(res.status).toBe(204);
    expect((await call('getMe', { token: leaving!.token })).body.grants).toEqual([]);
  });

  it('the migration gives a secretary written before the rule their member grant, once', async () => {
    // Prepare: a secretary grant alone, as the invitation flow wrote it before
    const old = await freshUser('secm-old');
    const branchId = org.villages[1]!.branchId;
    await putRaw(grantItem(old.userId, { role: 'secretary', orgId: branchId }, '2026-01-05T00:00:00.000Z'));
    // Act
    const first = await migrateImpliedGrants();
    const second = await migrateImpliedGrants();
    // Assess: the member grant dated as the secretary's, on the roster once; the second run added nothing of ours
    expect(first.added).toBeGreaterThanOrEqual(1);
    expect(await itemAt(userKeys.grant(old.userId, { role: 'member', orgId: branchId }))).toMatchObject({ createdAt: '2026-01-05T00:00:00.000Z', gsi1pk: userKeys.orgGrants(branchId) });
    expect(second.implying).toBeGreaterThanOrEqual(first.implying);
    expect((await rosterIds(branchId)).filter((id) => id === old.userId)).toHaveLength(1);
  });
});
