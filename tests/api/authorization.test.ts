// Every route of the table, called by people who must not act on another org's records: a member of the same branch
// (for what only its leaders do), a secretary of another branch, an official of another station, a township admin of
// another township, and no token at all. Routes come from shared/routes.ts: a route added later runs here by itself,
// and one without an entry below fails, so nobody forgets to say who may call it.
import { routes, type RouteName } from '@shared/routes';
import { DAY_MS, shanghaiDate, shanghaiMonth } from '@shared/time';
import { call, login, type CallOptions, type CallResult } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant } from './people';

type Foreign = 'sameBranchMember' | 'otherSecretary' | 'otherOfficial' | 'otherTownshipAdmin';
const FOREIGN: Foreign[] = ['sameBranchMember', 'otherSecretary', 'otherOfficial', 'otherTownshipAdmin'];

/**
 * public: anyone, no token. self: any signed-in user, on their own account (never called as the personas: deleteMe
 * would end them). anyUser: any signed-in user (a resident raising a concern). role: only some roles on the target's
 * org; `members` also lets the branch's own members in (ideas, RSVP, check-in), so only the other three are refused.
 */
type Access = 'public' | 'self' | 'anyUser' | 'role' | 'role+members';

interface Fixtures {
  org: OwnTownship;
  dayId: string;
  ideaId: string;
  heldIdeaId: string;
  noticeId: string;
  concernId: string;
  sessionId: string;
  slotId: string;
  bookingId: string;
  invitationCode: string;
  /** A member of the branch other than the sameBranchMember persona (the target of roster routes). */
  memberId: string;
  transferId: string;
  importId: string;
}

const f = {} as Fixtures;
const someday = (days: number, time: string) => `${shanghaiDate(Date.now() + days * DAY_MS)}T${time}:00+08:00`;

