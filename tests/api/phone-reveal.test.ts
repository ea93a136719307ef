// 联系群众: only the responsible station's own officials see a resident's phone number, on a concern (the station
// holding it now) or a booking (the session's station). Each reveal writes an audit entry in the same transaction and
// counts against the official's daily limit (QUOTA_RULES.phoneReveal); nothing is counted or recorded for a refusal.
import { QUOTA_RULES } from '@shared/rules/quotas';
import { auditKeys } from '../../functions/audit/audit.entity';
import { quotaKeys, windowOf } from '../../functions/quotas/quota.entity';
import { bookSlot, hourAhead, openSession } from './booking-fixtures';
import { closeDb, itemAt, partition } from './db';
import { call, expectError, freshUser, login } from './http';
import { invoke } from './invoke';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

afterAll(closeDb);

const PHONE = '13912345678';
const RULE = QUOTA_RULES.phoneReveal;

let own: OwnTownship;
let official: Person;
let townshipAdmin: Person;
let otherOfficial: Person;
beforeAll(async () => {
  own = await ownTownship('reveal', { villages: 2 });
  [[official], [townshipAdmin], [otherOfficial]] = await Promise.all([
    withGrant('official', own.stationId, 1),
    withGrant('township_admin', own.townshipId, 1),
    withGrant('official', own.villages[1]!.stationId, 1),
  ]) as [Person[], Person[], Person[]];
});

async function raise(resident: { token: string }, phone: string | null = PHONE) {
  const res = await call('raiseConcern', {
    token: resident.token,
    body: { villageId: own.villageId, category: 'other', title: '路灯不亮', content: '村口路灯坏了一周。', ...(phone ? { contactPhone: phone } : {}) },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; contactPhoneMasked?: string };
}

const revealConcern = (token: string | undefined, id: string) => call('revealConcernPhone', { token, params: { id } });
const revealBooking = (token: string | undefined, bookingId: string) => call('revealBookingPhone', { token, params: { bookingId } });

/** The station's audit entries about one record. */
async function auditOf(targetId: string) {
  return (await partition(auditKeys.partition(own.villageId))).filter((e) => (e.target as { id: string }).id === targetId);
}

const revealsCounted = async (userId: string) => Number((await itemAt(quotaKeys.counter(userId, 'phoneReveal', windowOf(Date.now(), RULE.windowSeconds).start)))?.n ?? 0);

describe('联系群众 on a concern', () => {
  it('shows the station’s official the number and records who, when and which concern in the audit log', async () => {
    // Prepare
    const resident = await freshUser('reveal');
    const c = await raise(resident);
    const before = await revealsCounted(official.userId);
    // Act
    const t0 = new Date().toISOString();
    const res = await revealConcern(official.token, c.id);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe(PHONE);
    expect(c.contactPhoneMasked).toBe('139****5678');
    const entries = await auditOf(c.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'phone.reveal',
      actorId: official.userId,
      target: { kind: 'concern', id: c.id },
      orgId: own.villageId,
      orgPath: ['huzhou', own.countyId, own.townshipId, own.villageId],
      at: res.body.revealedAt,
    });
    expect(String(entries[0]!.at) >= t0).toBe(true);
    expect(JSON.stringify(entries[0])).not.toContain(PHONE); // the log says that it was seen, not what
    expect(await revealsCounted(official.userId)).toBe(before + 1);
  });

  it('refuses everyone else: 403 to those who see the concern, 404 to those who do not, 401 without a token', async () => {
    // Prepare
    const resident = await freshUser('reveal');
    const stranger = await freshUser('reveal');
    const c = await raise(resident);
    const foreignAdmin = await login('demo-township-1'); // 天荒坪镇: not our township
    // Act
    const [author, admin, otherStation, otherResident, otherTownship, anonymous] = await Promise.all([
      revealConcern(resident.token, c.id),
      revealConcern(townshipAdmin.token, c.id),
      revealConcern(otherOfficial.token, c.id),
      revealConcern(stranger.token, c.id),
      revealConcern(foreignAdmin, c.id),
      revealConcern(undefined, c.id),
    ]);
    // Assess
    expectError(author, 403, 'FORBIDDEN'); // the resident knows their own number; this route is for officials
    expectError(admin, 403, 'FORBIDDEN'); // handles the township's queue, but does not call residents
    expect(admin.body.error.message).toContain('驻点干部');
    expectError(otherStation, 404, 'NOT_FOUND');
    expectError(otherResident, 404, 'NOT_FOUND');
    expectError(otherTownship, 404, 'NOT_FOUND');
    expectError(anonymous, 401, 'UNAUTHENTICATED');
    expect(await auditOf(c.id)).toEqual([]);
    expect(await revealsCounted(townshipAdmin.userId)).toBe(0);
  });

  it('after a transfer, the new station’s official may call and the old station’s may not', async () => {
    // Prepare
    const c = await raise(await freshUser('reveal'));
    const moved = await call('transitionConcern', {
      token: official.token,
      params: { id: c.id },
      body: { action: 'transfer', note: '转至邻村', toStationId: own.villages[1]!.stationId },
    });
    expect(moved.status).toBe(200);
    // Act
    const [oldStation, newStation] = [await revealConcern(official.token, c.id), await revealConcern(otherOfficial.token, c.id)];
    // Assess
    expectError(oldStation, 404, 'NOT_FOUND');
    expect(newStation.status).toBe(200);
    expect(newStation.body.phone).toBe(PHONE);
  });

  it('says so when there is no number: none given, or the account erased (nothing counted or recorded)', async () => {
    // Prepare
    const quiet = await raise(await freshUser('reveal'), null);
    const leaver = await freshUser('reveal');
    const gone = await raise(leaver);
    expect((await call('deleteMe', { token: leaver.token })).status).toBe(204);
    const before = await revealsCounted(official.userId);
    // Act
    const [none, erased] = await Promise.all([revealConcern(official.token, quiet.id), revealConcern(official.token, gone.id)]);
    // Assess
    expectError(none, 409, 'INVALID_STATE');
    expect(none.body.error.message).toContain('没有留下联系电话');
    expectError(erased, 409, 'INVALID_STATE');
    expect(erased.body.error.message).toContain('已注销');
    expect(await auditOf(quiet.id)).toEqual([]);
    expect(await auditOf(gone.id)).toEqual([]);
    expect(await revealsCounted(official.userId)).toBe(before);
  });
});

