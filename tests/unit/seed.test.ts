import { userKeys } from '../../functions/users/user.entity';
import { buildSeedItems } from '../../scripts/lib/seed';

const { items } = buildSeedItems();
const byEntity = (e: string) => items.filter((i) => i.entity === e);

describe('seed data', () => {
  it('has a county with two townships, each with villages, branches and stations', () => {
    const orgs = byEntity('org');
    const townshipsOfAnji = orgs.filter((o) => o.type === 'township' && o.parentId === 'anji');
    expect(townshipsOfAnji).toHaveLength(2);
    for (const t of townshipsOfAnji) {
      const villages = orgs.filter((o) => o.type === 'village' && o.parentId === t.id);
      expect(villages.length).toBeGreaterThan(0);
      for (const v of villages) expect(orgs.filter((o) => o.type === 'branch' && o.parentId === v.id)).toHaveLength(1);
      expect(byEntity('station').some((s) => (s.path as string[]).includes(t.id as string))).toBe(true);
    }
  });

  it('gives every branch at least 8 members', () => {
    const grants = byEntity('grant');
    const branches = byEntity('org').filter((o) => o.type === 'branch');
    expect(branches.length).toBeGreaterThanOrEqual(4);
    for (const b of branches) {
      expect(grants.filter((g) => g.role === 'member' && g.orgId === b.id).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('has every persona of the contract, with the right grant', () => {
    const identities = new Map(byEntity('identity').map((i) => [i.pk, i.userId]));
    const grantsOf = (openid: string) =>
      byEntity('grant').filter((g) => g.userId === identities.get(userKeys.identity(openid).pk)).map((g) => `${g.role}@${g.orgId}`);
    expect(grantsOf('demo-admin')).toEqual(['admin@huzhou']);
    expect(grantsOf('demo-township-1')).toEqual(['township_admin@tianhuangping']);
    expect(grantsOf('demo-secretary-1')).toEqual(expect.arrayContaining(['secretary@yucun-dzb']));
    for (let m = 1; m <= 8; m++) expect(grantsOf(`demo-member-${m}`)).toEqual(['member@yucun-dzb']);
    expect(grantsOf('demo-official-1')).toEqual(['official@st-yucun']); // 余村群众说事室, in 天荒坪镇
    for (let r = 1; r <= 3; r++) expect(grantsOf(`demo-resident-${r}`)).toEqual([]);
  });

  it('makes every secretary a member of their branch, once', () => {
    const grants = byEntity('grant');
    const secretaries = grants.filter((g) => g.role === 'secretary');
    expect(secretaries.length).toBeGreaterThanOrEqual(4);
    for (const s of secretaries) {
      expect(grants.filter((g) => g.role === 'member' && g.userId === s.userId && g.orgId === s.orgId)).toHaveLength(1);
    }
  });

  it('writes each key once', () => {
    const keys = items.map((i) => `${i.pk}|${i.sk}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
