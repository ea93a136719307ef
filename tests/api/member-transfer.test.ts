// 组织关系转接 and leaving. The sending branch asks, the receiving secretary or staff over it accepts or declines;
// a member who leaves keeps their history and is no longer expected at theme days from the next day on.
import { auditKeys } from '../../functions/audit/audit.entity';
import { userKeys } from '../../functions/users/user.entity';
import { closeDb, itemAt, partition, setAttributes } from './db';
import { call, expectError, freshUser } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

afterAll(closeDb);

let org: OwnTownship;
let admin: Person;
let from: Person;
let to: Person;
let members: Person[];
beforeAll(async () => {
  org = await ownTownship('transfer', { villages: 2 });
  [[admin], [from], [to], members] = await Promise.all([
    withGrant('township_admin', org.townshipId, 1),
    withGrant('secretary', org.branchId, 1),
    withGrant('secretary', org.villages[1]!.branchId, 1),
    withGrant('member', org.branchId, 6),
  ]);
}, 120_000);

const toBranchId = () => org.villages[1]!.branchId;
const rosterIds = async (branchId: string, token = admin.token) =>
  (await call('listMembers', { token, params: { branchId } })).body.items.map((m: { userId: string }) => m.userId);
const ask = (member: Person) => call('requestTransfer', { token: from.token, params: { branchId: org.branchId, userId: member.userId }, body: { toBranchId: toBranchId(), note: '工作调动' } });

describe('moving a member to another branch', () => {
  it('is asked by the sending branch and accepted by the receiving secretary, in one move', async () => {
    // Prepare
    const member = members[0]!;
    const asked = await ask(member);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ userId: member.userId, fromBranchId: org.branchId, toBranchId: toBranchId(), status: 'pending', note: '工作调动' });
    expect((await call('listTransfers', { token: from.token, params: { branchId: org.branchId } })).body.outgoing).toEqual([expect.objectContaining({ id: asked.body.id })]);
    expect((await call('listTransfers', { token: to.token, params: { branchId: toBranchId() } })).body.incoming).toEqual([expect.objectContaining({ id: asked.body.id })]);
    expect(await rosterIds(org.branchId)).toContain(member.userId); // nothing moves before the decision
    // Act: the sending secretary cannot accept for the other branch; the receiving one does
    expectError(await call('decideTransfer', { token: from.token, params: { transferId: asked.body.id }, body: { decision: 'accept' } }), 403, 'FORBIDDEN');
    const accepted = await call('decideTransfer', { token: to.token, params: { transferId: asked.body.id }, body: { decision: 'accept' } });
    // Assess
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedBy: to.userId });
    expect((await call('getMe', { token: member.token })).body.grants).toEqual([{ role: 'member', orgId: toBranchId() }]);
    expect(await rosterIds(org.branchId)).not.toContain(member.userId);
    expect(await rosterIds(toBranchId())).toContain(member.userId);
    expect((await call('listTransfers', { token: to.token, params: { branchId: toBranchId() } })).body.incoming).toEqual([]);
    const actions = async (orgId: string) => (await partition(auditKeys.partition(orgId))).filter((i) => (i.target as { id: string }).id === member.userId).map((i) => i.action);
    expect(await actions(org.branchId)).toContain('member.transfer.request');
    expect(await actions(toBranchId())).toContain('member.transfer.accept');
    // The decision is final
    expectError(await call('decideTransfer', { token: to.token, params: { transferId: asked.body.id }, body: { decision: 'decline' } }), 409, 'INVALID_STATE');
  });

  it('can be accepted by a township admin over the receiving branch, or declined', async () => {
    const [a, b] = [members[1]!, members[2]!];
    const [askA, askB] = [await ask(a), await ask(b)];
    const declined = await call('decideTransfer', { token: to.token, params: { transferId: askA.body.id }, body: { decision: 'decline' } });
    const byAdmin = await call('decideTransfer', { token: admin.token, params: { transferId: askB.body.id }, body: { decision: 'accept' } });
    expect(declined.body.status).toBe('declined');
    expect(byAdmin.body.status).toBe('accepted');
    expect((await call('getMe', { token: a.token })).body.grants).toEqual([{ role: 'member', orgId: org.branchId }]);
    expect((await call('getMe', { token: b.token })).body.grants).toEqual([{ role: 'member', orgId: toBranchId() }]);
  });

  it('answers 400 to the same or an unknown branch, 404 to someone not in the branch, 403 to a member, 409 when they left meanwhile', async () => {
    const member = members[3]!;
    const params = { branchId: org.branchId, userId: member.userId };
    expectError(await call('requestTransfer', { token: from.token, params, body: { toBranchId: org.branchId } }), 400, 'VALIDATION_FAILED');
    expectError(await call('requestTransfer', { token: from.token, params, body: { toBranchId: org.villageId } }), 400, 'VALIDATION_FAILED');
    const outsider = await freshUser('not-member');
    expectError(await call('requestTransfer', { token: from.token, params: { ...params, userId: outsider.userId }, body: { toBranchId: toBranchId() } }), 404, 'NOT_FOUND');
    expectError(await call('requestTransfer', { token: members[4]!.token, params, body: { toBranchId: toBranchId() } }), 403, 'FORBIDDEN');
    expectError(await call('decideTransfer', { token: to.token, params: { transferId: '01JNOSUCHTRANSFER000000000' }, body: { decision: 'accept' } }), 404, 'NOT_FOUND');
    // Asked, then the member left before the decision
    const asked = await ask(member);
    expect((await call('leaveBranch', { token: member.token, params })).status).toBe(204);
    expectError(await call('decideTransfer', { token: to.token, params: { transferId: asked.body.id }, body: { decision: 'accept' } }), 409, 'CONFLICT');
    expect((await call('getMe', { token: member.token })).body.grants).toEqual([]);
  });
});

