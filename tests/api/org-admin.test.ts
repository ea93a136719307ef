// Org administration: create, rename, move and archive, by township admins on their subtree and admins on everything.
// Every rule is checked on the stored items too (paths, township, name claims), not only on the answers.
import { orgKeys } from '../../functions/orgs/org.entity';
import { auditKeys } from '../../functions/audit/audit.entity';
import { itemAt, partition } from './db';
import { call, expectError, login } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';
import { openSession } from './booking-fixtures';

let own: OwnTownship;
let other: OwnTownship;
let townAdmin: Person;
let admin: string;

const create = async (token: string, body: Record<string, unknown>) => {
  const res = await call('createOrg', { token, body });
  if (res.status !== 201) throw new Error(`createOrg → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; parentId: string };
};
const stored = async (id: string) => (await itemAt(orgKeys.org(id)))!;

beforeAll(async () => {
  [own, other] = await Promise.all([ownTownship('orgadm', { villages: 2, ownCounty: true }), ownTownship('orgadmx')]);
  [townAdmin] = await withGrant('township_admin', own.townshipId, 1);
  admin = await login('demo-admin');
}, 120_000);

describe('creating orgs', () => {
  it('lets a township admin create a community and branches of any sector anywhere in their township', async () => {
    // Act
    const community = await create(townAdmin.token, { parentId: own.townshipId, name: '新城社区', type: 'village', kind: 'community' });
    const branch = await create(townAdmin.token, { parentId: community.id, name: '新城社区党支部', type: 'branch', sector: 'community' });
    const lx = await create(townAdmin.token, { parentId: own.townshipId, name: '非公企业联合党支部', type: 'branch', sector: 'private_enterprise' });
    // Assess: listed under their parents, with the township found by type and the branches in the township's index
    const children = await call('listOrgs', { query: { parentId: own.townshipId, limit: 50 } });
    expect(children.body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([community.id, lx.id]));
    expect(await call('getOrg', { params: { orgId: branch.id } })).toMatchObject({ status: 200, body: { id: branch.id, type: 'branch', sector: 'community', parentId: community.id } });
    expect(await stored(branch.id)).toMatchObject({ path: ['huzhou', own.countyId, own.townshipId, community.id, branch.id], townshipId: own.townshipId, gsi2pk: orgKeys.townshipBranches(own.townshipId) });
    expect(await stored(lx.id)).toMatchObject({ path: ['huzhou', own.countyId, own.townshipId, lx.id], townshipId: own.townshipId, gsi2sk: `${lx.id}/` });
    // One audit entry per change, at the parent, with the org as it was created
    const entries = await partition(auditKeys.partition(own.townshipId));
    expect(entries.filter((e) => e.action === 'org.create' && [community.id, lx.id].includes((e.target as { id: string }).id))).toHaveLength(2);
  });

  it('lets an admin hang a committee with a 机关 branch right under a county', async () => {
    const committee = await create(admin, { parentId: own.countyId, name: '县直机关工委', type: 'committee' });
    const branch = await create(admin, { parentId: committee.id, name: '县委办机关党支部', type: 'branch', sector: 'government' });
    expect(await stored(branch.id)).toMatchObject({ path: ['huzhou', own.countyId, committee.id, branch.id], townshipId: null });
    expect((await stored(branch.id)).gsi2pk).toBeUndefined();
  });

  it('refuses what the tree does not allow, in Chinese', async () => {
    expectError(await call('createOrg', { token: townAdmin.token, body: { parentId: own.villageId, name: '村下之村', type: 'village' } }), 400, 'VALIDATION_FAILED');
    expectError(await call('createOrg', { token: townAdmin.token, body: { parentId: own.branchId, name: '支部下', type: 'branch', sector: 'rural' } }), 400, 'VALIDATION_FAILED');
    const noSector = await call('createOrg', { token: townAdmin.token, body: { parentId: own.villageId, name: '缺领域党支部', type: 'branch' } });
    expectError(noSector, 400, 'VALIDATION_FAILED');
    expect(noSector.body.error.message).toContain('领域');
    expectError(await call('createOrg', { token: townAdmin.token, body: { parentId: own.townshipId, name: '错类', type: 'village', kind: 'street' } }), 400, 'VALIDATION_FAILED');
    expectError(await call('createOrg', { token: townAdmin.token, body: { parentId: 'nowhere', name: '无上级', type: 'village' } }), 400, 'VALIDATION_FAILED');
    // Outside their subtree: the county above, and another township
    expectError(await call('createOrg', { token: townAdmin.token, body: { parentId: own.countyId, name: '越级乡镇', type: 'township' } }), 403, 'FORBIDDEN');
    expectError(await call('createOrg', { token: townAdmin.token, body: { parentId: other.townshipId, name: '他乡村', type: 'village' } }), 403, 'FORBIDDEN');
  });

  it('answers 409 naming the existing org for a duplicate name under the same parent, and allows it elsewhere', async () => {
    const first = await create(townAdmin.token, { parentId: own.townshipId, name: '重名村', type: 'village' });
    // Act: the same name twice at once, and once more after
    const [a, b] = await Promise.all([1, 2].map(() => call('createOrg', { token: townAdmin.token, body: { parentId: own.townshipId, name: '重名村', type: 'village' } })));
    // Assess
    for (const res of [a, b]) {
      expectError(res, 409, 'CONFLICT');
      expect(res.body.error.message).toContain('重名村');
      expect(res.body.error.details).toEqual([{ path: 'name', message: expect.stringContaining(first.id) }]);
    }
    expect((await call('createOrg', { token: admin, body: { parentId: other.townshipId, name: '重名村', type: 'village' } })).status).toBe(201);
  });
});

describe('renaming and moving', () => {
  it('renames, frees the old name, and refuses a sibling’s name', async () => {
    const v = await create(townAdmin.token, { parentId: own.townshipId, name: '旧名村', type: 'village' });
    await create(townAdmin.token, { parentId: own.townshipId, name: '邻村', type: 'village' });
    const renamed = await call('updateOrg', { token: townAdmin.token, params: { orgId: v.id }, body: { name: '新名村' } });
    expect(renamed.body).toMatchObject({ id: v.id, name: '新名村' });
    expect((await call('getOrg', { params: { orgId: v.id } })).body.name).toBe('新名村');
    expect((await itemAt(orgKeys.name(own.townshipId, '旧名村')))).toBeUndefined();
    expect((await itemAt(orgKeys.name(own.townshipId, '新名村')))).toMatchObject({ orgId: v.id });
    const clash = await call('updateOrg', { token: townAdmin.token, params: { orgId: v.id }, body: { name: '邻村' } });
    expectError(clash, 409, 'CONFLICT');
    expect(clash.body.error.message).toContain('邻村');
    expect((await create(townAdmin.token, { parentId: own.townshipId, name: '旧名村', type: 'village' })).name).toBe('旧名村');
  });

  it('moves a village with its branch and station to another township, rewriting their paths and township', async () => {
    const v = await create(admin, { parentId: own.townshipId, name: '搬迁村', type: 'village' });
    const b = await create(admin, { parentId: v.id, name: '搬迁村党支部', type: 'branch', sector: 'rural' });
    const st = await call('createStation', { token: admin, body: { orgId: v.id, name: '搬迁村说事室', stationType: 'talk_room', address: '村委会' } });
    expect(st.status).toBe(201);
    // A township admin cannot move it out of their township
    expectError(await call('updateOrg', { token: townAdmin.token, params: { orgId: v.id }, body: { parentId: other.townshipId } }), 403, 'FORBIDDEN');
    // Act
    const moved = await call('updateOrg', { token: admin, params: { orgId: v.id }, body: { parentId: other.townshipId } });
    // Assess
    expect(moved.body).toMatchObject({ id: v.id, parentId: other.townshipId });
    const otherPath = ['huzhou', other.countyId, other.townshipId];
    expect(await stored(v.id)).toMatchObject({ path: [...otherPath, v.id], townshipId: other.townshipId });
    expect(await stored(b.id)).toMatchObject({ path: [...otherPath, v.id, b.id], townshipId: other.townshipId, gsi2pk: orgKeys.townshipBranches(other.townshipId), gsi2sk: `${v.id}/${b.id}/` });
    expect(await itemAt(orgKeys.station(st.body.id))).toMatchObject({ path: [...otherPath, v.id, st.body.id], townshipId: other.townshipId });
    expect(await itemAt(orgKeys.name(other.townshipId, '搬迁村'))).toMatchObject({ orgId: v.id });
    expect(await itemAt(orgKeys.name(own.townshipId, '搬迁村'))).toBeUndefined();
    // The old township's admin has no say over it any more
    expectError(await call('updateOrg', { token: townAdmin.token, params: { orgId: v.id }, body: { name: '夺回村' } }), 403, 'FORBIDDEN');
    const entries = await partition(auditKeys.partition(other.townshipId));
    expect(entries.find((e) => e.action === 'org.move' && (e.target as { id: string }).id === v.id)).toMatchObject({
      before: expect.objectContaining({ parentId: own.townshipId }), after: expect.objectContaining({ parentId: other.townshipId }),
    });
  });

  it('answers 400 to a move under the org itself or one of its descendants, and 400 to a move the tree does not allow', async () => {
    const v = await create(townAdmin.token, { parentId: own.townshipId, name: '环村', type: 'village' });
    const c = await create(townAdmin.token, { parentId: v.id, name: '环村党委', type: 'committee' });
    const b = await create(townAdmin.token, { parentId: c.id, name: '环村第一党支部', type: 'branch', sector: 'rural' });
    for (const parentId of [v.id, c.id, b.id]) {
      const res = await call('updateOrg', { token: townAdmin.token, params: { orgId: v.id }, body: { parentId } });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    expectError(await call('updateOrg', { token: townAdmin.token, params: { orgId: v.id }, body: { parentId: own.villageId } }), 400, 'VALIDATION_FAILED');
    expect((await stored(v.id)).parentId).toBe(own.townshipId);
  });
});

describe('archiving', () => {
  it('archives an idle branch: it keeps its record, leaves the pickers and takes no new children', async () => {
    const b = await create(townAdmin.token, { parentId: own.villageId, name: '待归档党支部', type: 'branch', sector: 'rural' });
    // Act
    const res = await call('archiveOrg', { token: townAdmin.token, params: { orgId: b.id } });
    // Assess
    expect(res.body).toMatchObject({ id: b.id, archivedAt: expect.any(String) });
    const pick = await call('listOrgs', { query: { parentId: own.villageId, limit: 50 } });
    expect(pick.body.items.map((o: { id: string }) => o.id)).not.toContain(b.id);
    const all = await call('listOrgs', { query: { parentId: own.villageId, limit: 50, archived: 'include' } });
    expect(all.body.items.find((o: { id: string }) => o.id === b.id)).toMatchObject({ archivedAt: expect.any(String) });
    expect((await call('getOrg', { params: { orgId: b.id } })).body.archivedAt).toEqual(expect.any(String));
    expectError(await call('updateOrg', { token: townAdmin.token, params: { orgId: b.id }, body: { name: '复活' } }), 409, 'INVALID_STATE');
    // The name is free again
    expect((await create(townAdmin.token, { parentId: own.villageId, name: '待归档党支部', type: 'branch', sector: 'rural' })).name).toBe('待归档党支部');
  });

  it('answers 409 listing open concerns, future sessions and active children', async () => {
    // Prepare: a community with a branch, a station with an open concern and a future session
    const v = await create(townAdmin.token, { parentId: own.townshipId, name: '忙碌社区', type: 'village', kind: 'community' });
    await create(townAdmin.token, { parentId: v.id, name: '忙碌社区党支部', type: 'branch', sector: 'community' });
    const st = await call('createStation', { token: townAdmin.token, body: { orgId: v.id, name: '忙碌社区说事室', stationType: 'talk_room', address: '社区服务中心' } });
    expect(st.status).toBe(201);
    const resident = await login(`orgadm-resident-${Date.now()}`);
    const concern = await call('raiseConcern', { token: resident, body: { villageId: v.id, category: 'environment', title: '路灯坏了', content: '社区东门路灯不亮。' } });
    expect(concern.body).toMatchObject({ stationId: st.body.id });
    const [official] = await withGrant('official', st.body.id, 1);
    await openSession({ stationId: st.body.id, as: official!.openid });
    // Act
    const res = await call('archiveOrg', { token: townAdmin.token, params: { orgId: v.id } });
    // Assess
    expectError(res, 409, 'CONFLICT');
    expect(res.body.error.message).toContain(concern.body.trackingNo);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['children', 'concerns', 'sessions']);
    expect((await stored(v.id)).archivedAt).toBeUndefined();
  });
});
