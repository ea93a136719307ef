// The audit reader: one org's entries, newest first, paged, filtered by Asia/Shanghai dates, for staff over the org.
import { shanghaiDate, addDays } from '@shared/time';
import { call, expectError, login } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

let own: OwnTownship;
let other: OwnTownship;
let townAdmin: Person;
const made: string[] = [];
/** What the township's log held before the test's changes: the township admin's own onboarding (invitation, grant). */
let onboarding: string[] = [];
const targets = (items: { target: { id: string } }[]) => items.map((e) => e.target.id);

beforeAll(async () => {
  [own, other] = await Promise.all([ownTownship('audit'), ownTownship('auditx')]);
  [townAdmin] = await withGrant('township_admin', own.townshipId, 1);
  onboarding = targets((await call('listAudit', { token: townAdmin.token, query: { orgId: own.townshipId } })).body.items);
  for (const name of ['审计一村', '审计二村', '审计三村']) {
    const res = await call('createOrg', { token: townAdmin.token, body: { parentId: own.townshipId, name, type: 'village' } });
    if (res.status !== 201) throw new Error(`createOrg → ${res.status} ${JSON.stringify(res.body)}`);
    made.push(res.body.id);
  }
  // A change one level down is kept at the village, not in the township's log
  const branch = await call('createOrg', { token: townAdmin.token, body: { parentId: made[0], name: '审计一村党支部', type: 'branch', sector: 'rural' } });
  if (branch.status !== 201) throw new Error(`createOrg → ${branch.status}`);
  made.push(branch.body.id);
}, 120_000);

describe('GET /v1/audit', () => {
  it('lists the org’s entries newest first, with who, what, before and after', async () => {
    const res = await call('listAudit', { token: townAdmin.token, query: { orgId: own.townshipId } });
    expect(res.status).toBe(200);
    expect(targets(res.body.items)).toEqual([made[2], made[1], made[0], ...onboarding]);
    expect(res.body.items[0]).toEqual({
      id: expect.any(String), orgId: own.townshipId, action: 'org.create', target: { kind: 'org', id: made[2] }, actorId: townAdmin.userId,
      actorName: expect.any(String), before: null, after: { id: made[2], name: '审计三村', type: 'village', parentId: own.townshipId }, at: expect.any(String),
    });
    const village = await call('listAudit', { token: townAdmin.token, query: { orgId: made[0]! } });
    expect(village.body.items.map((e: { target: { id: string } }) => e.target.id)).toEqual([made[3]]);
  });

  it('pages with a cursor, each entry once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await call('listAudit', { token: townAdmin.token, query: { orgId: own.townshipId, limit: 1, cursor } });
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((e: { target: { id: string } }) => e.target.id));
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual([made[2], made[1], made[0], ...onboarding]);
  });

  it('filters by date, both ends included', async () => {
    const today = shanghaiDate();
    const q = (query: Record<string, string>) => call('listAudit', { token: townAdmin.token, query: { orgId: own.townshipId, ...query } });
    expect(targets((await q({ from: today, to: today })).body.items)).toEqual([made[2], made[1], made[0], ...onboarding]);
    expect((await q({ from: addDays(today, 1) })).body.items).toHaveLength(0);
    expect((await q({ to: addDays(today, -1) })).body.items).toHaveLength(0);
    expectError(await q({ from: today, to: addDays(today, -1) }), 400, 'VALIDATION_FAILED');
    expectError(await q({ from: '2026-13-01' }), 400, 'VALIDATION_FAILED');
  });

  it('is for staff over the org only', async () => {
    const [[otherAdmin], [secretary]] = await Promise.all([withGrant('township_admin', other.townshipId, 1), withGrant('secretary', own.branchId, 1)]);
    expectError(await call('listAudit', { token: otherAdmin!.token, query: { orgId: own.townshipId } }), 403, 'FORBIDDEN');
    expectError(await call('listAudit', { token: secretary!.token, query: { orgId: own.branchId } }), 403, 'FORBIDDEN');
    expectError(await call('listAudit', { token: townAdmin.token, query: { orgId: 'nowhere' } }), 404, 'NOT_FOUND');
    expect((await call('listAudit', { token: await login('demo-admin'), query: { orgId: own.townshipId } })).body.items).toHaveLength(3 + onboarding.length);
  });
});
