// The refusals (400/403/404/409) of routes whose error paths had no test: each with a clear error code, and the
// record unchanged where a refused write could have touched it. Records live in a township of this file's own.
import { DAY_MS, HOUR_MS } from '@shared/time';
import { noticeKeys } from '../../functions/notices/notice.entity';
import { themeDayKeys } from '../../functions/themedays/themeday.entity';
import { closeDb, itemAt } from './db';
import { call, expectError, login } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

afterAll(closeDb);

const UNKNOWN = '01JUNKNOWN0000000000000000';
let org: OwnTownship;
let secretary: Person;
let member: Person;
let outsider: Person;

const inDays = (days: number, plusMs = 0) => new Date(Date.now() + days * DAY_MS + plusMs).toISOString();

async function newDay(opts: { publish?: boolean; inDays?: number } = {}): Promise<string> {
  const at = opts.inDays ?? 20;
  const created = await call('createThemeDay', {
    token: secretary.token,
    params: { branchId: org.branchId },
    body: { title: '学习党章', startsAt: inDays(at), endsAt: inDays(at, 2 * HOUR_MS), location: '村委会', agenda: ['学习'], onlineParticipation: true },
  });
  expect(created.status).toBe(201);
  if (opts.publish !== false) expect((await call('publishThemeDay', { token: secretary.token, params: { id: created.body.id } })).status).toBe(200);
  return created.body.id;
}

beforeAll(async () => {
  org = await ownTownship('refuse');
  const other = await ownTownship('refusex');
  [[secretary], [member], [outsider]] = await Promise.all([
    withGrant('secretary', org.branchId, 1),
    withGrant('member', org.branchId, 1),
    withGrant('member', other.branchId, 1),
  ]);
}, 120_000);

describe('theme days', () => {
  it('cancelThemeDay: 400 without a reason, 403 for a member, 404 for an unknown day, 409 once cancelled', async () => {
    // Prepare
    const id = await newDay();
    // Act
    const noReason = await call('cancelThemeDay', { token: secretary.token, params: { id }, body: { reason: ' ' } });
    const byMember = await call('cancelThemeDay', { token: member.token, params: { id }, body: { reason: '不是我能取消的' } });
    const unknown = await call('cancelThemeDay', { token: secretary.token, params: { id: UNKNOWN }, body: { reason: '没有这一天' } });
    const stillPublished = await itemAt(themeDayKeys.day(id));
    const cancelled = await call('cancelThemeDay', { token: secretary.token, params: { id }, body: { reason: '台风' } });
    const again = await call('cancelThemeDay', { token: secretary.token, params: { id }, body: { reason: '又取消一次' } });
    // Assess
    expectError(noReason, 400, 'VALIDATION_FAILED');
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ path: 'reason' })]);
    expectError(byMember, 403, 'FORBIDDEN');
    expectError(unknown, 404, 'NOT_FOUND');
    expect(stillPublished).toMatchObject({ status: 'published' });
    expect(cancelled.status).toBe(200);
    expectError(again, 409, 'INVALID_STATE');
    expect(await itemAt(themeDayKeys.day(id))).toMatchObject({ status: 'cancelled', cancelReason: '台风' });
  });

  it('publishThemeDay: 403 for a member, 404 for an unknown day and for another branch’s draft, 409 once published', async () => {
    const draft = await newDay({ publish: false });
    expectError(await call('publishThemeDay', { token: member.token, params: { id: draft } }), 403, 'FORBIDDEN');
    expectError(await call('publishThemeDay', { token: secretary.token, params: { id: UNKNOWN } }), 404, 'NOT_FOUND');
    expectError(await call('publishThemeDay', { token: outsider.token, params: { id: draft } }), 404, 'NOT_FOUND');
    expect(await itemAt(themeDayKeys.day(draft))).toMatchObject({ status: 'draft' });
    expect((await call('publishThemeDay', { token: secretary.token, params: { id: draft } })).status).toBe(200);
    expectError(await call('publishThemeDay', { token: secretary.token, params: { id: draft } }), 409, 'INVALID_STATE');
  });

  it('listThemeDays: 400 for a malformed range, 404 for an unknown branch or an org that is not a branch', async () => {
    expectError(await call('listThemeDays', { params: { branchId: org.branchId }, query: { from: 'yesterday' } }), 400, 'VALIDATION_FAILED');
    expectError(await call('listThemeDays', { params: { branchId: org.branchId }, query: { limit: 0 } }), 400, 'VALIDATION_FAILED');
    expectError(await call('listThemeDays', { params: { branchId: 'nowhere-dzb' } }), 404, 'NOT_FOUND');
    expectError(await call('listThemeDays', { params: { branchId: org.villageId } }), 404, 'NOT_FOUND');
  });

  it('listAttendance: 400 for a bad limit, 403 for a member, 404 for an unknown day', async () => {
    const id = await newDay();
    expectError(await call('listAttendance', { token: secretary.token, params: { id }, query: { limit: 0 } }), 400, 'VALIDATION_FAILED');
    expectError(await call('listAttendance', { token: member.token, params: { id } }), 403, 'FORBIDDEN');
    expectError(await call('listAttendance', { token: secretary.token, params: { id: UNKNOWN } }), 404, 'NOT_FOUND');
    expect((await call('listAttendance', { token: secretary.token, params: { id } })).status).toBe(200);
  });

  it('correctAttendance: 400 for an unknown status, 403 for a member, 404 for an unknown day or someone outside the branch', async () => {
    const id = await newDay();
    const badStatus = await call('correctAttendance', { token: secretary.token, params: { id, userId: member.userId }, body: { status: 'late' } });
    expectError(badStatus, 400, 'VALIDATION_FAILED');
    expect(badStatus.body.error.details).toEqual([expect.objectContaining({ path: 'status' })]);
    expectError(await call('correctAttendance', { token: member.token, params: { id, userId: member.userId }, body: { status: 'present' } }), 403, 'FORBIDDEN');
    expectError(await call('correctAttendance', { token: secretary.token, params: { id: UNKNOWN, userId: member.userId }, body: { status: 'present' } }), 404, 'NOT_FOUND');
    expectError(await call('correctAttendance', { token: secretary.token, params: { id, userId: outsider.userId }, body: { status: 'present' } }), 404, 'NOT_FOUND');
    expect(await itemAt(themeDayKeys.attendance(id, member.userId))).toBeUndefined();
    expect(await itemAt(themeDayKeys.attendance(id, outsider.userId))).toBeUndefined();
  });
});

