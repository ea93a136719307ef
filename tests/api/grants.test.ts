// Grants per org: listed with names, added and revoked in the app by whoever may invite to that role there. A revoked
// grant stops working on the very next request made with a token issued before.
import { auditKeys } from '../../functions/audit/audit.entity';
import { userKeys } from '../../functions/users/user.entity';
import { closeDb, itemAt, partition } from './db';
import { call, expectError, freshUser, login } from './http';
import type { OwnTownship } from './own-orgs';
import { staffedTownship, withGrant, type Person } from './people';

afterAll(closeDb);

let org: OwnTownship;
let admin: Person;
let secretary: Person;
let members: Person[];
beforeAll(async () => {
  ({ org, admin, secretary, members } = await staffedTownship('grants', { villages: 3 }));
}, 120_000);

const auditOf = async (orgId: string) => (await partition(auditKeys.partition(orgId))).map((i) => ({ action: i.action, target: i.target, actorId: i.actorId, before: i.before, after: i.after }));

describe('GET /v1/orgs/{orgId}/grants', () => {
  it("lists a branch's grants with each holder's name, to its secretary and the staff above it", async () => {
    // Act
    const bySecretary = await call('listGrants', { token: secretary.token, params: { orgId: org.branchId } });
    const byAdmin = await call('listGrants', { token: admin.token, params: { orgId: org.branchId }, query: { limit: 2 } });
    // Assess
    expect(bySecretary.status).toBe(200);
    expect(bySecretary.body.items).toHaveLength(5); // the secretary's grant brings a member grant with it
    const me = (await call('getMe', { token: members[0]!.token })).body;
    expect(bySecretary.body.items).toEqual(
      expect.arrayContaining([
        { userId: me.id, displayName: me.displayName, role: 'member', orgId: org.branchId, grantedAt: expect.any(String) },
        expect.objectContaining({ userId: secretary.userId, role: 'secretary' }),
      ]),
    );
    expect(byAdmin.body.items).toHaveLength(2);
    expect(byAdmin.body.nextCursor).toEqual(expect.any(String));
  });

  it('refuses members, other branches and unknown orgs', async () => {
    expectError(await call('listGrants', { token: members[0]!.token, params: { orgId: org.branchId } }), 403, 'FORBIDDEN');
    expectError(await call('listGrants', { token: secretary.token, params: { orgId: org.villages[1]!.branchId } }), 403, 'FORBIDDEN');
    expectError(await call('listGrants', { token: secretary.token, params: { orgId: 'no-such-org' } }), 404, 'NOT_FOUND');
  });
});

describe('POST /v1/orgs/{orgId}/grants', () => {
  it('lets a secretary make a resident a member of their branch, and records who did it', async () => {
    // Prepare
    const resident = await freshUser('granted');
    // Act
    const res = await call('addGrant', { token: secretary.token, params: { orgId: org.branchId }, body: { userId: resident.userId, role: 'member' } });
    const again = await call('addGrant', { token: secretary.token, params: { orgId: org.branchId }, body: { userId: resident.userId, role: 'member' } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: resident.userId, role: 'member', orgId: org.branchId });
    expect(again.body.grantedAt).toBe(res.body.grantedAt);
    expect((await call('getMe', { token: resident.token })).body.grants).toEqual([{ role: 'member', orgId: org.branchId }]);
    expect(await auditOf(org.branchId)).toContainEqual({
      action: 'grant.add', target: { kind: 'user', id: resident.userId }, actorId: secretary.userId, before: null, after: { role: 'member', orgId: org.branchId },
    });
  });

  it('lets township staff make a secretary, but not a secretary', async () => {
    const resident = await freshUser('promoted');
    const body = { userId: resident.userId, role: 'secretary' };
    expectError(await call('addGrant', { token: secretary.token, params: { orgId: org.branchId }, body }), 403, 'FORBIDDEN');
    expect((await call('addGrant', { token: admin.token, params: { orgId: org.villages[1]!.branchId }, body })).status).toBe(200);
    expect((await call('getMe', { token: resident.token })).body.grants).toEqual(
      expect.arrayContaining([{ role: 'secretary', orgId: org.villages[1]!.branchId }, { role: 'member', orgId: org.villages[1]!.branchId }]),
    );
  });

  it('answers 400 to a role the org cannot hold and 404 to an unknown user', async () => {
    expectError(await call('addGrant', { token: admin.token, params: { orgId: org.villageId }, body: { userId: members[0]!.userId, role: 'member' } }), 400, 'VALIDATION_FAILED');
    expectError(await call('addGrant', { token: admin.token, params: { orgId: org.branchId }, body: { userId: 'nobody-here', role: 'member' } }), 404, 'NOT_FOUND');
  });
});

