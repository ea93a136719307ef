// Issue 15's rules of the theme day, each against the API: online participation outlives the close, leave counts only
// once approved, the assessment's measures can fail, guidance counts visits, and members cannot support their own
// ideas. Branches of this file's own, so the counts are ours alone.
import { DAY_MS, HOUR_MS, shanghaiDate, shanghaiMonth } from '@shared/time';
import { THEMEDAY_RULES } from '@shared/rules/themeday';
import { ideaItem } from '../../functions/ideas/idea.entity';
import { themeDayKeys } from '../../functions/themedays/themeday.entity';
import { call, expectError, login } from './http';
import { withGrant, type Person } from './people';
import { ownTownship, type OwnTownship } from './own-orgs';
import { moveThemeDayStart, outboxSettled, putRaw, setAttributes } from './db';
import { grantAtWeChat, messagesTo } from './wechat-fake';

const LONG_SUMMARY = '重温入党誓词，学习党章第一章；围绕村里垃圾分类开展讨论，党员分组认领三处公共区域的清扫任务，会后落实到人，下月通报进展。';

let org: OwnTownship;
let secretary: Person;

beforeAll(async () => {
  org = await ownTownship('rules15');
  [secretary] = await withGrant('secretary', org.branchId, 1);
}, 120_000);

/** A published day of the branch that starts now (members invited before it are expected), open online. */
async function startedDay(branchId = org.branchId, by = secretary): Promise<string> {
  const created = await call('createThemeDay', {
    token: by.token,
    params: { branchId },
    body: { title: '学习党章', startsAt: new Date(Date.now() + HOUR_MS).toISOString(), endsAt: new Date(Date.now() + 3 * HOUR_MS).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: true },
  });
  expect(created.status).toBe(201);
  expect((await call('publishThemeDay', { token: by.token, params: { id: created.body.id } })).status).toBe(200);
  await moveThemeDayStart(created.body.id, new Date().toISOString());
  return created.body.id;
}

const close = (id: string, summary = '按计划完成。', by = secretary) => call('closeThemeDay', { token: by.token, params: { id }, body: { summary } });
const reflect = (p: Person, id: string) => call('participateOnline', { token: p.token, params: { id }, body: { content: '因事未能到场，线上学习了本次主题党日的内容。' } });
const stats = async (id: string) => (await call('getThemeDay', { params: { id } })).body.stats;
/** Moves a day's end (and start) back by `days`, as if it had been held then. */
async function heldDaysAgo(id: string, days: number): Promise<void> {
  const { pk, sk } = themeDayKeys.day(id);
  await setAttributes(pk, sk, { endsAt: new Date(Date.now() - days * DAY_MS).toISOString() });
}

