// Issue 14 defects 7 and 8 and the issue 15 transfer rule: where a concern may be transferred, a transfer keeping the
// resident's promise while it stays overdue against the station that let it lapse, and a booking outcome turned into
// a concern passing the content check and filed under the station's own org.
import { concernItem, concernKeys, toConcernRecord } from '../../functions/concerns/concern.entity';
import { runOverdueDigest } from '../../functions/jobs/overdue-digest';
import { stationItem } from '../../functions/orgs/org.entity';
import { bookingKeys } from '../../functions/bookings/booking.entity';
import { DAY_MS as DAY, shanghaiDate } from '@shared/time';
import { bookSlot, openSession, startSlot } from './booking-fixtures';
import { closeDb, itemAt, outboxSettled, putRaw } from './db';
import { call, expectError, freshUser, login } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';
import { grantAtWeChat, messagesTo } from './wechat-fake';

afterAll(closeDb);

const body = (villageId: string, extra: Record<string, unknown> = {}) => ({
  villageId,
  category: 'environment',
  title: '村口垃圾清运不及时',
  content: '村口垃圾桶已经满了三天，请尽快清运。',
  ...extra,
});

async function raise(villageId: string, extra: Record<string, unknown> = {}) {
  const res = await call('raiseConcern', { token: (await freshUser('trustc')).token, body: body(villageId, extra) });
  expect(res.status).toBe(201);
  return res.body;
}

const transfer = (token: string, id: string, toStationId: string) =>
  call('transitionConcern', { token, params: { id }, body: { action: 'transfer', note: '转办', toStationId } });

/** A township of our own with a second, township-level station (局长驻点工作室) and an official for each. */
async function townshipWithTwoStations(tag: string): Promise<OwnTownship & { townStationId: string; villageOfficial: Person; townOfficial: Person }> {
  const own = await ownTownship(tag);
  const townStationId = `${own.stationId}-town`;
  const townshipPath = ['huzhou', 'test-county', own.townshipId];
  await putRaw(stationItem({ id: townStationId, name: `${tag}镇局长驻点工作室`, orgId: own.townshipId, address: `${tag}镇政府`, lat: 30.5, lng: 119.5, path: [...townshipPath, townStationId], townshipId: own.townshipId }));
  const [[villageOfficial], [townOfficial]] = await Promise.all([withGrant('official', own.stationId, 1), withGrant('official', townStationId, 1)]);
  return { ...own, townStationId, villageOfficial: villageOfficial!, townOfficial: townOfficial! };
}

describe('transfers stay inside the township unless staff covering both send them', () => {
  it('lets the station’s official transfer within the township, and refuses another township with a clear 403', async () => {
    // Prepare: 余村 and 大溪村 are in 天荒坪镇; 黄杜村 (溪龙乡) and 仙潭村 (莫干山镇) are not
    const official = await login('demo-official-1');
    const c = await raise('yucun');
    // Act
    const elsewhere = await transfer(official, c.id, 'st-huangdu');
    const otherCounty = await transfer(official, c.id, 'st-xiantan');
    const inside = await transfer(official, c.id, 'st-daxi');
    // Assess
    expectError(elsewhere, 403, 'FORBIDDEN');
    expect(elsewhere.body.error.message).toContain('本乡镇');
    expectError(otherCounty, 403, 'FORBIDDEN');
    expect(inside.status).toBe(200);
    expect(inside.body.stationId).toBe('st-daxi');
  });

  it('refuses a township admin covering only the sending side, and lets an admin covering both transfer across', async () => {
    // Prepare
    const c = await raise('yucun');
    // Act
    const townshipAdmin = await transfer(await login('demo-township-1'), c.id, 'st-xiantan');
    const admin = await transfer(await login('demo-admin'), c.id, 'st-xiantan');
    // Assess
    expectError(townshipAdmin, 403, 'FORBIDDEN');
    expect(admin.status).toBe(200);
    expect(admin.body.stationId).toBe('st-xiantan');
  });
});

