import { DAY_MS as DAY, HOUR_MS as HOUR } from '@shared/time';
import { checkInCodeItem } from '../../functions/themedays/themeday.entity';
import { call, expectError, freshUser, login } from './http';
import { withGrant, type Person } from './people';
import { ownTownship } from './own-orgs';
import { moveThemeDayStart, putRaw } from './db';

const BRANCH = 'yucun-dzb';
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

function dayBody(startsInMs: number, overrides: Record<string, unknown> = {}) {
  return {
    title: '重温入党誓词',
    startsAt: inMs(startsInMs),
    endsAt: inMs(startsInMs + 2 * HOUR),
    location: '余村村委会二楼会议室',
    agenda: ['重温入党誓词', '学习党章', '交纳党费'],
    onlineParticipation: true,
    ...overrides,
  };
}

const moveStart = (id: string, startsInMs: number) => moveThemeDayStart(id, inMs(startsInMs));

async function newDay(token: string, startsInMs: number, opts: { publish?: boolean; branchId?: string; body?: Record<string, unknown> } = {}) {
  const created = await call('createThemeDay', { token, params: { branchId: opts.branchId ?? BRANCH }, body: dayBody(startsInMs, opts.body) });
  expect(created.status).toBe(201);
  if (opts.publish !== false) expect((await call('publishThemeDay', { token, params: { id: created.body.id } })).status).toBe(200);
  return created.body.id as string;
}

describe('POST /v1/branches/{branchId}/theme-days and publish', () => {
  it('creates a draft that only the branch sees, then publishes it for everyone', async () => {
    // Prepare
    const secretary = await login('demo-secretary-1');
    const idea = await call('createIdea', { token: await login('demo-member-1'), params: { branchId: BRANCH }, body: { title: '重温誓词', content: '在两山会址', category: 'oath' } });
    // Act
    const created = await call('createThemeDay', { token: secretary, params: { branchId: BRANCH }, body: dayBody(10 * DAY, { ideaIds: [idea.body.id] }) });
    const id = created.body.id;
    const publicDraft = await call('getThemeDay', { params: { id } });
    const memberDraft = await call('getThemeDay', { token: await login('demo-member-2'), params: { id } });
    const published = await call('publishThemeDay', { token: secretary, params: { id } });
    const publicView = await call('getThemeDay', { params: { id } });
    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', branchId: BRANCH, branchName: '余村党支部', ideaIds: [idea.body.id] });
    expectError(publicDraft, 404, 'NOT_FOUND');
    expect(memberDraft.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', lateNotice: false });
    expect(publicView.status).toBe(200);
    expect(publicView.body).toMatchObject({ status: 'published', ideas: [{ id: idea.body.id, title: '重温誓词' }] });
    expect(publicView.body.startsAt).toMatch(/Z$/);
    expectError(await call('publishThemeDay', { token: secretary, params: { id } }), 409, 'INVALID_STATE');
  });

  it('marks a preview published less than 3 days ahead as late', async () => {
    const secretary = await login('demo-secretary-1');
    const created = await call('createThemeDay', { token: secretary, params: { branchId: BRANCH }, body: dayBody(2 * DAY) });
    const res = await call('publishThemeDay', { token: secretary, params: { id: created.body.id } });
    expect(res.body.lateNotice).toBe(true);
  });

  it('lists published days publicly and drafts only for the branch, within a time range', async () => {
    // Prepare: a branch of our own, so no other file's days fall in the range
    const { branchId } = await ownTownship('list');
    const [[secretary], [member]] = await Promise.all([withGrant('secretary', branchId, 1), withGrant('member', branchId, 1)]);
    const draft = await newDay(secretary.token, 40 * DAY, { publish: false, branchId });
    const published = await newDay(secretary.token, 41 * DAY, { branchId });
    await newDay(secretary.token, 45 * DAY, { branchId }); // outside the range
    const range = { from: inMs(39 * DAY), to: inMs(42 * DAY) };
    // Act
    const anonymous = await call('listThemeDays', { params: { branchId }, query: range });
    const asMember = await call('listThemeDays', { token: member.token, params: { branchId }, query: range });
    // Assess
    expect(anonymous.body.items.map((d: { id: string }) => d.id)).toEqual([published]);
    expect(asMember.body.items.map((d: { id: string }) => d.id)).toEqual([published, draft]);
  });

  it.each([
    ['a member', 'demo-member-1', 403],
    ['a resident', 'demo-resident-1', 403],
  ])('refuses %s', async (_who, openid, status) => {
    const res = await call('createThemeDay', { token: await login(openid), params: { branchId: BRANCH }, body: dayBody(DAY) });
    expectError(res, status, 'FORBIDDEN');
  });

  it.each([
    ['an end before the start', { endsAt: inMs(-HOUR) }, 'endsAt'],
    ['a time without an offset', { startsAt: '2030-01-01T09:00:00' }, 'startsAt'],
    ['no agenda', { agenda: [] }, 'agenda'],
    ['an idea of another branch', { ideaIds: ['01JNOTANIDEA00000000000000'] }, 'ideaIds'],
  ])('answers 400 to %s', async (_what, overrides, field) => {
    const res = await call('createThemeDay', { token: await login('demo-secretary-1'), params: { branchId: BRANCH }, body: dayBody(DAY, overrides) });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: field })]);
  });

  it('can be cancelled with a reason that everyone sees', async () => {
    const secretary = await login('demo-secretary-1');
    const id = await newDay(secretary, 5 * DAY);
    const res = await call('cancelThemeDay', { token: secretary, params: { id }, body: { reason: '台风预警，改期举行' } });
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '台风预警，改期举行' });
    expect((await call('getThemeDay', { params: { id } })).body.cancelReason).toBe('台风预警，改期举行');
    expectError(await call('rsvp', { token: await login('demo-member-1'), params: { id }, body: { response: 'attending' } }), 409, 'INVALID_STATE');
  });
});

