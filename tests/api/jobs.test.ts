// The scheduled jobs that spend subscribe grants: session reminders and the overdue-concerns digest. Each runs twice
// over data made through the API and must enqueue one outbox event per due event (the outbox then sends it to the
// fake WeChat server, through outages): exactly one message each.
// The stations are the file's own, and the jobs run over every station: assertions are about what reached our people
// (messages, grants left), never about the run's totals, which other files' data share.
import { runOverdueDigest } from '../../functions/jobs/overdue-digest';
import { runSessionReminders } from '../../functions/jobs/session-reminders';
import { DAY_MS as DAY, shanghaiDate } from '@shared/time';
import { bookingKeys } from '../../functions/bookings/booking.entity';
import { concernKeys } from '../../functions/concerns/concern.entity';
import { closeDb, itemAt, outboxSettled, partition } from './db';
import { outboxKeys } from '../../functions/notifications/outbox.entity';
import { call, freshUser, login } from './http';
import { withGrant } from './people';
import { ownTownship, type OwnTownship } from './own-orgs';
import { grantAtWeChat, messagesTo, untilRefused, wechatOutage } from './wechat-fake';

afterAll(closeDb);

/** The user asks for `count` messages of the template in the app, and WeChat holds as many grants. */
async function grant(user: { token: string; openid: string }, template: string, count = 1): Promise<void> {
  const res = await call('recordSubscriptions', { token: user.token, body: { results: Array.from({ length: count }, () => ({ template, accepted: true })) } });
  expect(res.status).toBe(200);
  await grantAtWeChat(user.openid, `tmpl-${template}`, 5);
}

const grantsLeft = async (token: string, template: string): Promise<number> =>
  (await call('mySubscriptions', { token })).body.templates.find((t: { key: string }) => t.key === template).grants;

