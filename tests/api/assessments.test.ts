// The three assessments against a hand computation: closed days across two branches of a township of this file's own
// (in a county of its own), then township, county and branch views, guidance, and the case library. The figures count
// every member of a branch: only this file adds members or days there.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../functions/core/dynamo';
import { orgItem, type OrgRecord } from '../../functions/orgs/org.entity';
import { getAssessment } from '../../functions/assessments/assessments.service';
import { call, expectError, login } from './http';
import { withGrant, type Person } from './people';
import { ok, runDay } from './closed-days';
import { ownTownship, type OwnTownship } from './own-orgs';
import { DAY_MS, HOUR_MS, shanghaiDate, shanghaiMonth } from '@shared/time';

/** A 百例-style summary: long enough (THEMEDAY_RULES.summaryMinChars) to count when written in time. */
const CASE_SUMMARY = '按计划完成各项议程：重温入党誓词，学习党章第一章，围绕村里垃圾分类开展讨论，党员分组认领三处公共区域的清扫任务，会后落实到人。';

describe('assessments', () => {
  /** The month of the days' start, read from the record (not the clock when the file loaded). */
  let month: string;
  let x: { secretary: Person; members: Person[] };
  let y: { secretary: Person; members: Person[] };
  let day1: string;
  let org: OwnTownship;
  let X: string;
  let Y: string;

  beforeAll(async () => {
    org = await ownTownship('assess', { villages: 2, ownCounty: true });
    [X, Y] = org.villages.map((v) => v.branchId) as [string, string];
    x = { secretary: (await withGrant('secretary', X, 1))[0], members: await withGrant('member', X, 3) };
    y = { secretary: (await withGrant('secretary', Y, 1))[0], members: await withGrant('member', Y, 2) };
    const [a, b, c] = x.members;
    // Branch X: day 1 — a and b present, c on approved leave, a 百例-style summary; day 2 — a present
    day1 = await runDay(
      x.secretary,
      X,
      async (id, code) => {
        await ok(call('checkIn', { token: a.token, params: { id }, body: { code } }));
        await ok(call('checkIn', { token: b.token, params: { id }, body: { code } }));
        await ok(call('rsvp', { token: c.token, params: { id }, body: { response: 'leave', reason: '住院' } }), 200);
        await ok(call('decideLeave', { token: x.secretary.token, params: { id, userId: c.userId }, body: { decision: 'approve' } }), 200);
      },
      undefined,
      CASE_SUMMARY,
    );
    await runDay(x.secretary, X, async (id, code) => {
      await ok(call('checkIn', { token: a.token, params: { id }, body: { code } }));
    });
    // Branch Y: one present, one online
    const [d, e] = y.members;
    await runDay(
      y.secretary,
      Y,
      async (id, code) => {
        await ok(call('checkIn', { token: d.token, params: { id }, body: { code } }));
      },
      async (id) => {
        await ok(call('participateOnline', { token: e.token, params: { id }, body: { content: '在外务工，线上学习了会议精神。' } }));
      },
    );
    // Guidance: one visit on X's first day (a second comment re-rates it, not counted again), one visit to Y not
    // tied to a day; likes and supports would count nowhere
    const admin = await login('demo-admin');
    expect((await call('giveGuidance', { token: admin, params: { id: day1 }, body: { comment: '组织有序，议程完整。', rating: 5 } })).status).toBe(201);
    expect((await call('giveGuidance', { token: admin, params: { id: day1 }, body: { comment: '补充：讨论可以更深入。', rating: 4 } })).status).toBe(201);
    const startsAt = (await call('getThemeDay', { params: { id: day1 } })).body.startsAt as string;
    month = shanghaiMonth(startsAt);
    await ok(call('recordBranchVisit', { token: admin, params: { branchId: Y }, body: { kind: 'random', visitedOn: shanghaiDate(startsAt), comment: '随机督查，台账齐全。', rating: 3 } }));
  }, 120_000);

  it('sums each figure per branch and for the township, as computed by hand', async () => {
    // Act
    const res = await call('getAssessment', { token: await login('demo-admin'), params: { orgId: org.townshipId }, query: { month } });
    // Assess
    expect(res.status).toBe(200);
    const expectedX = 2 * 4; // two days, 3 members and the secretary (a member of the branch) each
    const expectedY = 3;
    const rate = (p: number, e: number) => Math.round((p / e) * 10_000) / 10_000;
    const rows = Object.fromEntries(res.body.rows.map((r: { branchId: string }) => [r.branchId, r]));
    expect(Object.keys(rows).sort()).toEqual([X, Y].sort());
    expect(rows[X]).toMatchObject({
      name: org.villages[0]!.branchName, expected: expectedX, present: 3, leave: 1, online: 0, attendanceRate: rate(3, expectedX),
      themeDaysHeld: 2, monthsHeld: 1, previewsOnTime: 0, summariesOnTime: 1, guidanceCount: 1, guidanceRatingSum: 4, guidanceAverage: 4,
    });
    expect(rows[Y]).toMatchObject({
      expected: expectedY, present: 1, leave: 0, online: 1, attendanceRate: rate(1, expectedY),
      themeDaysHeld: 1, monthsHeld: 1, previewsOnTime: 0, summariesOnTime: 0, guidanceCount: 1, guidanceRatingSum: 3, guidanceAverage: 3,
    });
    expect(res.body.totals).toEqual({
      expected: expectedX + expectedY, present: 4, leave: 1, online: 1, attendanceRate: rate(4, expectedX + expectedY),
      themeDaysHeld: 3, monthsHeld: 2, previewsOnTime: 0, summariesOnTime: 1, guidanceCount: 2, guidanceRatingSum: 7, guidanceAverage: 3.5,
    });
    expect(res.body.monthsInPeriod).toBe(1);
    // The county shows the township as one row with the same figures; the year includes the month.
    const county = await call('getAssessment', { token: await login('demo-admin'), params: { orgId: org.countyId }, query: { month } });
    expect(county.body.rows).toEqual([expect.objectContaining({ orgId: org.townshipId, type: 'township', ...res.body.totals })]);
    const year = await call('getAssessment', { token: await login('demo-admin'), params: { orgId: org.townshipId }, query: { year: month.slice(0, 4) } });
    expect(year.body.totals).toEqual(res.body.totals);
  });

  it('shows a secretary their own branch only', async () => {
    const own = await call('getAssessment', { token: x.secretary.token, params: { orgId: X }, query: { month } });
    expect(own.status).toBe(200);
    expect(own.body.rows.map((r: { branchId: string }) => r.branchId)).toEqual([X]);
    expectError(await call('getAssessment', { token: x.secretary.token, params: { orgId: Y }, query: { month } }), 403, 'FORBIDDEN');
    expectError(await call('getAssessment', { token: x.secretary.token, params: { orgId: org.townshipId }, query: { month } }), 403, 'FORBIDDEN');
    expectError(await call('getAssessment', { token: x.members[0].token, params: { orgId: X }, query: { month } }), 403, 'FORBIDDEN');
    expectError(await call('getAssessment', { token: x.secretary.token, params: { orgId: X }, query: {} }), 400, 'VALIDATION_FAILED');
  });

  it('puts a closed day marked exemplary into the public case library, by category', async () => {
    const admin = await login('demo-admin');
    const res = await call('markExemplary', { token: admin, params: { id: day1 } });
    expect(res.body).toEqual({ themeDayId: day1, exemplary: true, category: 'study' });
    const all = await call('listCases');
    expect(all.body.items.map((c: { themeDayId: string }) => c.themeDayId)).toContain(day1);
    // Newest first, but other files may mark study days meanwhile: find ours by id.
    const study = await call('listCases', { query: { category: 'study', limit: 50 } });
    expect(study.body.items.find((c: { themeDayId: string }) => c.themeDayId === day1)).toMatchObject({ themeDayId: day1, branchName: org.villages[0]!.branchName, summary: CASE_SUMMARY });
    const oath = await call('listCases', { query: { category: 'oath' } });
    expect(oath.body.items.map((c: { themeDayId: string }) => c.themeDayId)).not.toContain(day1);
    expectError(await call('markExemplary', { token: x.secretary.token, params: { id: day1 } }), 403, 'FORBIDDEN');
  });

  it('refuses guidance from a secretary or before the day, and exemplary marks on days not yet closed', async () => {
    const created = await call('createThemeDay', {
      token: x.secretary.token,
      params: { branchId: X },
      body: { title: '未结束', startsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(), endsAt: new Date(Date.now() + 30 * DAY_MS + 2 * HOUR_MS).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: false },
    });
    expect(created.status).toBe(201);
    expect((await call('publishThemeDay', { token: x.secretary.token, params: { id: created.body.id } })).status).toBe(200);
    expectError(await call('markExemplary', { token: await login('demo-admin'), params: { id: created.body.id } }), 409, 'INVALID_STATE');
    expectError(await call('giveGuidance', { token: x.secretary.token, params: { id: created.body.id }, body: { comment: '自评', rating: 5 } }), 403, 'FORBIDDEN');
    // Guidance is on a day that was held, not on a preview
    expectError(await call('giveGuidance', { token: await login('demo-admin'), params: { id: created.body.id }, body: { comment: '提前指导', rating: 5 } }), 409, 'INVALID_STATE');
  });
});