describe('a transfer keeps the promise, and the lapse counts against the station that let it pass', () => {
  let own: Awaited<ReturnType<typeof townshipWithTwoStations>>;
  beforeAll(async () => {
    own = await townshipWithTwoStations('lapse');
  });

  it('returns the original dueAt and the receiver’s own transferDueAt; the digest goes to the sender, not the receiver', async () => {
    // Prepare: a concern at the village station, its promise lapsed two days ago; both officials asked for the digest
    const c = await raise(own.villageId);
    const key = concernKeys.concern(c.id);
    const lapsedDue = new Date(Date.now() - 2 * DAY).toISOString();
    await putRaw(concernItem({ ...toConcernRecord((await itemAt(key))!), dueAt: lapsedDue }));
    for (const o of [own.villageOfficial, own.townOfficial]) {
      expect((await call('recordSubscriptions', { token: o.token, body: { results: [{ template: 'overdue_digest', accepted: true }] } })).status).toBe(200);
      await grantAtWeChat(o.openid, 'tmpl-overdue_digest', 5);
    }
    // Act
    const moved = await transfer(own.villageOfficial.token, c.id, own.townStationId);
    await runOverdueDigest(shanghaiDate());
    await outboxSettled(`station#${own.stationId}`);
    // Assess: the promise is kept and shown beside the receiver's own deadline
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'transferred', stationId: own.townStationId, dueAt: lapsedDue, overdue: false });
    expect(Date.parse(moved.body.transferDueAt)).toBeGreaterThan(Date.now() + 2.9 * DAY); // 环境卫生: 3 days from the transfer
    const seen = await call('getConcern', { token: own.townOfficial.token, params: { id: c.id } });
    expect(seen.body).toMatchObject({ dueAt: lapsedDue, transferDueAt: moved.body.transferDueAt });
    // The receiver's overdue queue does not hold it against them...
    const queue = await call('stationConcerns', { token: own.townOfficial.token, params: { stationId: own.townStationId }, query: { overdue: 'true' } });
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    expect(await messagesTo(own.townOfficial.openid, 'tmpl-overdue_digest')).toHaveLength(0);
    // ...the sender's digest still counts it.
    const sent = await messagesTo(own.villageOfficial.openid, 'tmpl-overdue_digest');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toMatchObject({ number2: { value: '1' }, character_string3: { value: c.trackingNo } });
  });

  it('counts a receiver late by its own deadline only', async () => {
    // Prepare: transferred in time, then the receiver's own deadline passed
    const c = await raise(own.villageId, { title: '路灯不亮' });
    const moved = await transfer(own.villageOfficial.token, c.id, own.townStationId);
    expect(moved.status).toBe(200);
    const key = concernKeys.concern(c.id);
    const past = new Date(Date.now() - DAY).toISOString();
    await putRaw(concernItem({ ...toConcernRecord((await itemAt(key))!), dueAt: new Date(Date.now() - 3 * DAY).toISOString(), transferDueAt: past }));
    // Act
    const seen = await call('getConcern', { token: own.townOfficial.token, params: { id: c.id } });
    const queue = await call('stationConcerns', { token: own.townOfficial.token, params: { stationId: own.townStationId }, query: { overdue: 'true' } });
    // Assess
    expect(seen.body).toMatchObject({ overdue: true, transferDueAt: past });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
  });
});

describe('a booking outcome turned into a concern', () => {
  let own: Awaited<ReturnType<typeof townshipWithTwoStations>>;
  beforeAll(async () => {
    own = await townshipWithTwoStations('fromb');
  });

  async function startedBooking(topic: string): Promise<{ bookingId: string; token: string }> {
    const session = await openSession({ stationId: own.townStationId, as: 'demo-admin' });
    const { token } = await freshUser('fromb');
    const res = await bookSlot(token, session.slots[0].id, { topic });
    expect(res.status).toBe(201);
    await startSlot(session.slots[0].id, [res.body.id]);
    return { bookingId: res.body.id, token };
  }

  const outcome = (bookingId: string, note: string) =>
    call('recordOutcome', { token: own.townOfficial.token, params: { bookingId }, body: { status: 'completed', note, createConcern: true } });

  it('at a township-level station is filed under the township, not under the station’s id', async () => {
    const { bookingId, token } = await startedBooking('咨询土地流转政策');
    const res = await outcome(bookingId, '需跟进');
    expect(res.status).toBe(200);
    const concern = await call('getConcern', { token, params: { id: res.body.concernId } });
    expect(concern.body).toMatchObject({ villageId: own.townshipId, villageName: 'fromb镇', stationId: own.townStationId });
  });

  it('passes the content check: risky text is refused before anything is saved, text for review is kept and queued', async () => {
    // Prepare
    const risky = await startedBooking('咨询宅基地审批');
    const review = await startedBooking('咨询医保报销');
    // Act
    const refused = await outcome(risky.bookingId, '【违规】不能发布的内容');
    const queued = await outcome(review.bookingId, '【待审】需要人工审核的内容');
    // Assess
    expectError(refused, 422, 'CONTENT_REJECTED');
    const stored = await itemAt(bookingKeys.booking(risky.bookingId));
    expect(stored).toMatchObject({ status: 'booked' });
    expect(stored).not.toHaveProperty('concernId');
    expect(queued.status).toBe(200);
    const concern = await call('getConcern', { token: review.token, params: { id: queued.body.concernId } });
    expect(concern.body.pendingReview).toBe(true);
    const modQueue = await call('listModeration', { token: await login('demo-admin'), params: { orgId: own.townshipId } });
    expect(modQueue.status).toBe(200);
    expect(JSON.stringify(modQueue.body)).toContain(queued.body.concernId);
  });
});