describe('ideas', () => {
  async function newIdea(): Promise<string> {
    const res = await call('createIdea', { token: member.token, params: { branchId: org.branchId }, body: { title: '参观党史馆', content: '组织党员参观县党史馆。', category: 'visit' } });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  it('restoreIdea: 403 for a member, 404 for an unknown idea and for another branch’s member', async () => {
    const id = await newIdea();
    expectError(await call('restoreIdea', { token: member.token, params: { ideaId: id } }), 403, 'FORBIDDEN');
    expectError(await call('restoreIdea', { token: secretary.token, params: { ideaId: UNKNOWN } }), 404, 'NOT_FOUND');
    expectError(await call('restoreIdea', { token: outsider.token, params: { ideaId: id } }), 404, 'NOT_FOUND');
    expectError(await call('restoreIdea', { token: secretary.token, params: { ideaId: 'bad$id' } }), 400, 'VALIDATION_FAILED');
  });

  it('withdrawSupport: 403 for township staff (not a member), 404 for an unknown idea and for an outsider; the count unchanged', async () => {
    // Prepare: one support from another member (nobody supports their own idea)
    const id = await newIdea();
    const [[staff], [supporter]] = await Promise.all([withGrant('township_admin', org.townshipId, 1), withGrant('member', org.branchId, 1)]);
    expect((await call('supportIdea', { token: supporter.token, params: { ideaId: id } })).status).toBe(200);
    // Act
    const byStaff = await call('withdrawSupport', { token: staff.token, params: { ideaId: id } });
    const unknown = await call('withdrawSupport', { token: member.token, params: { ideaId: UNKNOWN } });
    const byOutsider = await call('withdrawSupport', { token: outsider.token, params: { ideaId: id } });
    // Assess
    expectError(byStaff, 403, 'FORBIDDEN');
    expectError(unknown, 404, 'NOT_FOUND');
    expectError(byOutsider, 404, 'NOT_FOUND');
    expect((await call('getIdea', { token: supporter.token, params: { ideaId: id } })).body).toMatchObject({ supportCount: 1, supportedByMe: true });
  });
});

describe('notices', () => {
  it('updateNotice: 400 for an empty title or an unknown field, 403 for a member, 404 for unknown and withdrawn notices', async () => {
    // Prepare
    const created = await call('createNotice', { token: secretary.token, params: { orgId: org.branchId }, body: { title: '党费公示', body: '本月党费已全部收缴。', category: 'party' } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const gone = await call('createNotice', { token: secretary.token, params: { orgId: org.branchId }, body: { title: '将撤回', body: '将撤回的公告。', category: 'party' } });
    expect((await call('withdrawNotice', { token: secretary.token, params: { id: gone.body.id } })).status).toBe(204);
    // Act
    const emptyTitle = await call('updateNotice', { token: secretary.token, params: { id }, body: { title: ' ' } });
    const unknownField = await call('updateNotice', { token: secretary.token, params: { id }, body: { orgId: 'yucun-dzb' } });
    const byMember = await call('updateNotice', { token: member.token, params: { id }, body: { title: '改标题' } });
    const unknown = await call('updateNotice', { token: secretary.token, params: { id: UNKNOWN }, body: { title: '改标题' } });
    const withdrawn = await call('updateNotice', { token: secretary.token, params: { id: gone.body.id }, body: { title: '改标题' } });
    // Assess
    expectError(emptyTitle, 400, 'VALIDATION_FAILED');
    expect(emptyTitle.body.error.details).toEqual([expect.objectContaining({ path: 'title' })]);
    expectError(unknownField, 400, 'VALIDATION_FAILED');
    expectError(byMember, 403, 'FORBIDDEN');
    expectError(unknown, 404, 'NOT_FOUND');
    expectError(withdrawn, 404, 'NOT_FOUND');
    expect(await itemAt(noticeKeys.notice(id))).toMatchObject({ title: '党费公示', orgId: org.branchId });
    expect(await itemAt(noticeKeys.notice(gone.body.id))).toMatchObject({ title: '将撤回', status: 'withdrawn' });
  });

  it('listNotices: 400 for a bad limit or cursor, 404 for an unknown org', async () => {
    expectError(await call('listNotices', { params: { orgId: org.branchId }, query: { limit: 51 } }), 400, 'VALIDATION_FAILED');
    expectError(await call('listNotices', { params: { orgId: org.branchId }, query: { cursor: 'garbage' } }), 400, 'BAD_CURSOR');
    expectError(await call('listNotices', { params: { orgId: 'nowhere' } }), 404, 'NOT_FOUND');
  });
});

describe('stations', () => {
  // listStations is public and filters by a query parameter: no one is refused (403) and an org without stations is an
  // empty list, not a 404; what it refuses is a malformed request.
  it('listStations: 400 for a missing or malformed orgId, a bad limit or a forged cursor; an unknown org lists nothing', async () => {
    const missing = await call('listStations');
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'orgId' })]);
    const malformed = await call('listStations', { query: { orgId: '余村/../x' } });
    expectError(malformed, 400, 'VALIDATION_FAILED');
    expect(malformed.body.error.details).toEqual([expect.objectContaining({ path: 'orgId' })]);
    expectError(await call('listStations', { query: { orgId: org.villageId, limit: 51 } }), 400, 'VALIDATION_FAILED');
    expectError(await call('listStations', { query: { orgId: org.villageId, cursor: 'garbage' } }), 400, 'BAD_CURSOR');
    // The same calls well formed: the village's one station, and nothing for an unknown org
    const listed = await call('listStations', { query: { orgId: org.villageId, limit: 1 } });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([org.stationId]);
    const unknown = await call('listStations', { query: { orgId: 'nowhere' } });
    expect(unknown.status).toBe(200);
    expect(unknown.body.items).toEqual([]);
  });
});

describe('case library', () => {
  it('listCases: 400 for an unknown category, a bad limit or a forged cursor', async () => {
    const badCategory = await call('listCases', { query: { category: 'party' } });
    expectError(badCategory, 400, 'VALIDATION_FAILED');
    expect(badCategory.body.error.details).toEqual([expect.objectContaining({ path: 'category' })]);
    expectError(await call('listCases', { query: { limit: 0 } }), 400, 'VALIDATION_FAILED');
    expectError(await call('listCases', { query: { cursor: 'garbage' } }), 400, 'BAD_CURSOR');
  });
});

describe('as the seeded secretary of another branch', () => {
  it('cancelThemeDay and listAttendance refuse a secretary of another branch', async () => {
    const id = await newDay();
    const other = await login('demo-secretary-1');
    expectError(await call('cancelThemeDay', { token: other, params: { id }, body: { reason: '别的支部' } }), 403, 'FORBIDDEN');
    expectError(await call('listAttendance', { token: other, params: { id } }), 403, 'FORBIDDEN');
    expect(await itemAt(themeDayKeys.day(id))).toMatchObject({ status: 'published' });
  });
});
