// The roster for secretaries: masked phone, 入党日期, 正式/预备 and the date each member joined the branch. Setting
// 入党日期 puts real members among the political birthdays.
import { auditKeys } from '../../functions/audit/audit.entity';
import { userKeys } from '../../functions/users/user.entity';
import { addDays, shanghaiDate, shanghaiMonth } from '@shared/time';
import { closeDb, itemAt, partition } from './db';
import { call, expectError, freshUser } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

afterAll(closeDb);

let org: OwnTownship;
let secretary: Person;
let members: Person[];
beforeAll(async () => {
  org = await ownTownship('roster', { villages: 2 });
  [[secretary], members] = await Promise.all([withGrant('secretary', org.branchId, 1), withGrant('member', org.branchId, 3)]);
}, 120_000);

describe('GET /v1/branches/{branchId}/members', () => {
  it('lists each member with masked phone, 入党日期, status and the date they joined the branch', async () => {
    // Prepare: one member gave a phone number and a party-joining date
    const before = Date.now();
    const [m] = await withGrant('member', org.branchId, 1);
    await call('updateMe', { token: m!.token, body: { phone: '13812345678', joinedPartyOn: '2005-07-01' } });
    // Act
    const res = await call('listMembers', { token: secretary.token, params: { branchId: org.branchId } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5); // the secretary is a member too
    const row = res.body.items.find((i: { userId: string }) => i.userId === m!.userId);
    expect(row).toEqual({ userId: m!.userId, displayName: expect.any(String), phoneMasked: '138****5678', joinedPartyOn: '2005-07-01', joinedBranchAt: expect.any(String), wechatBound: true });
    expect(Date.parse(row.joinedBranchAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
  });

  it('is for the secretary and staff only', async () => {
    expectError(await call('listMembers', { token: members[0]!.token, params: { branchId: org.branchId } }), 403, 'FORBIDDEN');
    expectError(await call('listMembers', { token: secretary.token, params: { branchId: org.villages[1]!.branchId } }), 403, 'FORBIDDEN');
    expectError(await call('listMembers', { token: secretary.token, params: { branchId: org.villageId } }), 404, 'NOT_FOUND');
  });
});

describe('PATCH /v1/branches/{branchId}/members/{userId}', () => {
  it('sets 入党日期 and status, audited, and the member appears among the political birthdays', async () => {
    // Prepare: a date in this month, years ago
    const member = members[0]!;
    const joined = `2001-${shanghaiMonth().slice(5)}-01`;
    // Act
    const res = await call('updateMember', { token: secretary.token, params: { branchId: org.branchId, userId: member.userId }, body: { joinedPartyOn: joined, partyStatus: 'probationary' } });
    const corrected = await call('updateMember', { token: secretary.token, params: { branchId: org.branchId, userId: member.userId }, body: { partyStatus: 'full' } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: member.userId, joinedPartyOn: joined, partyStatus: 'probationary' });
    expect(corrected.body).toMatchObject({ joinedPartyOn: joined, partyStatus: 'full' });
    expect(await itemAt(userKeys.profile(member.userId))).toMatchObject({ joinedPartyOn: joined, partyStatus: 'full', gsi3pk: userKeys.birthdays(joined.slice(5)) });
    const birthdays = await call('politicalBirthdays', { token: members[1]!.token, params: { branchId: org.branchId }, query: { month: shanghaiMonth() } });
    expect(birthdays.body.items).toEqual([expect.objectContaining({ userId: member.userId, joinedPartyOn: joined })]);
    const audit = (await partition(auditKeys.partition(org.branchId))).filter((i) => i.action === 'member.update');
    expect(audit.map((i) => ({ target: i.target, actorId: i.actorId, before: i.before, after: i.after }))).toEqual(
      expect.arrayContaining([
        { target: { kind: 'user', id: member.userId }, actorId: secretary.userId, before: { joinedPartyOn: null, partyStatus: null }, after: { joinedPartyOn: joined, partyStatus: 'probationary' } },
        { target: { kind: 'user', id: member.userId }, actorId: secretary.userId, before: { joinedPartyOn: joined, partyStatus: 'probationary' }, after: { joinedPartyOn: joined, partyStatus: 'full' } },
      ]),
    );
  });

  it('answers 400 to a date in the future or an empty change, 404 to someone not in the branch, 403 to a member', async () => {
    const params = { branchId: org.branchId, userId: members[2]!.userId };
    expectError(await call('updateMember', { token: secretary.token, params, body: { joinedPartyOn: addDays(shanghaiDate(), 1) } }), 400, 'VALIDATION_FAILED');
    expectError(await call('updateMember', { token: secretary.token, params, body: {} }), 400, 'VALIDATION_FAILED');
    expectError(await call('updateMember', { token: secretary.token, params, body: { partyStatus: 'honorary' } }), 400, 'VALIDATION_FAILED');
    const outsider = await freshUser('outsider');
    expectError(await call('updateMember', { token: secretary.token, params: { ...params, userId: outsider.userId }, body: { partyStatus: 'full' } }), 404, 'NOT_FOUND');
    expectError(await call('updateMember', { token: members[1]!.token, params, body: { partyStatus: 'full' } }), 403, 'FORBIDDEN');
    expect((await itemAt(userKeys.profile(members[2]!.userId)))?.partyStatus).toBeUndefined();
  });
});