/** Who may call each route, and a request as its rightful caller would send it, on records of our own township. */
const table: Record<RouteName, { access: Access; sample: () => CallOptions }> = {
  health: { access: 'public', sample: () => ({}) },
  loginWechat: { access: 'public', sample: () => ({ body: { code: 'nonsense' } }) },
  loginDev: { access: 'public', sample: () => ({ body: { openid: 'authz-anyone' } }) },
  getMe: { access: 'self', sample: () => ({}) },
  updateMe: { access: 'self', sample: () => ({ body: { displayName: '测试' } }) },
  deleteMe: { access: 'self', sample: () => ({}) },
  mySubscriptions: { access: 'self', sample: () => ({}) },
  recordSubscriptions: { access: 'self', sample: () => ({ body: { results: [{ template: 'idea_answered', accepted: true }] } }) },
  createInvitation: { access: 'role', sample: () => ({ body: { role: 'member', orgId: f.org.branchId } }) },
  redeemInvitation: { access: 'anyUser', sample: () => ({ params: { code: f.invitationCode } }) },
  listOrgs: { access: 'public', sample: () => ({}) },
  getOrg: { access: 'public', sample: () => ({ params: { orgId: f.org.branchId } }) },
  listStations: { access: 'public', sample: () => ({ query: { orgId: f.org.villageId } }) },
  getStation: { access: 'public', sample: () => ({ params: { stationId: f.org.stationId } }) },
  createIdea: { access: 'role+members', sample: () => ({ params: { branchId: f.org.branchId }, body: { title: '参观党史馆', content: '组织党员参观县党史馆。', category: 'other' } }) },
  listIdeas: { access: 'role+members', sample: () => ({ params: { branchId: f.org.branchId } }) },
  getIdea: { access: 'role+members', sample: () => ({ params: { ideaId: f.ideaId } }) },
  supportIdea: { access: 'role+members', sample: () => ({ params: { ideaId: f.ideaId } }) },
  withdrawSupport: { access: 'role+members', sample: () => ({ params: { ideaId: f.ideaId } }) },
  answerIdea: { access: 'role', sample: () => ({ params: { ideaId: f.ideaId }, body: { status: 'accepted', reply: '越权回复' } }) },
  reportIdea: { access: 'role+members', sample: () => ({ params: { ideaId: f.ideaId }, body: { reason: 'spam' } }) },
  restoreIdea: { access: 'role', sample: () => ({ params: { ideaId: f.ideaId } }) },
  createThemeDay: {
    access: 'role',
    sample: () => ({
      params: { branchId: f.org.branchId },
      body: { title: '学习党章', startsAt: someday(40, '09:00'), endsAt: someday(40, '11:00'), location: '村委会', agenda: ['学习'], onlineParticipation: false },
    }),
  },
  listThemeDays: { access: 'public', sample: () => ({ params: { branchId: f.org.branchId } }) },
  getThemeDay: { access: 'public', sample: () => ({ params: { id: f.dayId } }) },
  publishThemeDay: { access: 'role', sample: () => ({ params: { id: f.dayId } }) },
  cancelThemeDay: { access: 'role', sample: () => ({ params: { id: f.dayId }, body: { reason: '越权取消' } }) },
  rsvp: { access: 'role+members', sample: () => ({ params: { id: f.dayId }, body: { response: 'attending' } }) },
  createCheckInCode: { access: 'role', sample: () => ({ params: { id: f.dayId } }) },
  checkIn: { access: 'role+members', sample: () => ({ params: { id: f.dayId }, body: { code: 'ABCDEF' } }) },
  listAttendance: { access: 'role', sample: () => ({ params: { id: f.dayId } }) },
  correctAttendance: { access: 'role', sample: () => ({ params: { id: f.dayId, userId: 'u-demo-member-1' }, body: { status: 'present' } }) },
  decideLeave: { access: 'role', sample: () => ({ params: { id: f.dayId, userId: 'u-demo-member-1' }, body: { decision: 'approve' } }) },
  participateOnline: { access: 'role+members', sample: () => ({ params: { id: f.dayId }, body: { content: '越权提交的线上心得内容。' } }) },
  closeThemeDay: { access: 'role', sample: () => ({ params: { id: f.dayId }, body: { summary: '越权结束' } }) },
  myAttendance: { access: 'self', sample: () => ({}) },
  celebrateBirthday: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId, userId: f.memberId, year: shanghaiMonth().slice(0, 4) }, body: { oath: true, extras: ['talk'] } }) },
  // Until celebrated, only the member, their branch and staff above see the card.
  birthdayCard: { access: 'role+members', sample: () => ({ params: { branchId: f.org.branchId, userId: f.memberId, year: shanghaiMonth().slice(0, 4) } }) },
  politicalBirthdays: { access: 'role+members', sample: () => ({ params: { branchId: f.org.branchId }, query: { month: shanghaiMonth() } }) },
  createSession: {
    access: 'role',
    sample: () => ({ params: { stationId: f.org.stationId }, body: { host: '越权局长', startsAt: someday(50, '09:00'), endsAt: someday(50, '10:00'), slotMinutes: 30, seatsPerSlot: 2 } }),
  },
  listSessions: { access: 'role', sample: () => ({ params: { stationId: f.org.stationId } }) },
  cancelSession: { access: 'role', sample: () => ({ params: { sessionId: f.sessionId }, body: { reason: '越权取消' } }) },
  listSlots: { access: 'public', sample: () => ({ params: { stationId: f.org.stationId } }) },
  createBooking: { access: 'anyUser', sample: () => ({ params: { slotId: f.slotId }, body: { topic: '咨询' } }) },
  myBookings: { access: 'self', sample: () => ({}) },
  cancelBooking: { access: 'role', sample: () => ({ params: { bookingId: f.bookingId } }) },
  stationBookings: { access: 'role', sample: () => ({ params: { stationId: f.org.stationId } }) },
  recordOutcome: { access: 'role', sample: () => ({ params: { bookingId: f.bookingId }, body: { status: 'completed', note: '已接待' } }) },
  revealBookingPhone: { access: 'role', sample: () => ({ params: { bookingId: f.bookingId } }) },
  createNotice: { access: 'role', sample: () => ({ params: { orgId: f.org.branchId }, body: { title: '党费公示', body: '本月党费已全部收缴。', category: 'party' } }) },
  listNotices: { access: 'public', sample: () => ({ params: { orgId: f.org.branchId } }) },
  getNotice: { access: 'public', sample: () => ({ params: { id: f.noticeId } }) },
  updateNotice: { access: 'role', sample: () => ({ params: { id: f.noticeId }, body: { title: '越权修改' } }) },
  withdrawNotice: { access: 'role', sample: () => ({ params: { id: f.noticeId } }) },
  giveGuidance: { access: 'role', sample: () => ({ params: { id: f.dayId }, body: { comment: '越权指导意见。', rating: 5 } }) },
  listGuidance: { access: 'public', sample: () => ({ params: { id: f.dayId } }) },
  markExemplary: { access: 'role', sample: () => ({ params: { id: f.dayId } }) },
  listCases: { access: 'public', sample: () => ({}) },
  getAssessment: { access: 'role', sample: () => ({ params: { orgId: f.org.branchId }, query: { month: shanghaiMonth() } }) },
  recordBranchVisit: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId }, body: { kind: 'random', visitedOn: shanghaiDate(), comment: '越权督查。', rating: 3 } }) },
  listBranchVisits: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId } }) },
  raiseConcern: { access: 'anyUser', sample: () => ({ body: { villageId: f.org.villageId, category: 'environment', title: '说事', content: '村口垃圾桶已满。' } }) },
  myConcerns: { access: 'self', sample: () => ({}) },
  getConcern: { access: 'role', sample: () => ({ params: { id: f.concernId } }) },
  stationConcerns: { access: 'role', sample: () => ({ params: { stationId: f.org.stationId } }) },
  transitionConcern: { access: 'role', sample: () => ({ params: { id: f.concernId }, body: { action: 'start', note: '越权处理' } }) },
  concernFeedback: { access: 'role', sample: () => ({ params: { id: f.concernId }, body: { satisfied: true, rating: 5 } }) },
  revealConcernPhone: { access: 'role', sample: () => ({ params: { id: f.concernId } }) },
  concernPhotoUpload: { access: 'anyUser', sample: () => ({ body: { contentType: 'image/jpeg', size: 1000 } }) },
  // Only the author adds to a concern: anyone else gets 404, as for reading it.
  concernFollowUp: { access: 'role', sample: () => ({ params: { id: f.concernId }, body: { note: '越权补充' } }) },
  concernOverview: { access: 'role', sample: () => ({ params: { orgId: f.org.townshipId }, query: { month: shanghaiMonth() } }) },
  exportConcernOverview: { access: 'role', sample: () => ({ params: { orgId: f.org.townshipId }, query: { month: shanghaiMonth() } }) },
  listModeration: { access: 'role', sample: () => ({ params: { orgId: f.org.branchId } }) },
  decideModeration: { access: 'role', sample: () => ({ params: { kind: 'idea', id: f.heldIdeaId }, body: { decision: 'approve' } }) },
  listDeadLetters: { access: 'role', sample: () => ({}) },
  // 组织与驿站管理: the target township's staff only (no one here holds it; refusals are what is checked).
  createOrg: { access: 'role', sample: () => ({ body: { parentId: f.org.townshipId, name: '越权新建村', type: 'village' } }) },
  updateOrg: { access: 'role', sample: () => ({ params: { orgId: f.org.villageId }, body: { name: '越权改名' } }) },
  archiveOrg: { access: 'role', sample: () => ({ params: { orgId: f.org.branchId } }) },
  createStation: { access: 'role', sample: () => ({ body: { orgId: f.org.townshipId, name: '越权驿站', stationType: 'red_steward', address: '某地' } }) },
  updateStation: { access: 'role', sample: () => ({ params: { stationId: f.org.stationId }, body: { name: '越权改名' } }) },
  listAudit: { access: 'role', sample: () => ({ query: { orgId: f.org.townshipId } }) },
  listInvitations: { access: 'role', sample: () => ({ params: { orgId: f.org.branchId } }) },
  revokeInvitation: { access: 'role', sample: () => ({ params: { code: f.invitationCode } }) },
  listGrants: { access: 'role', sample: () => ({ params: { orgId: f.org.branchId } }) },
  addGrant: { access: 'role', sample: () => ({ params: { orgId: f.org.branchId }, body: { userId: f.memberId, role: 'secretary' } }) },
  revokeGrant: { access: 'role', sample: () => ({ params: { orgId: f.org.branchId, role: 'member', userId: f.memberId }, query: { confirm: 'true' } }) },
  listMembers: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId } }) },
  updateMember: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId, userId: f.memberId }, body: { joinedPartyOn: '2001-07-01' } }) },
  leaveBranch: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId, userId: f.memberId } }) },
  requestTransfer: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId, userId: f.memberId }, body: { toBranchId: f.org.villages[1]!.branchId } }) },
  listTransfers: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId } }) },
  decideTransfer: { access: 'role', sample: () => ({ params: { transferId: f.transferId }, body: { decision: 'accept' } }) },
  // 台账: imports by staff over the import root; exports as their screens
  importTemplate: { access: 'anyUser', sample: () => ({}) },
  checkImport: { access: 'role', sample: () => ({ body: importBody() }) },
  createImport: { access: 'role', sample: () => ({ body: importBody() }) },
  getImport: { access: 'role', sample: () => ({ params: { jobId: f.importId } }) },
  runImport: { access: 'role', sample: () => ({ params: { jobId: f.importId } }) },
  exportRoster: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId } }) },
  exportMonthAttendance: { access: 'role+members', sample: () => ({ params: { branchId: f.org.branchId }, query: { month: shanghaiMonth() } }) },
  exportThemeDayAttendance: { access: 'role', sample: () => ({ params: { id: f.dayId } }) },
  exportStationConcerns: { access: 'role', sample: () => ({ params: { stationId: f.org.stationId } }) },
  exportStationBookings: { access: 'role', sample: () => ({ params: { stationId: f.org.stationId } }) },
  // 集中交纳党费: the branch's secretary keeps it, staff above read it.
  duesRegister: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId }, query: { month: shanghaiMonth() } }) },
  markDues: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId, month: shanghaiMonth(), userId: f.memberId }, body: { amount: 10, paid: true } }) },
  remindDues: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId, month: shanghaiMonth() } }) },
  exportDues: { access: 'role', sample: () => ({ params: { branchId: f.org.branchId }, query: { month: shanghaiMonth() } }) },
};