describe('the session-reminder job', () => {
  let own: OwnTownship;
  beforeAll(async () => {
    own = await ownTownship('remind');
  });

  async function openSession(startsAt: number): Promise<string[]> {
    const res = await call('createSession', {
      token: await login('demo-admin'),
      params: { stationId: own.stationId },
      body: { host: `提醒测试局长${Math.random().toString(36).slice(2, 6)}`, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3600_000).toISOString(), slotMinutes: 30, seatsPerSlot: 5 },
    });
    expect(res.status).toBe(201);
    return res.body.slots.map((s: { id: string }) => s.id);
  }

  async function book(token: string, slotId: string, topic = '咨询宅基地审批'): Promise<string> {
    const res = await call('createBooking', { token, params: { slotId }, body: { topic } });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  it('reminds each live booking of tomorrow exactly once, however often it runs', async () => {
    // Prepare: sessions on one day 47 days ahead (09:00 Shanghai) and on the day after it
    const sessionDay = shanghaiDate(Date.now() + 47 * DAY);
    const start = Date.parse(`${sessionDay}T09:00:00+08:00`);
    const runDay = shanghaiDate(start - DAY);
    const [early, late] = await openSession(start);
    const [dayAfter] = await openSession(start + DAY);
    const [a, b, cancelled, noGrant, tooEarly] = await Promise.all(Array.from({ length: 5 }, () => freshUser('remind')));
    for (const u of [a, b, cancelled, tooEarly]) await grant(u, 'session_reminder');
    const longTopic = '咨询宅基地审批和农房改造补助政策的具体办理流程与所需材料';
    const liveId = await book(a.token, early, longTopic);
    const bId = await book(b.token, late);
    const cancelledId = await book(cancelled.token, early);
    expect((await call('cancelBooking', { token: cancelled.token, params: { bookingId: cancelledId } })).status).toBe(200);
    const noGrantId = await book(noGrant.token, late);
    const tooEarlyId = await book(tooEarly.token, dayAfter);
    // Only live bookings are in their day's reminder partition.
    expect((await itemAt(bookingKeys.booking(liveId)))?.gsi3pk).toBe(bookingKeys.remindersOfDay(sessionDay));
    expect(await itemAt(bookingKeys.booking(cancelledId))).not.toHaveProperty('gsi3pk');

    // Act: WeChat is down for a while the job runs (twice), then back
    await wechatOutage([a.openid], true);
    const first = await runSessionReminders(runDay);
    const second = await runSessionReminders(runDay);
    await untilRefused(a.openid, 1);
    await wechatOutage([a.openid], false);
    for (const id of [liveId, bId, noGrantId]) await outboxSettled(`booking#${id}`);

    // Assess: a (after the outage), b sent; the resident without a grant not sent; nothing enqueued the second time.
    // Totals include other files' bookings of that day, so they are checked only as lower bounds; ours are exact.
    expect(first).toMatchObject({ date: runDay, sessionDate: sessionDay });
    expect(first.due).toBeGreaterThanOrEqual(3);
    expect(first.outcomes.queued).toBeGreaterThanOrEqual(3);
    expect(second.outcomes.already_done).toBeGreaterThanOrEqual(3);
    for (const id of [liveId, bId, noGrantId]) {
      expect((await partition(outboxKeys.subject(`booking#${id}`))).map((e) => [e.template, e.state])).toEqual([['session_reminder', 'done']]);
    }
    for (const id of [cancelledId, tooEarlyId]) expect(await partition(outboxKeys.subject(`booking#${id}`))).toEqual([]);
    const toA = await messagesTo(a.openid, 'tmpl-session_reminder');
    expect(toA).toHaveLength(1);
    expect(toA[0].page).toBe('pages/booking/index');
    expect(toA[0].data.thing1.value).toBe('remind村群众说事室');
    expect(toA[0].data.time2.value).toBe(`${sessionDay} 09:00`);
    // Cut to WeChat's 20-character limit for a `thing` field, not refused.
    expect([...toA[0].data.thing3.value]).toHaveLength(20);
    expect(toA[0].data.thing3.value).toBe(`${[...longTopic].slice(0, 19).join('')}…`);
    const toB = await messagesTo(b.openid, 'tmpl-session_reminder');
    expect(toB).toHaveLength(1);
    expect(toB[0].data.time2.value).toBe(`${sessionDay} 09:30`);
    // The cancelled booking and the one of the day after tomorrow neither get a message nor spend a grant.
    expect(await messagesTo(cancelled.openid, 'tmpl-session_reminder')).toHaveLength(0);
    expect(await messagesTo(tooEarly.openid, 'tmpl-session_reminder')).toHaveLength(0);
    expect(await grantsLeft(cancelled.token, 'session_reminder')).toBe(1);
    expect(await grantsLeft(tooEarly.token, 'session_reminder')).toBe(1);
    expect(await grantsLeft(a.token, 'session_reminder')).toBe(0);
    expect(await messagesTo(noGrant.openid, 'tmpl-session_reminder')).toHaveLength(0);
  });

  it('refuses a date that is not a real YYYY-MM-DD day', async () => {
    const { handler } = await import('../../functions/jobs/session-reminders');
    await expect(handler({ date: 'tomorrow' })).rejects.toThrow('YYYY-MM-DD');
    await expect(handler({ date: '2026-02-30' })).rejects.toThrow('YYYY-MM-DD');
  });
});

