// 台账导出: each export holds what its screen's route returns, row for row, and is refused to whoever the screen refuses.
import { ATTENDANCE_STATUS_LABELS, BOOKING_STATUS_LABELS, CONCERN_STATUS_LABELS, PARTY_STATUS_LABELS } from '@shared/labels';
import { formatDate, shanghaiDate, shanghaiMonth, DAY_MS } from '@shared/time';
import { call, expectError, type CallResult } from './http';
import { readXlsx } from './ledger-files';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

let org: OwnTownship;
let secretary: Person;
let members: Person[];
let official: Person;
let dayId = '';
const someday = (days: number, time: string) => `${shanghaiDate(Date.now() + days * DAY_MS)}T${time}:00+08:00`;

function ok(what: string, r: CallResult): CallResult {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

beforeAll(async () => {
  org = await ownTownship('exp');
  [[secretary], members, [official]] = await Promise.all([withGrant('secretary', org.branchId, 1), withGrant('member', org.branchId, 3), withGrant('official', org.stationId, 1)]);
  ok('member date', await call('updateMember', { token: secretary.token, params: { branchId: org.branchId, userId: members[0]!.userId }, body: { joinedPartyOn: '1999-07-01', partyStatus: 'full' } }));
  const day = ok('day', await call('createThemeDay', {
    token: secretary.token, params: { branchId: org.branchId },
    body: { title: '导出测试党日', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: false },
  }));
  dayId = day.body.id;
  ok('publish', await call('publishThemeDay', { token: secretary.token, params: { id: dayId } }));
  ok('rsvp', await call('rsvp', { token: members[1]!.token, params: { id: dayId }, body: { response: 'leave', reason: '出差' } }));
  ok('concern', await call('raiseConcern', { token: members[2]!.token, body: { villageId: org.villageId, category: 'environment', title: '路灯坏了', content: '村口路灯坏了一周。' } }));
  const session = ok('session', await call('createSession', { token: official.token, params: { stationId: org.stationId }, body: { host: '李局长', startsAt: someday(3, '09:00'), endsAt: someday(3, '10:00'), slotMinutes: 30, seatsPerSlot: 2 } }));
  ok('booking', await call('createBooking', { token: members[2]!.token, params: { slotId: session.body.slots[0].id }, body: { topic: '咨询宅基地审批' } }));
}, 180_000);

const sheetOf = async (r: CallResult, name: string) => {
  expect(r.status).toBe(200);
  expect(r.body.fileName).toMatch(/\.xlsx$/);
  return (await readXlsx(r.body.contentBase64))[name]!;
};

describe('exports hold what the screens show', () => {
  it('roster', async () => {
    const screen = (await call('listMembers', { token: secretary.token, params: { branchId: org.branchId }, query: { limit: '50' } })).body.items;
    const rows = await sheetOf(await call('exportRoster', { token: secretary.token, params: { branchId: org.branchId } }), '花名册');
    expect(screen).toHaveLength(4); // three members and the secretary
    expect(rows[0]).toEqual(['姓名', '手机号', '入党日期', '党员状态', '加入支部日期']);
    expect(rows.slice(1)).toEqual(screen.map((m: { displayName: string; phoneMasked?: string; joinedPartyOn?: string; partyStatus?: 'full'; joinedBranchAt: string }) =>
      [m.displayName, m.phoneMasked ?? '', m.joinedPartyOn ?? '', m.partyStatus ? PARTY_STATUS_LABELS[m.partyStatus] : '', formatDate(m.joinedBranchAt)]));
    expect(rows.some((r) => r[2] === '1999-07-01' && r[3] === '正式党员')).toBe(true);
  });

  it('attendance of a theme day, and the month', async () => {
    const screen = (await call('listAttendance', { token: secretary.token, params: { id: dayId }, query: { limit: '50' } })).body.items;
    const rows = await sheetOf(await call('exportThemeDayAttendance', { token: secretary.token, params: { id: dayId } }), '考勤');
    expect(screen.length).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3]])).toEqual(screen.map((a: { displayName?: string; rsvp?: 'leave' | 'attending'; reason?: string; status?: 'present' }) =>
      [a.displayName ?? '', a.rsvp ? { attending: '参加', leave: '请假' }[a.rsvp] : '', a.reason ?? '', a.status ? ATTENDANCE_STATUS_LABELS[a.status] : '']));
    expect(rows.some((r) => r[1] === '请假' && r[2] === '出差')).toBe(true);
    const days = (await call('listThemeDays', { token: secretary.token, params: { branchId: org.branchId } })).body.items;
    const month = await sheetOf(await call('exportMonthAttendance', { token: members[0]!.token, params: { branchId: org.branchId }, query: { month: shanghaiMonth() } }), shanghaiMonth());
    expect(month.slice(1).map((r) => r[1])).toEqual(days.map((d: { title: string }) => d.title));
  });

  it("a closed day's figures, as the day shows them", async () => {
    expect((await call('closeThemeDay', { token: secretary.token, params: { id: dayId }, body: { summary: '导出测试总结' } })).status).toBe(200);
    const stats = (await call('getThemeDay', { token: secretary.token, params: { id: dayId } })).body.stats;
    const sheets = await readXlsx((await call('exportThemeDayAttendance', { token: secretary.token, params: { id: dayId } })).body.contentBase64);
    expect(sheets['汇总']).toEqual([
      ['应到', '出席', '请假', '线上参与', '缺席', '出勤率'],
      [stats.expected, stats.present, stats.leave, stats.online, stats.absent, `${(stats.attendanceRate * 100).toFixed(1)}%`].map(String),
    ]);
  });

  it("a station's concerns and bookings", async () => {
    const concerns = (await call('stationConcerns', { token: official.token, params: { stationId: org.stationId }, query: { limit: '50' } })).body.items;
    const concernRows = await sheetOf(await call('exportStationConcerns', { token: official.token, params: { stationId: org.stationId } }), '群众诉求');
    expect(concerns).toHaveLength(1);
    expect(concernRows.slice(1).map((r) => [r[0], r[3], r[5]])).toEqual(concerns.map((c: { trackingNo: string; title: string; status: 'submitted' }) => [c.trackingNo, c.title, CONCERN_STATUS_LABELS[c.status]]));
    const date = shanghaiDate(Date.now() + 3 * DAY_MS);
    const bookings = (await call('stationBookings', { token: official.token, params: { stationId: org.stationId }, query: { limit: '50', date } })).body.items;
    const bookingRows = await sheetOf(await call('exportStationBookings', { token: official.token, params: { stationId: org.stationId }, query: { date } }), '预约');
    expect(bookings).toHaveLength(1);
    expect(bookingRows.slice(1).map((r) => [r[1], r[4], r[5]])).toEqual(bookings.map((b: { host: string; topic: string; status: 'booked' }) => [b.host, b.topic, BOOKING_STATUS_LABELS[b.status]]));
  });
});

describe('exports are refused as the screens are', () => {
  it('a member cannot export the roster; another station cannot export ours', async () => {
    expectError(await call('exportRoster', { token: members[0]!.token, params: { branchId: org.branchId } }), 403, 'FORBIDDEN');
    expectError(await call('exportThemeDayAttendance', { token: members[0]!.token, params: { id: dayId } }), 403, 'FORBIDDEN');
    expect([403, 404]).toContain((await call('exportStationConcerns', { token: secretary.token, params: { stationId: org.stationId } })).status);
  });
});