/** A CSV of one new village under our township. */
const importBody = () => ({ orgId: f.org.townshipId, fileName: '导入.csv', contentBase64: Buffer.from('上级组织,名称,类型,类别,领域\n,授权测试村,村（社区）,村,\n').toString('base64') });

const tokens = {} as Record<Foreign, string>;

async function created(what: string, res: Promise<CallResult>): Promise<CallResult> {
  const r = await res;
  if (r.status !== 201 && r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

beforeAll(async () => {
  // Prepare: our township (the target) and another one (where the foreign personas hold their roles)
  const [org, other] = await Promise.all([ownTownship('authz', { villages: 2 }), ownTownship('authzx')]);
  f.org = org;
  const [[secretary], [member], [official], [resident]] = await Promise.all([
    withGrant('secretary', org.branchId, 1),
    withGrant('member', org.branchId, 1),
    withGrant('official', org.stationId, 1),
    withGrant('member', org.branchId, 1), // the author of a concern and a booking; a member is a resident too
  ]);
  const foreign = await Promise.all([
    withGrant('secretary', other.branchId, 1),
    withGrant('official', other.stationId, 1),
    withGrant('township_admin', other.townshipId, 1),
  ]);
  Object.assign(tokens, { sameBranchMember: member!.token, otherSecretary: foreign[0][0]!.token, otherOfficial: foreign[1][0]!.token, otherTownshipAdmin: foreign[2][0]!.token });

  const day = await created('theme day', call('createThemeDay', { token: secretary!.token, ...table.createThemeDay.sample() }));
  f.dayId = day.body.id;
  await created('publish', call('publishThemeDay', { token: secretary!.token, params: { id: f.dayId } }));
  f.ideaId = (await created('idea', call('createIdea', { token: member!.token, ...table.createIdea.sample() }))).body.id;
  const held = await created('held idea', call('createIdea', { token: member!.token, params: { branchId: org.branchId }, body: { title: '【待审】待审核的创意', content: '等待审核的内容。', category: 'other' } }));
  f.heldIdeaId = held.body.id;
  f.noticeId = (await created('notice', call('createNotice', { token: secretary!.token, ...table.createNotice.sample() }))).body.id;
  f.concernId = (await created('concern', call('raiseConcern', { token: resident!.token, ...table.raiseConcern.sample() }))).body.id;
  const session = await created('session', call('createSession', { token: official!.token, ...table.createSession.sample() }));
  f.sessionId = session.body.id;
  f.slotId = session.body.slots[0].id;
  f.bookingId = (await created('booking', call('createBooking', { token: resident!.token, params: { slotId: f.slotId }, body: { topic: '咨询宅基地审批' } }))).body.id;
  f.invitationCode = (await created('invitation', call('createInvitation', { token: secretary!.token, body: { role: 'member', orgId: org.branchId } }))).body.code;
  f.memberId = resident!.userId;
  f.transferId = (await created('transfer', call('requestTransfer', { token: secretary!.token, ...table.requestTransfer.sample() }))).body.id;
  const [admin] = await withGrant('township_admin', org.townshipId, 1);
  f.importId = (await created('import', call('createImport', { token: admin!.token, ...table.createImport.sample() }))).body.id;
}, 240_000);

const names = Object.keys(routes) as RouteName[];
const refusedBy = (access: Access): Foreign[] =>
  access === 'role' ? FOREIGN : access === 'role+members' ? FOREIGN.filter((p) => p !== 'sameBranchMember') : [];

describe('authorization over the route table', () => {
  it('has an expectation for every route, and none for a route that is gone', () => {
    expect(names.length).toBeGreaterThan(60);
    expect(Object.keys(table).sort()).toEqual([...names].sort());
    // What the cases below check: most routes are guarded by a role.
    expect(names.filter((n) => table[n]?.access.startsWith('role')).length).toBeGreaterThanOrEqual(35);
  });

  it.each(names)('%s refuses whoever may not call it', async (name) => {
    const entry = table[name];
    if (!entry) throw new Error(`route ${name} has no entry in the authorization table of tests/api/authorization.test.ts`);
    // Act
    const refusers = refusedBy(entry.access);
    const answers = await Promise.all(refusers.map(async (who) => [who, (await call(name, { ...entry.sample(), token: tokens[who] })).status] as const));
    const anonymous = routes[name].auth === 'user' ? await call(name, entry.sample()) : undefined;
    // Assess
    expect(refusers).toHaveLength(entry.access === 'role' ? 4 : entry.access === 'role+members' ? 3 : 0);
    for (const [who, status] of answers) expect({ who, status, refused: [401, 403, 404].includes(status) }).toEqual({ who, status, refused: true });
    if (anonymous) expect(anonymous.status).toBe(401);
    else expect(routes[name].auth).toBe('public');
  });

  it('left the target records as they were', async () => {
    const token = await login('demo-admin');
    expect((await call('getThemeDay', { token, params: { id: f.dayId } })).body).toMatchObject({ status: 'published', title: '学习党章' });
    expect((await call('getNotice', { params: { id: f.noticeId } })).body.title).toBe('党费公示');
    expect((await call('getIdea', { token, params: { ideaId: f.heldIdeaId } })).body.status).toBe('pending_review');
    expect((await call('getConcern', { token, params: { id: f.concernId } })).body.status).toBe('submitted');
    expect((await call('listGuidance', { params: { id: f.dayId } })).body.items).toEqual([]);
    expect((await call('getOrg', { params: { orgId: f.org.villageId } })).body.name).not.toBe('越权改名');
    expect((await call('getOrg', { params: { orgId: f.org.branchId } })).body).not.toHaveProperty('archivedAt');
    expect((await call('getStation', { params: { stationId: f.org.stationId } })).body.name).not.toBe('越权改名');
    const roster = await call('listMembers', { token, params: { branchId: f.org.branchId } });
    expect(roster.body.items.find((m: { userId: string }) => m.userId === f.memberId)).toMatchObject({ userId: f.memberId });
    expect(roster.body.items.find((m: { userId: string }) => m.userId === f.memberId).joinedPartyOn).toBeUndefined();
    expect((await call('listTransfers', { token, params: { branchId: f.org.branchId } })).body.outgoing).toEqual([expect.objectContaining({ id: f.transferId, status: 'pending' })]);
    const codes = (await call('listInvitations', { token, params: { orgId: f.org.branchId } })).body.items;
    expect(codes.find((i: { code: string }) => i.code === f.invitationCode)).toEqual(expect.objectContaining({ uses: 0 }));
    expect(codes.find((i: { code: string }) => i.code === f.invitationCode).revokedAt).toBeUndefined();
  });
});