describe('the overdue-concerns digest', () => {
  // Two villages of our own, each routing concerns to its own 说事室.
  let x: OwnTownship;
  let y: OwnTownship;
  beforeAll(async () => {
    [x, y] = await Promise.all([ownTownship('digestx'), ownTownship('digesty')]);
  });
  const concern = (villageId: string, category: string, title: string) => ({ villageId, category, title, content: `${title}，请尽快处理。` });

  async function raise(token: string, body: ReturnType<typeof concern>): Promise<{ id: string; trackingNo: string; dueAt: string; stationId: string }> {
    const res = await call('raiseConcern', { token, body });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function move(token: string, id: string, action: 'start' | 'resolve' | 'reject', note = '已处理'): Promise<void> {
    const res = await call('transitionConcern', { token, params: { id }, body: { action, note } });
    expect(res.status).toBe(200);
  }

  it("sends each official of a station with overdue concerns one digest a day, and nothing to a station without", async () => {
    // Prepare: officials of both stations asked for the digest
    const [x1, x2] = await withGrant('official', x.stationId, 2);
    const [y1] = await withGrant('official', y.stationId, 1);
    for (const o of [x1, x2, y1]) await grant(o, 'overdue_digest');
    const resident = await freshUser('digest');
    // x: two open (due in 3 and 7 days), one resolved; y: one resolved, one rejected
    const oldest = await raise(resident.token, concern(x.villageId, 'environment', '村口垃圾清运不及时'));
    await raise(resident.token, concern(x.villageId, 'social_security', '医保报销材料咨询'));
    const resolved = await raise(resident.token, concern(x.villageId, 'traffic', '路灯损坏'));
    const yResolved = await raise(resident.token, concern(y.villageId, 'dispute', '邻里宅基地界线纠纷'));
    const yRejected = await raise(resident.token, concern(y.villageId, 'other', '重复反映的事项'));
    expect([oldest.stationId, yResolved.stationId]).toEqual([x.stationId, y.stationId]);
    await move(x1.token, resolved.id, 'start');
    await move(x1.token, resolved.id, 'resolve');
    await move(y1.token, yResolved.id, 'start');
    await move(y1.token, yResolved.id, 'resolve');
    await move(y1.token, yRejected.id, 'reject', '已在其他事项中办理');
    // Only open concerns are in the due-time index.
    expect((await itemAt(concernKeys.concern(oldest.id)))?.gsi4n).toBe(Date.parse(oldest.dueAt));
    for (const done of [resolved, yResolved, yRejected]) expect(await itemAt(concernKeys.concern(done.id))).not.toHaveProperty('gsi4pk');
    // Ten days on, every deadline above has passed.
    const date = shanghaiDate(Date.now() + 10 * DAY);

    // Act
    const first = await runOverdueDigest(date);
    const second = await runOverdueDigest(date);
    await outboxSettled(`station#${x.stationId}`);

    // Assess: one digest to each of x's officials, none the second time (totals span every station: lower bounds only)
    expect(first.outcomes.queued).toBeGreaterThanOrEqual(1);
    expect(first.due).toBeGreaterThanOrEqual(2);
    expect(first.stations).toBeGreaterThanOrEqual(1);
    expect(second.outcomes.already_done).toBeGreaterThanOrEqual(1);
    expect((await partition(outboxKeys.subject(`station#${x.stationId}`))).map((e) => e.state)).toEqual(['done']);
    expect(await partition(outboxKeys.subject(`station#${y.stationId}`))).toEqual([]);
    for (const o of [x1, x2]) {
      const sent = await messagesTo(o.openid, 'tmpl-overdue_digest');
      expect(sent).toHaveLength(1);
      expect(sent[0].page).toBe(`packages/concerns-admin/queue/index?stationId=${x.stationId}`);
      expect(sent[0].data).toEqual({
        thing1: { value: 'digestx村群众说事室' },
        // The resolved one does not count.
        number2: { value: '2' },
        character_string3: { value: oldest.trackingNo },
        date4: { value: shanghaiDate(oldest.dueAt) },
        thing5: { value: '村口垃圾清运不及时' },
      });
    }
    // y has nothing open: its official gets nothing and keeps the grant.
    expect(await messagesTo(y1.openid, 'tmpl-overdue_digest')).toHaveLength(0);
    expect(await grantsLeft(y1.token, 'overdue_digest')).toBe(1);
  });

  it('does not count a concern before its deadline has passed', async () => {
    // Prepare: a station of our own with one fresh concern (due in 3 days), and the digest of today
    const own = await ownTownship('notyet');
    const [official] = await withGrant('official', own.stationId, 1);
    await grant(official, 'overdue_digest');
    await raise((await freshUser('digest')).token, concern(own.villageId, 'environment', '河道漂浮物'));
    // Act
    await runOverdueDigest(shanghaiDate());
    // Assess: nothing enqueued for the station, so nothing can arrive later either
    expect(await partition(outboxKeys.subject(`station#${own.stationId}`))).toEqual([]);
    expect(await messagesTo(official.openid, 'tmpl-overdue_digest')).toHaveLength(0);
  });
});