describe('assessment cost', () => {
  it('answers for a township of 200 branches in 3 DynamoDB requests at most', async () => {
    // Prepare: a township with 200 branches, written straight to the table
    const city = 'huzhou';
    // Under a county no other test lists, so the township shows up nowhere else.
    const path = [city, 'bench-county', 'bench-town'];
    const orgs: OrgRecord[] = [
      { id: 'bench-town', name: '测试镇', type: 'township', parentId: 'bench-county', path, townshipId: 'bench-town' },
      { id: 'bench-village', name: '测试村', type: 'village', parentId: 'bench-town', path: [...path, 'bench-village'], townshipId: 'bench-town' },
      ...Array.from({ length: 200 }, (_, i) => ({
        id: `bench-b${i}`, name: `第${i}党支部`, type: 'branch' as const, parentId: 'bench-village', path: [...path, 'bench-village', `bench-b${i}`], townshipId: 'bench-town',
      })),
    ];
    for (const o of orgs) await ddb.send(new PutCommand({ TableName: process.env.TABLE_NAME!, Item: orgItem(o) }));
    let requests = 0;
    ddb.middlewareStack.add((next) => async (args) => {
      requests++;
      return next(args);
    }, { step: 'initialize', name: 'countRequests' });
    const admin = { userId: 'u-demo-admin', grants: [{ role: 'admin' as const, orgId: city }], user: { id: 'u-demo-admin', displayName: 'admin', grants: [] } };
    // Act
    const result = await getAssessment(admin, 'bench-town', shanghaiMonth());
    // Assess
    expect(result.rows).toHaveLength(200);
    expect(requests).toBeLessThanOrEqual(3); // the org, its branches, their rows
    ddb.middlewareStack.remove('countRequests');
  });
});
