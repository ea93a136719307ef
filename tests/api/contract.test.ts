// Conventions every route of the contract must keep, checked route by route from the shared table: 401 without a
// token, 400 for malformed JSON / wrong types / unknown fields, 413 for oversized bodies. A new route without a
// sample here fails type-checking, so none is left out.
import { routes, type RouteName } from '@shared/routes';
import { call, expectError, login } from './http';

interface Sample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** A persona allowed to call the route, for the checks that need it to succeed. */
  as?: string;
}

/** Records the samples point at, made in beforeAll (getters below read them when a test runs). */
const fixtures = { themeDayId: '', concernId: '' };
const SOME_ID = '01JCONTRACT0000000000000AA';
const day = () => ({ id: fixtures.themeDayId || SOME_ID });
/** 局长驻点: a bookable slot made in beforeAll; a session start fixed at load, so a retried create sends the same body. */
const bookingFixtures = { slotId: '' };
const SESSION_START = Math.ceil((Date.now() + 3 * 86_400_000) / 3_600_000) * 3_600_000;

const samples: Record<RouteName, Sample> = {
  health: {},
  loginWechat: { body: { code: 'ok-contract' } },
  loginDev: { body: { openid: 'contract-user' } },
  getMe: {},
  updateMe: { body: { displayName: '测试' } },
  deleteMe: {},
  mySubscriptions: {},
  recordSubscriptions: { body: { results: [{ template: 'idea_answered', accepted: true }] } },
  createInvitation: { body: { role: 'member', orgId: 'yucun-dzb' }, as: 'demo-secretary-1' },
  redeemInvitation: { params: { code: 'ABCDEFGH' }, body: { joinedPartyOn: '2001-07-01' } },
  listOrgs: {},
  getOrg: { params: { orgId: 'anji' } },
  listStations: { query: { orgId: 'yucun' } },
  getStation: { params: { stationId: 'st-yucun' } },
  // 主题党日
  createIdea: { params: { branchId: 'yucun-dzb' }, body: { title: '重温入党誓词', content: '到余村两山会址重温誓词', category: 'oath' }, as: 'demo-member-1' },
  listIdeas: { params: { branchId: 'yucun-dzb' } },
  getIdea: { params: { ideaId: SOME_ID } },
  supportIdea: { params: { ideaId: SOME_ID } },
  withdrawSupport: { params: { ideaId: SOME_ID } },
  answerIdea: { params: { ideaId: SOME_ID }, body: { status: 'accepted', reply: '采纳' } },
  reportIdea: { params: { ideaId: SOME_ID }, body: { reason: 'spam' } },
  restoreIdea: { params: { ideaId: SOME_ID } },
  createThemeDay: {
    params: { branchId: 'yucun-dzb' },
    body: { title: '学习研讨', startsAt: '2030-07-01T09:00:00+08:00', endsAt: '2030-07-01T11:00:00+08:00', location: '村委会', agenda: ['学习'], onlineParticipation: true },
    as: 'demo-secretary-1',
  },
  listThemeDays: { params: { branchId: 'yucun-dzb' } },
  getThemeDay: { get params() { return day(); } },
  publishThemeDay: { get params() { return day(); } },
  cancelThemeDay: { get params() { return day(); }, body: { reason: '天气' } },
  rsvp: { get params() { return day(); }, body: { response: 'attending' } },
  createCheckInCode: { get params() { return day(); } },
  checkIn: { get params() { return day(); }, body: { code: 'ABCDEF' } },
  listAttendance: { get params() { return day(); } },
  correctAttendance: { get params() { return { ...day(), userId: 'u-demo-member-1' }; }, body: { status: 'present' } },
  decideLeave: { get params() { return { ...day(), userId: 'u-demo-member-1' }; }, body: { decision: 'approve' } },
  participateOnline: { get params() { return day(); }, body: { content: '学习了党章，深受教育，收获很大。' }, as: 'demo-member-6' },
  closeThemeDay: { get params() { return day(); }, body: { summary: '总结' } },
  myAttendance: {},
  politicalBirthdays: { params: { branchId: 'yucun-dzb' }, query: { month: '2026-07' } },
  celebrateBirthday: { params: { branchId: 'yucun-dzb', userId: SOME_ID, year: '2026' }, body: { oath: true, extras: ['gift_book'] } },
  birthdayCard: { params: { branchId: 'yucun-dzb', userId: SOME_ID, year: '2026' } },
  // 党务公开, 三项考核, 百例
  createNotice: { params: { orgId: 'yucun-dzb' }, body: { title: '党费收缴公示', body: '本月党费已全部收缴。', category: 'party' }, as: 'demo-secretary-1' },
  listNotices: { params: { orgId: 'yucun-dzb' } },
  getNotice: { params: { id: SOME_ID } },
  updateNotice: { params: { id: SOME_ID }, body: { title: '更新' } },
  withdrawNotice: { params: { id: SOME_ID } },
  giveGuidance: { get params() { return day(); }, body: { comment: '议程完整，组织有序。', rating: 5 }, as: 'demo-township-1' },
  listGuidance: { get params() { return day(); } },
  markExemplary: { get params() { return day(); }, body: { category: 'oath' } },
  listCases: {},
  getAssessment: { params: { orgId: 'tianhuangping' }, query: { month: '2026-11' } },
  recordBranchVisit: { params: { branchId: 'yucun-dzb' }, body: { comment: '蹲点调研。', rating: 4, kind: 'stationed', visitedOn: '2026-11-02' }, as: 'demo-township-1' },
  listBranchVisits: { params: { branchId: 'yucun-dzb' } },
  // 群众说事
  raiseConcern: { body: { villageId: 'yucun', category: 'environment', title: '垃圾清运不及时', content: '村口垃圾桶已满三天。' }, as: 'demo-resident-1' },
  myConcerns: {},
  getConcern: { params: { id: SOME_ID } },
  stationConcerns: { params: { stationId: 'st-yucun' } },
  transitionConcern: { params: { id: SOME_ID }, body: { action: 'start', note: '已安排' } },
  concernFeedback: { params: { id: SOME_ID }, body: { satisfied: true, rating: 5 } },
  concernOverview: { params: { orgId: 'tianhuangping' }, query: { month: '2026-11' } },
  exportConcernOverview: { params: { orgId: 'tianhuangping' }, query: { month: '2026-11' } },
  revealConcernPhone: { params: { id: SOME_ID } },
  concernPhotoUpload: { body: { contentType: 'image/jpeg', size: 1000 } },
  // The default caller's own open concern, made in beforeAll.
  concernFollowUp: { get params() { return { id: fixtures.concernId || SOME_ID }; }, body: { note: '补充：垃圾桶又满了。' } },
  // 局长驻点
  createSession: {
    params: { stationId: 'st-yucun' },
    body: { host: '契约测试 · 局长', startsAt: new Date(SESSION_START).toISOString(), endsAt: new Date(SESSION_START + 3_600_000).toISOString(), slotMinutes: 30, seatsPerSlot: 3 },
    as: 'demo-official-1',
  },
  listSessions: { params: { stationId: 'st-yucun' } },
  cancelSession: { params: { sessionId: SOME_ID }, body: { reason: '临时有事' } },
  listSlots: { params: { stationId: 'st-yucun' } },
  createBooking: { get params() { return { slotId: bookingFixtures.slotId || SOME_ID }; }, body: { topic: '咨询宅基地审批' }, as: 'contract-booker' },
  myBookings: {},
  cancelBooking: { params: { bookingId: SOME_ID } },
  stationBookings: { params: { stationId: 'st-yucun' } },
  recordOutcome: { params: { bookingId: SOME_ID }, body: { status: 'completed' } },
  revealBookingPhone: { params: { bookingId: SOME_ID } },
  // 内容审核
  listModeration: { params: { orgId: 'tianhuangping' } },
  decideModeration: { params: { kind: 'idea', id: SOME_ID }, body: { decision: 'reject', reason: '内容与主题无关' } },
  listDeadLetters: {},
  // 组织与驿站管理: the creating POSTs as an admin, under the seeded county committee no other test lists
  createOrg: { body: { parentId: 'deqing-xw', name: '契约测试党支部', type: 'branch', sector: 'government' }, as: 'demo-admin' },
  updateOrg: { params: { orgId: 'yucun' }, body: { name: '契约测试' } },
  archiveOrg: { params: { orgId: 'yucun-dzb' } },
  createStation: { body: { orgId: 'deqing-xw', name: '契约测试驿站', stationType: 'red_steward', address: '县委大院' }, as: 'demo-admin' },
  updateStation: { params: { stationId: 'st-yucun' }, body: { name: '契约测试' } },
  listAudit: { query: { orgId: 'tianhuangping' } },
  // 成员管理
  listInvitations: { params: { orgId: 'yucun-dzb' } },
  revokeInvitation: { params: { code: 'ABCDEFGH' } },
  listGrants: { params: { orgId: 'yucun-dzb' } },
  addGrant: { params: { orgId: 'yucun-dzb' }, body: { userId: 'u-demo-member-5', role: 'member' } },
  revokeGrant: { params: { orgId: 'yucun-dzb', role: 'member', userId: SOME_ID } },
  listMembers: { params: { branchId: 'yucun-dzb' } },
  updateMember: { params: { branchId: 'yucun-dzb', userId: SOME_ID }, body: { partyStatus: 'full' } },
  leaveBranch: { params: { branchId: 'yucun-dzb', userId: SOME_ID } },
  requestTransfer: { params: { branchId: 'yucun-dzb', userId: 'u-demo-member-5' }, body: { toBranchId: 'daxi-dzb', note: '契约测试' }, as: 'demo-secretary-1' },
  listTransfers: { params: { branchId: 'yucun-dzb' } },
  decideTransfer: { params: { transferId: SOME_ID }, body: { decision: 'decline' } },
  // 台账
  importTemplate: {},
  checkImport: { body: { orgId: 'tianhuangping', fileName: '契约.csv', contentBase64: Buffer.from('上级组织,名称,类型,类别,领域\n').toString('base64') } },
  createImport: { body: { orgId: 'deqing-xw', fileName: '契约.csv', contentBase64: Buffer.from('上级组织,名称,类型,类别,领域\n,契约导入党支部,党支部,,机关\n').toString('base64') }, as: 'demo-admin' },
  getImport: { params: { jobId: SOME_ID } },
  runImport: { params: { jobId: SOME_ID } },
  exportRoster: { params: { branchId: 'yucun-dzb' } },
  exportMonthAttendance: { params: { branchId: 'yucun-dzb' }, query: { month: '2031-02' } },
  exportThemeDayAttendance: { get params() { return day(); } },
  exportStationConcerns: { params: { stationId: 'st-yucun' } },
  exportStationBookings: { params: { stationId: 'st-yucun' } },
  // 集中交纳党费
  duesRegister: { params: { branchId: 'yucun-dzb' }, query: { month: '2026-11' } },
  markDues: { params: { branchId: 'yucun-dzb', month: '2026-11', userId: SOME_ID }, body: { amount: 12.5, paid: true } },
  remindDues: { params: { branchId: 'yucun-dzb', month: '2026-11' } },
  exportDues: { params: { branchId: 'yucun-dzb' }, query: { month: '2026-11' } },
};