describe('online participation after the close (补课)', () => {
  it('stays open for the window: absent and leave move to online in the frozen figures, present stays present', async () => {
    // Prepare: a present, b on approved leave, c and d absent
    const { branchId } = await ownTownship('online');
    const [s] = await withGrant('secretary', branchId, 1);
    const [a, b, c, d] = await withGrant('member', branchId, 4);
    const id = await startedDay(branchId, s);
    const code = (await call('createCheckInCode', { token: s.token, params: { id } })).body.code;
    expect((await call('checkIn', { token: a.token, params: { id }, body: { code } })).status).toBe(201);
    expect((await call('rsvp', { token: b.token, params: { id }, body: { response: 'leave', reason: '外出' } })).status).toBe(200);
    expect((await call('decideLeave', { token: s.token, params: { id, userId: b.userId }, body: { decision: 'approve' } })).status).toBe(200);
    const closed = await close(id, '按计划完成。', s);
    expect(closed.body.stats).toMatchObject({ expected: 5, present: 1, leave: 1, online: 0, absent: 3 }); // four members and the secretary
    // Act
    const byAbsent = await reflect(c, id);
    const byLeave = await reflect(b, id);
    const byPresent = await reflect(a, id);
    const again = await reflect(c, id);
    // Assess: the on-site figure (present) never moves, the online one grows within the window
    expect([byAbsent.status, byLeave.status, byPresent.status, again.status]).toEqual([201, 201, 201, 201]);
    expect(await stats(id)).toMatchObject({ expected: 5, present: 1, leave: 0, online: 2, absent: 2, attendanceRate: 0.2 });
    const history = (await call('myAttendance', { token: c.token })).body.items.find((r: { themeDayId: string }) => r.themeDayId === id);
    expect(history).toMatchObject({ status: 'online', source: 'online' });
    // The assessment moves with it
    const month = shanghaiMonth((await call('getThemeDay', { params: { id } })).body.startsAt);
    const row = (await call('getAssessment', { token: await login('demo-admin'), params: { orgId: branchId }, query: { month } })).body.totals;
    expect(row).toMatchObject({ present: 1, leave: 0, online: 2 });
    // A day on which the window has ended: the online figure is fixed
    await heldDaysAgo(id, THEMEDAY_RULES.onlineWindowDays + 1);
    expectError(await reflect(d, id), 409, 'INVALID_STATE');
    expect((await stats(id)).online).toBe(2);
  });

  it('is refused on a cancelled day', async () => {
    const [m] = await withGrant('member', org.branchId, 1);
    const id = await startedDay();
    expect((await call('cancelThemeDay', { token: secretary.token, params: { id }, body: { reason: '台风' } })).status).toBe(200);
    expectError(await reflect(m, id), 409, 'INVALID_STATE');
  });
});

describe('leave requests (请假) with approval', () => {
  it('counts approved leave apart, and declined or undecided leave as absence; the member hears of the decision', async () => {
    // Prepare
    const { branchId } = await ownTownship('leave');
    const [s] = await withGrant('secretary', branchId, 1);
    const [approved, declined, undecided, silent] = await withGrant('member', branchId, 4);
    const id = await startedDay(branchId, s);
    expect((await call('recordSubscriptions', { token: approved.token, body: { results: [{ template: 'leave_decided', accepted: true }] } })).status).toBe(200);
    await grantAtWeChat(approved.openid, 'tmpl-leave_decided', 1);
    for (const p of [approved, declined, undecided]) {
      const asked = await call('rsvp', { token: p.token, params: { id }, body: { response: 'leave', reason: '在外务工' } });
      expect(asked.body).toMatchObject({ rsvp: 'leave', reason: '在外务工', leaveStatus: 'requested' });
    }
    // Act
    const yes = await call('decideLeave', { token: s.token, params: { id, userId: approved.userId }, body: { decision: 'approve' } });
    const no = await call('decideLeave', { token: s.token, params: { id, userId: declined.userId }, body: { decision: 'decline' } });
    // Assess: decisions, refusals
    expect(yes.body).toMatchObject({ userId: approved.userId, leaveStatus: 'approved', reason: '在外务工' });
    expect(no.body).toMatchObject({ leaveStatus: 'declined' });
    expectError(await call('decideLeave', { token: undecided.token, params: { id, userId: undecided.userId }, body: { decision: 'approve' } }), 403, 'FORBIDDEN');
    expectError(await call('decideLeave', { token: s.token, params: { id, userId: silent.userId }, body: { decision: 'approve' } }), 404, 'NOT_FOUND');
    const mine = (await call('getThemeDay', { token: approved.token, params: { id } })).body.mine;
    expect(mine).toMatchObject({ rsvp: 'leave', leaveStatus: 'approved' });
    await outboxSettled(`themeday#${id}`);
    const sent = await messagesTo(approved.openid, 'tmpl-leave_decided');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data.phrase3!.value).toBe('已批准');
    // The close counts only the approved leave
    const closed = await close(id, '按计划完成。', s);
    expect(closed.body.stats).toMatchObject({ expected: 5, present: 0, leave: 1, online: 0, absent: 4 }); // four members and the secretary
    const status = async (p: Person) => (await call('myAttendance', { token: p.token })).body.items.find((r: { themeDayId: string }) => r.themeDayId === id)?.status;
    expect([await status(approved), await status(declined), await status(undecided)]).toEqual(['leave', 'absent', 'absent']);
    // The assessment counts the approved leave alone as leave
    const month = shanghaiMonth((await call('getThemeDay', { params: { id } })).body.startsAt);
    const row = (await call('getAssessment', { token: s.token, params: { orgId: branchId }, query: { month } })).body.totals;
    expect(row).toMatchObject({ expected: 5, present: 0, leave: 1, online: 0 });
    // Decisions end with the day
    expectError(await call('decideLeave', { token: s.token, params: { id, userId: declined.userId }, body: { decision: 'approve' } }), 409, 'INVALID_STATE');
  });
});