describe('RSVP', () => {
  it('records attending and leave with a reason; leave needs a reason', async () => {
    const id = await newDay(await login('demo-secretary-1'), 4 * DAY);
    const member = await login('demo-member-2');
    expectError(await call('rsvp', { token: member, params: { id }, body: { response: 'leave' } }), 400, 'VALIDATION_FAILED');
    const leave = await call('rsvp', { token: member, params: { id }, body: { response: 'leave', reason: '外出务工' } });
    expect(leave.body).toMatchObject({ rsvp: 'leave', reason: '外出务工' });
    const attending = await call('rsvp', { token: member, params: { id }, body: { response: 'attending' } });
    expect(attending.body.rsvp).toBe('attending');
    expect(attending.body.reason).toBeUndefined();
    expect((await call('getThemeDay', { token: member, params: { id } })).body.mine.rsvp).toBe('attending');
    expectError(await call('rsvp', { token: await login('demo-resident-1'), params: { id }, body: { response: 'attending' } }), 403, 'FORBIDDEN');
  });
});

describe('check-in', () => {
  it('opens codes only for a published day from an hour before its start', async () => {
    const secretary = await login('demo-secretary-1');
    const later = await newDay(secretary, 2 * HOUR);
    const draft = await newDay(secretary, 10 * 60_000, { publish: false });
    expectError(await call('createCheckInCode', { token: secretary, params: { id: later } }), 409, 'INVALID_STATE');
    expectError(await call('createCheckInCode', { token: secretary, params: { id: draft } }), 409, 'INVALID_STATE');
    expectError(await call('createCheckInCode', { token: await login('demo-member-1'), params: { id: later } }), 403, 'FORBIDDEN');
  });

  it('checks a member in once with a fresh code; repeats are harmless; bad codes and outsiders are refused', async () => {
    // Prepare
    const secretary = await login('demo-secretary-1');
    const id = await newDay(secretary, 30 * 60_000);
    const other = await newDay(secretary, 30 * 60_000);
    const code = await call('createCheckInCode', { token: secretary, params: { id } });
    const otherCode = await call('createCheckInCode', { token: secretary, params: { id: other } });
    await putRaw(checkInCodeItem(id, 'EXPIRD', inMs(-1000), 'u-demo-secretary-1'));
    const member = await login('demo-member-3');
    // Act
    const first = await call('checkIn', { token: member, params: { id }, body: { code: code.body.code } });
    const repeat = await call('checkIn', { token: member, params: { id }, body: { code: code.body.code } });
    // Assess
    expect(code.status).toBe(201);
    expect(code.body.qrText).toBe(`checkin:${id}:${code.body.code}`);
    expect(Date.parse(code.body.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ repeated: true, checkedInAt: first.body.checkedInAt });
    const m4 = await login('demo-member-4');
    expectError(await call('checkIn', { token: m4, params: { id }, body: { code: otherCode.body.code } }), 400, 'VALIDATION_FAILED');
    expectError(await call('checkIn', { token: m4, params: { id }, body: { code: 'EXPIRD' } }), 400, 'VALIDATION_FAILED');
    expectError(await call('checkIn', { token: (await freshUser()).token, params: { id }, body: { code: code.body.code } }), 403, 'FORBIDDEN');
    const roster = await call('listAttendance', { token: secretary, params: { id }, query: { limit: 50 } });
    expect(roster.body.items.find((r: { userId: string }) => r.userId === 'u-demo-member-3')).toMatchObject({ status: 'present', source: 'scan' });
  });
});