const names = Object.keys(routes) as RouteName[];
const userRoutes = names.filter((n) => routes[n].auth === 'user');
const bodyRoutes = names.filter((n) => samples[n].body !== undefined);

let token: string;
beforeAll(async () => {
  token = await login('contract-user');
  // A published theme day that has started and takes online participation.
  const secretary = await login('demo-secretary-1');
  const created = await call('createThemeDay', {
    token: secretary,
    params: { branchId: 'yucun-dzb' },
    body: {
      title: '契约测试',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      location: '村委会',
      agenda: ['学习'],
      onlineParticipation: true,
    },
  });
  fixtures.themeDayId = created.body.id;
  const concern = await call('raiseConcern', { token, body: { ...samples.raiseConcern.body } });
  expect(concern.status).toBe(201);
  fixtures.concernId = concern.body.id;
  expect((await call('publishThemeDay', { token: secretary, params: day() })).status).toBe(200);
});

beforeAll(async () => {
  // 局长驻点: one open slot for the booking samples.
  const start = SESSION_START + 86_400_000;
  const created = await call('createSession', {
    token: await login('demo-official-1'),
    params: { stationId: 'st-yucun' },
    body: { host: '契约测试 · 预约', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 1_800_000).toISOString(), slotMinutes: 30, seatsPerSlot: 5 },
  });
  expect(created.status).toBe(201);
  bookingFixtures.slotId = created.body.slots[0].id;
});

