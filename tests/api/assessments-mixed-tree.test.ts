// Assessments on a mixed tree of uneven depth: a 机关 branch under a county party committee, a village branch, a
// branch under a 党总支 inside the village, and a 两新 branch right under the street. One closed day each, then every
// ancestor's roll-up against a hand computation, and the request bound of each read.
import { aggKeys, toFigures } from '../../functions/assessments/aggregate.entity';
import { getAssessment } from '../../functions/assessments/assessments.service';
import { ddb } from '../../functions/core/dynamo';
import type { Principal } from '../../functions/core/policy';
import { shanghaiMonth } from '@shared/time';
import { itemAt } from './db';
import { call, login } from './http';
import { ok, runDay } from './closed-days';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

type Fig = { expected: number; present: number; leave: number; themeDaysHeld: number };
interface Branch { id: string; dayId: string; secretary: Person; members: Person[]; figures: Fig }

let own: OwnTownship;
let month: string;
const ids = {} as Record<'committee' | 'general', string>;
const b = {} as Record<'village' | 'general' | 'jiguan' | 'liangxin', Branch>;

async function create(token: string, body: Record<string, unknown>): Promise<string> {
  const res = await call('createOrg', { token, body });
  if (res.status !== 201) throw new Error(`createOrg → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A branch with `members` members and its secretary (a member too), and one closed day where `present` check in. */
async function branchWithDay(id: string, members: number, present: number, leave = 0): Promise<Branch> {
  const [[secretary], people] = await Promise.all([withGrant('secretary', id, 1), withGrant('member', id, members)]);
  const dayId = await runDay(secretary!, id, async (dayId, code) => {
    for (const m of people.slice(0, present)) await ok(call('checkIn', { token: m.token, params: { id: dayId }, body: { code } }));
    for (const m of people.slice(present, present + leave)) {
      await ok(call('rsvp', { token: m.token, params: { id: dayId }, body: { response: 'leave', reason: '出差' } }), 200);
      // Only approved leave counts as leave (issue 15).
      await ok(call('decideLeave', { token: secretary!.token, params: { id: dayId, userId: m.userId }, body: { decision: 'approve' } }), 200);
    }
  });
  return { id, dayId, secretary: secretary!, members: people, figures: { expected: members + 1, present, leave, themeDaysHeld: 1 } };
}

const add = (...fs: Fig[]): Fig => fs.reduce((t, f) => ({ expected: t.expected + f.expected, present: t.present + f.present, leave: t.leave + f.leave, themeDaysHeld: t.themeDaysHeld + f.themeDaysHeld }));
const admin: Principal = { userId: 'u-demo-admin', grants: [{ role: 'admin', orgId: 'huzhou' }], user: { id: 'u-demo-admin', displayName: '管理员', grants: [] } };

beforeAll(async () => {
  own = await ownTownship('mixed', { ownCounty: true });
  const token = await login('demo-admin');
  ids.committee = await create(token, { parentId: own.countyId, name: '中共混合县委', type: 'committee' });
  ids.general = await create(token, { parentId: own.villageId, name: '混合村党总支', type: 'general_branch' });
  const [jiguan, liangxin, general] = await Promise.all([
    create(token, { parentId: ids.committee, name: '县委组织部机关党支部', type: 'branch', sector: 'government' }),
    create(token, { parentId: own.townshipId, name: '街道非公企业联合党支部', type: 'branch', sector: 'private_enterprise' }),
    create(token, { parentId: ids.general, name: '混合村第二党支部', type: 'branch', sector: 'rural' }),
  ]);
  [b.village, b.jiguan, b.liangxin, b.general] = await Promise.all([
    branchWithDay(own.branchId, 3, 2, 1),
    branchWithDay(jiguan, 4, 4),
    branchWithDay(liangxin, 2, 1),
    branchWithDay(general, 2, 0, 2),
  ]);
  month = shanghaiMonth((await call('getThemeDay', { params: { id: b.village.dayId } })).body.startsAt);
}, 240_000);

/** The assessment, read in this process with its DynamoDB requests counted. */
async function assess(orgId: string) {
  let requests = 0;
  const name = `count-${orgId}`;
  ddb.middlewareStack.add((next) => async (args) => {
    requests++;
    return next(args);
  }, { step: 'initialize', name });
  try {
    return { result: await getAssessment(admin, orgId, month), requests };
  } finally {
    ddb.middlewareStack.remove(name);
  }
}

const rowsOf = (a: Awaited<ReturnType<typeof getAssessment>>) => Object.fromEntries(a.rows.map((r) => [r.orgId, { expected: r.expected, present: r.present, leave: r.leave, themeDaysHeld: r.themeDaysHeld }]));
const totalsOf = (a: Awaited<ReturnType<typeof getAssessment>>) => ({ expected: a.totals.expected, present: a.totals.present, leave: a.totals.leave, themeDaysHeld: a.totals.themeDaysHeld });

describe('assessments on a mixed tree', () => {
  it('shows each branch its own figures, wherever it hangs', async () => {
    for (const branch of Object.values(b)) {
      const { result, requests } = await assess(branch.id);
      expect({ id: branch.id, rows: rowsOf(result), totals: totalsOf(result) }).toEqual({ id: branch.id, rows: { [branch.id]: branch.figures }, totals: branch.figures });
      expect(requests).toBeLessThanOrEqual(3);
    }
  });

  it('rolls up right at every ancestor inside the street: 党总支, village, street', async () => {
    const cases: [string, Branch[]][] = [
      [ids.general, [b.general]],
      [own.villageId, [b.village, b.general]],
      [own.townshipId, [b.village, b.general, b.liangxin]],
    ];
    for (const [orgId, branches] of cases) {
      const { result, requests } = await assess(orgId);
      expect({ orgId, rows: rowsOf(result), totals: totalsOf(result) }).toEqual({
        orgId, rows: Object.fromEntries(branches.map((x) => [x.id, x.figures])), totals: add(...branches.map((x) => x.figures)),
      });
      expect(requests).toBeLessThanOrEqual(3);
    }
  });

  it('rolls up right above the street: the committee, the county, and the city’s total of the county', async () => {
    const committee = await assess(ids.committee);
    expect(rowsOf(committee.result)).toEqual({ [b.jiguan.id]: b.jiguan.figures });
    const street = add(b.village.figures, b.general.figures, b.liangxin.figures);
    const county = await assess(own.countyId);
    expect(rowsOf(county.result)).toEqual({ [own.townshipId]: street, [ids.committee]: b.jiguan.figures });
    expect(totalsOf(county.result)).toEqual(add(street, b.jiguan.figures));
    expect(county.result.rows.find((r) => r.orgId === ids.committee)?.type).toBe('committee');
    for (const { requests } of [committee, county]) expect(requests).toBeLessThanOrEqual(3);
    // The city keeps the county's total (the county is listed under no city item in tests, so read the row itself)
    const cityRow = toFigures(await itemAt(aggKeys.childTotal(month, 'huzhou', own.countyId)));
    expect({ expected: cityRow.expected, present: cityRow.present, leave: cityRow.leave, themeDaysHeld: cityRow.themeDaysHeld }).toEqual(add(street, b.jiguan.figures));
  });

  it('serves the branch secretary of a 机关 branch their own figures over HTTP, and no one else’s', async () => {
    const own = await call('getAssessment', { token: b.jiguan.secretary.token, params: { orgId: b.jiguan.id }, query: { month } });
    expect(own.body.totals).toMatchObject(b.jiguan.figures);
    expect((await call('getAssessment', { token: b.jiguan.secretary.token, params: { orgId: ids.committee }, query: { month } })).status).toBe(403);
  });
});