describe('leaving a branch', () => {
  // A township of its own: the transfers above leave former members in the first one.
  let home: OwnTownship;
  let secretary: Person;
  let stayers: Person[];
  beforeAll(async () => {
    home = await ownTownship('leave');
    [[secretary], stayers] = await Promise.all([withGrant('secretary', home.branchId, 1), withGrant('member', home.branchId, 3)]);
    // They joined last year, as time would have it, so days that started a minute ago expect them.
    const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString();
    for (const m of stayers) {
      const { pk, sk } = userKeys.grant(m.userId, { role: 'member', orgId: home.branchId });
      await setAttributes(pk, sk, { createdAt: lastYear });
    }
  }, 120_000);

  async function startedDay(): Promise<string> {
    const created = await call('createThemeDay', {
      token: secretary.token,
      params: { branchId: home.branchId },
      body: { title: '离开的党员', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: false },
    });
    expect(created.status).toBe(201);
    expect((await call('publishThemeDay', { token: secretary.token, params: { id: created.body.id } })).status).toBe(200);
    return created.body.id;
  }

  it('keeps counting the member at days of the day they left, and no longer from the next day on', async () => {
    // Prepare: two days that have started
    const leaver = stayers[2]!;
    const [today, later] = [await startedDay(), await startedDay()];
    // Act: the secretary records the member leaving
    const res = await call('leaveBranch', { token: secretary.token, params: { branchId: home.branchId, userId: leaver.userId } });
    // Assess: access ends now, the history stays
    expect(res.status).toBe(204);
    expectError(await call('listIdeas', { token: leaver.token, params: { branchId: home.branchId } }), 403, 'FORBIDDEN');
    expect(await rosterIds(home.branchId, secretary.token)).toEqual(expect.not.arrayContaining([leaver.userId]));
    expect(await rosterIds(home.branchId, secretary.token)).toHaveLength(3); // the one member left, and the secretary, a member too
    const former = (await partition(userKeys.profile(leaver.userId).pk)).find((i) => String(i.sk).startsWith(`LEFT#${home.branchId}#`));
    expect(former).toMatchObject({ userId: leaver.userId, branchId: home.branchId });
    expect(Date.parse(String(former!.leftAt))).toBeGreaterThan(Date.now());
    expect(await itemAt(userKeys.grant(leaver.userId, { role: 'member', orgId: home.branchId }))).toBeUndefined();
    expect((await partition(auditKeys.partition(home.branchId))).filter((i) => i.action === 'member.leave').map((i) => (i.target as { id: string }).id)).toEqual([leaver.userId]);
    // A day of today still expects them
    const closed = await call('closeThemeDay', { token: secretary.token, params: { id: today }, body: { summary: '已学习' } });
    expect(closed.status).toBe(200);
    expect(closed.body.stats.expected).toBe(3);
    // As if they had left the day before the other day started (time moved on): no longer expected
    await setAttributes(String(former!.pk), String(former!.sk), { leftAt: new Date(Date.now() - 3600_000).toISOString() });
    const next = await call('closeThemeDay', { token: secretary.token, params: { id: later }, body: { summary: '已学习' } });
    expect(next.body.stats.expected).toBe(2);
  });

  it('lets a member leave by themselves, refuses one recording someone else leaving, and answers 404 for someone not in the branch', async () => {
    const [a, b] = await withGrant('member', home.branchId, 2);
    expectError(await call('leaveBranch', { token: a!.token, params: { branchId: home.branchId, userId: b!.userId } }), 403, 'FORBIDDEN');
    expect((await call('leaveBranch', { token: b!.token, params: { branchId: home.branchId, userId: b!.userId } })).status).toBe(204);
    expect((await call('getMe', { token: b!.token })).body.grants).toEqual([]);
    expectError(await call('leaveBranch', { token: secretary.token, params: { branchId: home.branchId, userId: (await freshUser('nobody')).userId } }), 404, 'NOT_FOUND');
  });
});