describe('assessment measures that can fail', () => {
  it('counts a month once however many days, a summary only when long enough and in time', async () => {
    // Prepare: three days in one branch's month: an on-time 百例-style summary, a short one, a late long one
    const { branchId } = await ownTownship('measure');
    const [s] = await withGrant('secretary', branchId, 1);
    await withGrant('member', branchId, 1);
    const onTime = await startedDay(branchId, s);
    const short = await startedDay(branchId, s);
    const late = await startedDay(branchId, s);
    await heldDaysAgo(late, THEMEDAY_RULES.summaryWithinDays + 1);
    // Act
    for (const [id, summary] of [[onTime, LONG_SUMMARY], [short, '按计划完成。'], [late, LONG_SUMMARY]] as const) expect((await close(id, summary, s)).status).toBe(200);
    // Assess
    const month = shanghaiMonth((await call('getThemeDay', { params: { id: onTime } })).body.startsAt);
    const res = await call('getAssessment', { token: s.token, params: { orgId: branchId }, query: { month } });
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ themeDaysHeld: 3, monthsHeld: 1, previewsOnTime: 0, summariesOnTime: 1 });
    expect(res.body).not.toHaveProperty('totals.closedWithSummary');
    const year = await call('getAssessment', { token: s.token, params: { orgId: branchId }, query: { year: month.slice(0, 4) } });
    expect(year.body.totals.monthsHeld).toBe(1);
    expect(year.body.monthsInPeriod).toBe(Number(shanghaiMonth().slice(5, 7)));
  });

  it('counts a preview published on time, and not one published late', async () => {
    // Prepare: one day previewed 10 days ahead, one an hour ahead (late), both then held now
    const { branchId } = await ownTownship('preview');
    const [s] = await withGrant('secretary', branchId, 1);
    const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY_MS + hours * HOUR_MS).toISOString();
    const ahead = await call('createThemeDay', {
      token: s.token,
      params: { branchId },
      body: { title: '学习党章', startsAt: inDays(10), endsAt: inDays(10, 2), location: '村委会', agenda: ['学习'], onlineParticipation: true },
    });
    expect((await call('publishThemeDay', { token: s.token, params: { id: ahead.body.id } })).body.lateNotice).toBe(false);
    await moveThemeDayStart(ahead.body.id, new Date().toISOString());
    const late = await startedDay(branchId, s);
    // Act
    for (const id of [ahead.body.id as string, late]) expect((await close(id, LONG_SUMMARY, s)).status).toBe(200);
    // Assess
    const month = shanghaiMonth((await call('getThemeDay', { params: { id: late } })).body.startsAt);
    const res = await call('getAssessment', { token: s.token, params: { orgId: branchId }, query: { month } });
    expect(res.body.totals).toMatchObject({ themeDaysHeld: 2, monthsHeld: 1, previewsOnTime: 1, summariesOnTime: 2 });
  });
});