describe('a whole theme day: check-in, leave, correction, online participation, close', () => {
  let secretary: Person;
  let members: Person[];
  let id: string;

  beforeAll(async () => {
    // A branch of our own whose only members are these 5 (its secretary holds no member grant), a day weeks ahead.
    const { branchId } = await ownTownship('whole');
    [secretary] = await withGrant('secretary', branchId, 1);
    members = await withGrant('member', branchId, 5);
    id = await newDay(secretary.token, 20 * DAY, { branchId });
  });

  it('freezes the right figures and keeps them frozen', async () => {
    // Prepare: two check in, one asks for leave (approved), one is corrected to leave, one joins online
    const [a, b, c, d, e] = members;
    await moveStart(id, 30 * 60_000); // check-in opens an hour before the start
    const code = (await call('createCheckInCode', { token: secretary.token, params: { id } })).body.code;
    expect((await call('checkIn', { token: a.token, params: { id }, body: { code } })).status).toBe(201);
    expect((await call('checkIn', { token: b.token, params: { id }, body: { code } })).status).toBe(201);
    expect((await call('rsvp', { token: c.token, params: { id }, body: { response: 'leave', reason: '生病' } })).status).toBe(200);
    expect((await call('decideLeave', { token: secretary.token, params: { id, userId: c.userId }, body: { decision: 'approve' } })).status).toBe(200);
    expect((await call('correctAttendance', { token: secretary.token, params: { id, userId: d.userId }, body: { status: 'leave' } })).status).toBe(200);
    expectError(await call('participateOnline', { token: e.token, params: { id }, body: { content: '还没开始就提交的心得，应被拒绝。' } }), 409, 'INVALID_STATE');
    // The day starts now: not earlier, or the members who joined minutes ago would not be expected at it.
    await moveStart(id, 0);
    const online = await call('participateOnline', { token: e.token, params: { id }, body: { content: '因出差未能到场，线上学习了党章并写下心得。' } });
    expect(online.status).toBe(201);
    expect(online.body.reviewStatus).toBe('published');
    // a present member who also writes a reflection stays present
    expect((await call('participateOnline', { token: a.token, params: { id }, body: { content: '到场之后也写一篇心得体会。' } })).status).toBe(201);

    // Act
    const closed = await call('closeThemeDay', { token: secretary.token, params: { id }, body: { summary: '5 名党员应到，2 人现场签到。' } });

    // Assess
    const expected = members.length + 1; // and the secretary, a member of the branch
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({
      status: 'closed',
      stats: { expected, present: 2, leave: 2, online: 1, absent: expected - 5, attendanceRate: Math.round((2 / expected) * 10_000) / 10_000 },
    });
    expect((await call('getThemeDay', { params: { id } })).body.stats).toEqual(closed.body.stats);
    // Frozen: nothing about attendance can change any more
    expectError(await call('correctAttendance', { token: secretary.token, params: { id, userId: c.userId }, body: { status: 'present' } }), 409, 'INVALID_STATE');
    expectError(await call('checkIn', { token: c.token, params: { id }, body: { code } }), 409, 'INVALID_STATE');
    // (Online participation stays open after the close: tests/api/themeday-rules.test.ts.)
    expectError(await call('rsvp', { token: c.token, params: { id }, body: { response: 'attending' } }), 409, 'INVALID_STATE');
    // A retried close returns the same figures
    expect((await call('closeThemeDay', { token: secretary.token, params: { id }, body: { summary: '重复' } })).body).toEqual(closed.body);
    // Each member's history shows their final status
    const historyOf = async (p: Person) =>
      (await call('myAttendance', { token: p.token })).body.items.find((r: { themeDayId: string }) => r.themeDayId === id);
    expect(await historyOf(a)).toMatchObject({ status: 'present', themeDay: { id, status: 'closed' } });
    expect(await historyOf(c)).toMatchObject({ status: 'leave' });
    expect(await historyOf(e)).toMatchObject({ status: 'online' });
  });

  it('refuses corrections for someone outside the branch and closing by a member', async () => {
    const [s] = await withGrant('secretary', 'nanxun-qiao-dzb', 1);
    const day = await newDay(s.token, 30 * 60_000, { branchId: 'nanxun-qiao-dzb' });
    expectError(await call('correctAttendance', { token: s.token, params: { id: day, userId: 'u-demo-member-1' }, body: { status: 'present' } }), 404, 'NOT_FOUND');
    expectError(await call('closeThemeDay', { token: s.token, params: { id: day }, body: { summary: '还没开始' } }), 409, 'INVALID_STATE');
    const [m] = await withGrant('member', 'nanxun-qiao-dzb', 1);
    expectError(await call('closeThemeDay', { token: m.token, params: { id: day }, body: { summary: 'x' } }), 403, 'FORBIDDEN');
  });
});

describe('online participation', () => {
  it('is refused when the day does not open it, and keeps reflections the content check wants reviewed', async () => {
    const secretary = await login('demo-secretary-1');
    const closedToOnline = await newDay(secretary, -60_000, { body: { onlineParticipation: false } });
    const open = await newDay(secretary, -60_000);
    const member = await login('demo-member-7');
    expectError(await call('participateOnline', { token: member, params: { id: closedToOnline }, body: { content: '这一天没有开放线上参与。' } }), 409, 'INVALID_STATE');
    const review = await call('participateOnline', { token: member, params: { id: open }, body: { content: '【待审】需要人工审核的心得内容。' } });
    expect(review.body.reviewStatus).toBe('pending_review');
    expectError(await call('participateOnline', { token: await login('demo-member-8'), params: { id: open }, body: { content: '【违规】不能发布的内容。' } }), 422, 'CONTENT_REJECTED');
    expectError(await call('participateOnline', { token: member, params: { id: open }, body: { content: '太短' } }), 400, 'VALIDATION_FAILED');
  });
});