describe('DELETE /v1/orgs/{orgId}/grants/{role}/{userId}', () => {
  it('takes effect on the very next request made with the old token', async () => {
    // Prepare: the member reads the branch's ideas with a token issued while they held the grant
    const member = members[1]!;
    expect((await call('listIdeas', { token: member.token, params: { branchId: org.branchId } })).status).toBe(200);
    // Act
    const res = await call('revokeGrant', { token: secretary.token, params: { orgId: org.branchId, role: 'member', userId: member.userId } });
    // Assess: same token, next request
    expect(res.status).toBe(204);
    expectError(await call('listIdeas', { token: member.token, params: { branchId: org.branchId } }), 403, 'FORBIDDEN');
    expect(await itemAt(userKeys.grant(member.userId, { role: 'member', orgId: org.branchId }))).toBeUndefined();
    expect((await call('getMe', { token: member.token })).body.grants).toEqual([]);
    expect(await auditOf(org.branchId)).toContainEqual({
      action: 'grant.revoke', target: { kind: 'user', id: member.userId }, actorId: secretary.userId, before: { role: 'member', orgId: org.branchId }, after: null,
    });
    expectError(await call('revokeGrant', { token: secretary.token, params: { orgId: org.branchId, role: 'member', userId: member.userId } }), 404, 'NOT_FOUND');
  });

  it('asks for confirmation before revoking the last secretary of a branch', async () => {
    // Prepare: a branch with two secretaries
    const [lone, other] = await withGrant('secretary', org.villages[2]!.branchId, 2);
    const params = { orgId: org.villages[2]!.branchId, role: 'secretary', userId: lone!.userId };
    // Act: revoke the other one, then the last one without and with confirmation
    const first = await call('revokeGrant', { token: admin.token, params: { ...params, userId: other!.userId } });
    const unconfirmed = await call('revokeGrant', { token: admin.token, params });
    const stillThere = await call('listMembers', { token: lone!.token, params: { branchId: params.orgId } });
    const confirmed = await call('revokeGrant', { token: admin.token, params, query: { confirm: 'true' } });
    // Assess
    expect(first.status).toBe(204);
    expectError(unconfirmed, 409, 'CONFLICT');
    expect(unconfirmed.body.error.message).toContain('唯一的书记');
    expect(stillThere.status).toBe(200);
    expect(confirmed.status).toBe(204);
    expectError(await call('listMembers', { token: lone!.token, params: { branchId: params.orgId } }), 403, 'FORBIDDEN');
  });

  it('refuses a secretary revoking another secretary, and a member revoking anyone', async () => {
    const params = { orgId: org.branchId, role: 'secretary', userId: secretary.userId };
    expectError(await call('revokeGrant', { token: secretary.token, params }), 403, 'FORBIDDEN');
    expectError(await call('revokeGrant', { token: members[2]!.token, params: { ...params, role: 'member', userId: members[0]!.userId } }), 403, 'FORBIDDEN');
    expect((await call('listMembers', { token: secretary.token, params: { branchId: org.branchId } })).status).toBe(200);
  });

  it('lets an admin revoke anywhere', async () => {
    const [m] = await withGrant('member', org.branchId, 1);
    expect((await call('revokeGrant', { token: await login('demo-admin'), params: { orgId: org.branchId, role: 'member', userId: m!.userId } })).status).toBe(204);
  });
});