describe('联系群众 on a booking', () => {
  it('shows the session station’s official the booker’s number; the booker and staff get 403, others 404', async () => {
    // Prepare
    const session = await openSession({ stationId: own.stationId, as: official.openid, start: hourAhead(3) });
    const booker = await freshUser('reveal');
    const booked = await bookSlot(booker.token, session.slots[0].id, { topic: '咨询低保政策', contactPhone: PHONE });
    expect(booked.status).toBe(201);
    const bookingId = booked.body.id as string;
    // Act
    const [mine, admin, otherStation, stranger] = await Promise.all([
      revealBooking(booker.token, bookingId),
      revealBooking(townshipAdmin.token, bookingId),
      revealBooking(otherOfficial.token, bookingId),
      revealBooking((await freshUser('reveal')).token, bookingId),
    ]);
    const res = await revealBooking(official.token, bookingId);
    // Assess
    expectError(mine, 403, 'FORBIDDEN');
    expectError(admin, 403, 'FORBIDDEN');
    expectError(otherStation, 404, 'NOT_FOUND');
    expectError(stranger, 404, 'NOT_FOUND');
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe(PHONE);
    const entries = await auditOf(bookingId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'phone.reveal', actorId: official.userId, target: { kind: 'booking', id: bookingId } });
  });
});

describe('the daily limit', () => {
  // In process: the run's API multiplies quotas (tests/setup/global-setup.ts); here they hold at their real value.
  it(`allows ${RULE.limit} reveals a day per official, then 429 with Retry-After; each allowed one is in the audit log`, async () => {
    // Prepare: a fresh official of the station, and one concern with a number
    const [busy] = await withGrant('official', own.stationId, 1);
    const c = await raise(await freshUser('reveal'));
    // Act
    const statuses: number[] = [];
    for (let i = 0; i < RULE.limit; i++) statuses.push((await invoke('revealConcernPhone', busy!.token, { params: { id: c.id } })).status);
    const refused = await invoke('revealConcernPhone', busy!.token, { params: { id: c.id } });
    // Assess
    expect(statuses).toEqual(Array(RULE.limit).fill(200));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('明天') });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(RULE.windowSeconds);
    expect(await revealsCounted(busy!.userId)).toBe(RULE.limit);
    expect((await auditOf(c.id)).filter((e) => e.actorId === busy!.userId)).toHaveLength(RULE.limit);
    // Another official of the same station is not affected
    expect((await invoke('revealConcernPhone', official.token, { params: { id: c.id } })).status).toBe(200);
  });
});