describe.each(userRoutes)('%s without a valid token', (name) => {
  it('answers 401 with no token', async () => {
    const res = await call(name, samples[name]);
    expectError(res, 401, 'UNAUTHENTICATED');
  });

  it('answers 401 with a forged token', async () => {
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await call(name, { ...samples[name], token: forged });
    expectError(res, 401, 'UNAUTHENTICATED');
  });
});

describe.each(bodyRoutes)('%s body validation', (name) => {
  const sample = samples[name];

  it('answers 400 VALIDATION_FAILED to malformed JSON', async () => {
    const res = await call(name, { ...sample, token, rawBody: '{"title": "未闭合' });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('answers 400 with details to a field of the wrong type', async () => {
    const [field] = Object.keys(sample.body!);
    const res = await call(name, { ...sample, token, body: { ...sample.body, [field]: { wrong: ['type'] } } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });

  it('answers 400 to a body that is not an object', async () => {
    const res = await call(name, { ...sample, token, rawBody: '[1,2,3]' });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('answers 400 naming an unknown field, which is never stored', async () => {
    const res = await call(name, { ...sample, token, body: { ...sample.body, isAdmin: true } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([{ path: 'isAdmin', message: '不支持的字段' }]));
  });

  it('answers 413 to a body over its limit (64 KiB unless the route takes a file)', async () => {
    const res = await call(name, { ...sample, token, body: { ...sample.body, padding: 'x'.repeat((routes[name].maxBodyBytes ?? 64 * 1024) + 1024) } });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });
});

const idempotentRoutes = names.filter((n) => routes[n].idempotent);

describe.each(idempotentRoutes)('%s with Idempotency-Key', (name) => {
  it('replays a retry with the same key and body, and refuses the key with another body', async () => {
    // Prepare
    const sample = samples[name];
    const caller = await login(sample.as ?? 'contract-user');
    const headers = { 'idempotency-key': `contract-${name}-${Date.now()}` };
    // Act
    const first = await call(name, { ...sample, token: caller, headers });
    const retry = await call(name, { ...sample, token: caller, headers });
    const changed = await call(name, { ...sample, token: caller, headers, body: { ...sample.body, [Object.keys(sample.body!)[0]]: 'changed' } });
    // Assess
    expect(first.status).toBe(routes[name].status);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
    expectError(changed, 409, 'IDEMPOTENCY_MISMATCH');
  });
});