describe('township guidance counts visits', () => {
  it('counts one visit per official and day, averages their ratings, and takes visits not tied to a day', async () => {
    // Prepare
    const { branchId, townshipId } = await ownTownship('visits');
    const [s] = await withGrant('secretary', branchId, 1);
    const id = await startedDay(branchId, s);
    const [official] = await withGrant('township_admin', townshipId, 1);
    const admin = await login('demo-admin');
    // Act: three comments from one official, one from another, one visit to the branch without a day
    for (const rating of [2, 3, 5]) {
      expect((await call('giveGuidance', { token: admin, params: { id }, body: { comment: `第 ${rating} 条意见`, rating } })).status).toBe(201);
    }
    expect((await call('giveGuidance', { token: official.token, params: { id }, body: { comment: '很好', rating: 4 } })).status).toBe(201);
    const day = (await call('getThemeDay', { params: { id } })).body;
    const visit = await call('recordBranchVisit', { token: admin, params: { branchId }, body: { kind: 'stationed', visitedOn: shanghaiDate(day.startsAt), comment: '蹲点调研一周。', rating: 3 } });
    // Assess
    expect(visit.status).toBe(201);
    expect(visit.body).toMatchObject({ branchId, kind: 'stationed', rating: 3, byName: expect.any(String) });
    expect((await call('listGuidance', { params: { id } })).body.items).toHaveLength(4);
    // Visits: the admin's (rated 5, their latest), the official's (4), the branch visit (3)
    const res = await call('getAssessment', { token: admin, params: { orgId: branchId }, query: { month: shanghaiMonth(day.startsAt) } });
    expect(res.body.totals).toMatchObject({ guidanceCount: 3, guidanceRatingSum: 12, guidanceAverage: 4 });
    const listed = await call('listBranchVisits', { token: s.token, params: { branchId } });
    expect(listed.body.items).toEqual([visit.body]);
  });

  it('refuses a visit in the future, by a secretary, or to an unknown branch', async () => {
    const admin = await login('demo-admin');
    const body = { kind: 'regular', visitedOn: shanghaiDate(Date.now() + 2 * DAY_MS), comment: '经常性督查。', rating: 4 };
    expectError(await call('recordBranchVisit', { token: admin, params: { branchId: org.branchId }, body }), 400, 'VALIDATION_FAILED');
    expectError(await call('recordBranchVisit', { token: secretary.token, params: { branchId: org.branchId }, body: { ...body, visitedOn: shanghaiDate() } }), 403, 'FORBIDDEN');
    expectError(await call('recordBranchVisit', { token: admin, params: { branchId: 'no-such-branch' }, body: { ...body, visitedOn: shanghaiDate() } }), 404, 'NOT_FOUND');
    expectError(await call('recordBranchVisit', { token: admin, params: { branchId: org.branchId }, body: { ...body, kind: 'weekly' } }), 400, 'VALIDATION_FAILED');
  });
});

describe('ideas', () => {
  it('refuses a member’s support of their own idea, and lists 最新 newest first', async () => {
    const [author, other] = await withGrant('member', org.branchId, 2);
    // An idea from before, with an id that does not sort by time (as the seeded ones)
    const old = { id: 'zz-old-idea', branchId: org.branchId, path: [] as string[], authorId: author.userId, title: '旧创意', content: '旧的内容', category: 'other' as const, moderation: 'visible' as const, supportCount: 0, reportCount: 0, createdAt: new Date(Date.now() - DAY_MS).toISOString() };
    await putRaw(ideaItem(old));
    const create = (title: string) => call('createIdea', { token: author.token, params: { branchId: org.branchId }, body: { title, content: '内容', category: 'study' } });
    const first = await create('第一条');
    const second = await create('第二条');
    expectError(await call('supportIdea', { token: author.token, params: { ideaId: first.body.id } }), 409, 'INVALID_STATE');
    expect((await call('supportIdea', { token: other.token, params: { ideaId: first.body.id } })).body).toEqual({ supportCount: 1, supportedByMe: true });
    const list = await call('listIdeas', { token: other.token, params: { branchId: org.branchId }, query: { sort: 'new' } });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([second.body.id, first.body.id, old.id]);
  });
});
