import { concernKeys } from '../../functions/concerns/concern.entity';
import { listMine, listStationQueue } from '../../functions/concerns/concerns.repository';
import { call, expectError, freshUser, login } from './http';
import { getItem, itemAt, putRaw } from './db';
import { ownTownship } from './own-orgs';
import { withGrant } from './people';

const concern = (extra: Record<string, unknown> = {}) => ({
  villageId: 'yucun',
  category: 'environment',
  title: '村口垃圾清运不及时',
  content: '村口垃圾桶已经满了三天，气味很大，请尽快清运。',
  ...extra,
});

async function raise(token: string, extra: Record<string, unknown> = {}) {
  const res = await call('raiseConcern', { token, body: concern(extra) });
  expect(res.status).toBe(201);
  return res.body;
}

const move = async (openid: string, id: string, action: string, note = '处理说明', toStationId?: string) =>
  call('transitionConcern', { token: await login(openid), params: { id }, body: { action, note, ...(toStationId ? { toStationId } : {}) } });

describe('POST /v1/concerns', () => {
  it('gives a tracking number, routes to the village’s station and sets the promised deadline', async () => {
    // Act
    const before = Date.now();
    const c = await raise((await freshUser('resident')).token, { contactPhone: '13912345678' });
    // Assess
    expect(c).toMatchObject({ status: 'submitted', stationId: 'st-yucun', stationName: '余村群众说事室', villageName: '余村', contactPhoneMasked: '139****5678', overdue: false });
    expect(c.trackingNo).toMatch(/^SS\d{8}-\d{4}$/);
    const days = (Date.parse(c.dueAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(2.99); // 环境卫生: 3 days
    expect(days).toBeLessThan(3.01);
    const stored = await getItem(concernKeys.concern(c.id).pk, concernKeys.concern(c.id).sk);
    expect(JSON.stringify(stored)).not.toContain('13912345678');
  });

  it('never gives two concerns the same tracking number, however many arrive at once', async () => {
    // Prepare: a village of our own, so its station's queue holds only this rush
    const own = await ownTownship('rush');
    const residents = await Promise.all(Array.from({ length: 20 }, () => freshUser('rush')));
    // Act
    const created = await Promise.all(residents.map((r) => call('raiseConcern', { token: r.token, body: concern({ villageId: own.villageId }) })));
    // Assess: the answers
    expect(created.map((r) => r.status)).toEqual(Array(20).fill(201));
    const answered = created.map((r) => r.body as { id: string; trackingNo: string });
    expect(new Set(answered.map((c) => c.trackingNo)).size).toBe(20);
    // Assess: what is stored. Each answered concern is there with its number, each number claimed by its concern, and
    // the station holds exactly these 20.
    const stored = await Promise.all(answered.map((c) => itemAt(concernKeys.concern(c.id))));
    expect(stored.map((c) => [c?.id, c?.trackingNo])).toEqual(answered.map((c) => [c.id, c.trackingNo]));
    const claims = await Promise.all(answered.map((c) => itemAt(concernKeys.trackingClaim(c.trackingNo))));
    expect(claims.map((c) => c?.concernId)).toEqual(answered.map((c) => c.id));
    const queue = await listStationQueue(own.stationId, { limit: 50 });
    expect(queue.items.map((c) => c.id).sort()).toEqual(answered.map((c) => c.id).sort());
    // The day's counter handed out every number, so it is at least the highest one (other files raise concerns too).
    const [, date, seq] = /^SS(\d{8})-(\d{4})$/.exec(answered[0].trackingNo)!;
    const sameDay = answered.filter((c) => c.trackingNo.startsWith(`SS${date}-`)).map((c) => Number(c.trackingNo.slice(-4)));
    const counter = await itemAt(concernKeys.dayCounter(date!));
    expect(Number(counter?.n)).toBeGreaterThanOrEqual(Math.max(Number(seq), ...sameDay));
  });

  it('keeps and routes a concern the content check wants reviewed, marked; refuses risky content', async () => {
    const token = (await freshUser()).token;
    const review = await raise(token, { content: '【待审】需要人工审核的内容，请处理。' });
    expect(review.pendingReview).toBe(true);
    expect(review.stationId).toBe('st-yucun');
    expectError(await call('raiseConcern', { token, body: concern({ content: '【违规】不能发布的内容。' }) }), 422, 'CONTENT_REJECTED');
  });

  it.each([
    ['an unknown village', { villageId: 'nowhere' }, 'villageId'],
    ['a branch instead of a village', { villageId: 'yucun-dzb' }, 'villageId'],
    ['an unknown category', { category: 'noise' }, 'category'],
    ['a bad phone number', { contactPhone: '1234' }, 'contactPhone'],
  ])('answers 400 to %s', async (_what, extra, field) => {
    const res = await call('raiseConcern', { token: (await freshUser()).token, body: concern(extra) });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: field })]);
  });
});

describe('the state machine', () => {
  it('runs submitted → in_progress → resolved → closed, with a timeline naming who did what', async () => {
    const author = await freshUser('flow');
    const c = await raise(author.token);
    expect((await move('demo-official-1', c.id, 'start', '已安排保洁员')).body.status).toBe('in_progress');
    expect((await move('demo-official-1', c.id, 'resolve', '已清运完毕')).body.status).toBe('resolved');
    const closed = await call('concernFeedback', { token: author.token, params: { id: c.id }, body: { satisfied: true, rating: 5, comment: '很及时' } });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.timeline.map((t: { action: string }) => t.action)).toEqual(['submitted', 'start', 'resolve', 'feedback_satisfied']);
    expect(closed.body.timeline[1]).toMatchObject({ by: '驻点干部 · 沈建华', note: '已安排保洁员' });
    expect(JSON.stringify(closed.body.timeline)).not.toMatch(/1[3-9]\d{9}/);
  });

  it('reopens when the resident is not satisfied', async () => {
    const author = await freshUser('unhappy');
    const c = await raise(author.token);
    await move('demo-official-1', c.id, 'start');
    await move('demo-official-1', c.id, 'resolve');
    const res = await call('concernFeedback', { token: author.token, params: { id: c.id }, body: { satisfied: false, rating: 2, comment: '还没清理干净' } });
    expect(res.body.status).toBe('in_progress');
    expect((await move('demo-official-1', c.id, 'resolve', '已再次清理')).body.status).toBe('resolved');
  });

  it('transfers to a named station with its own deadline, keeping the promise; the new station handles it, the old one no longer sees it', async () => {
    // Prepare
    const author = await freshUser('transfer');
    const c = await raise(author.token, { category: 'traffic' });
    await putRaw({ ...(await getItem(concernKeys.concern(c.id).pk, concernKeys.concern(c.id).sk)), dueAt: '2020-01-01T00:00:00.000Z' });
    const [daxiOfficial] = await withGrant('official', 'st-daxi', 1, 'demo-township-1');
    // Act
    const res = await move('demo-official-1', c.id, 'transfer', '属大溪村道路，转大溪村办理', 'st-daxi');
    // Assess
    expect(res.body).toMatchObject({ status: 'transferred', stationId: 'st-daxi', overdue: false });
    expect(res.body.dueAt).toBe('2020-01-01T00:00:00.000Z'); // the resident's promise is kept
    expect(Date.parse(res.body.transferDueAt)).toBeGreaterThan(Date.now() + 4.9 * 86_400_000); // 道路交通: 5 days for the new station
    const seenByAuthor = await call('getConcern', { token: author.token, params: { id: c.id } });
    expect(seenByAuthor.body.timeline.at(-1)).toMatchObject({ action: 'transfer', toStationName: '大溪村群众说事室' });
    expectError(await move('demo-official-1', c.id, 'start'), 404, 'NOT_FOUND');
    const started = await call('transitionConcern', { token: daxiOfficial.token, params: { id: c.id }, body: { action: 'start', note: '收到' } });
    expect(started.body.status).toBe('in_progress');
  });

  it('rejects with a reason the resident sees', async () => {
    const author = await freshUser('reject');
    const c = await raise(author.token);
    await move('demo-official-1', c.id, 'reject', '不属于本村事务，请向县交通局反映');
    const seen = await call('getConcern', { token: author.token, params: { id: c.id } });
    expect(seen.body).toMatchObject({ status: 'rejected', rejectReason: '不属于本村事务，请向县交通局反映', mine: true, canHandle: false });
    expect((await call('getConcern', { token: await login('demo-official-1'), params: { id: c.id } })).body).toMatchObject({ mine: false, canHandle: true });
  });

  it.each([
    ['resolve before start', ['resolve']],
    ['start twice', ['start', 'start']],
    ['anything after closing', ['start', 'resolve', 'FEEDBACK', 'start']],
    ['anything after rejecting', ['reject', 'start']],
  ])('answers 409 INVALID_STATE to %s', async (_what, steps) => {
    const author = await freshUser('illegal');
    const c = await raise(author.token);
    const last = steps.at(-1)!;
    for (const step of steps.slice(0, -1)) {
      if (step === 'FEEDBACK') await call('concernFeedback', { token: author.token, params: { id: c.id }, body: { satisfied: true, rating: 5 } });
      else expect((await move('demo-official-1', c.id, step)).status).toBe(200);
    }
    expectError(await move('demo-official-1', c.id, last), 409, 'INVALID_STATE');
  });

  it('refuses feedback before it is resolved, and from anyone but the author', async () => {
    const author = await freshUser('early');
    const c = await raise(author.token);
    expectError(await call('concernFeedback', { token: author.token, params: { id: c.id }, body: { satisfied: true, rating: 5 } }), 409, 'INVALID_STATE');
    await move('demo-official-1', c.id, 'start');
    await move('demo-official-1', c.id, 'resolve');
    expectError(await call('concernFeedback', { token: await login('demo-official-1'), params: { id: c.id }, body: { satisfied: true, rating: 5 } }), 404, 'NOT_FOUND');
  });

  it('lets only one of two conflicting moves win', async () => {
    const c = await raise((await freshUser('race')).token);
    await move('demo-official-1', c.id, 'start');
    const [a, b] = await Promise.all([move('demo-official-1', c.id, 'resolve', '办结'), move('demo-township-1', c.id, 'reject', '驳回')]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const final = await call('getConcern', { token: await login('demo-official-1'), params: { id: c.id } });
    expect(final.body.timeline).toHaveLength(3); // submitted, start, and exactly one of the two
  });
});

describe('who sees a concern', () => {
  it('is the author, the station’s officials and township staff above; anyone else gets 404', async () => {
    const author = await freshUser('private');
    const c = await raise(author.token);
    const [otherOfficial] = await withGrant('official', 'st-huangdu', 1);
    for (const token of [author.token, await login('demo-official-1'), await login('demo-township-1'), await login('demo-admin')]) {
      expect((await call('getConcern', { token, params: { id: c.id } })).status).toBe(200);
    }
    for (const token of [(await freshUser('nosy')).token, otherOfficial.token, await login('demo-secretary-1')]) {
      expectError(await call('getConcern', { token, params: { id: c.id } }), 404, 'NOT_FOUND');
      expectError(await call('transitionConcern', { token, params: { id: c.id }, body: { action: 'start', note: 'x' } }), 404, 'NOT_FOUND');
    }
    expectError(await call('stationConcerns', { token: otherOfficial.token, params: { stationId: 'st-yucun' } }), 404, 'NOT_FOUND');
  });
});

describe('lists', () => {
  it('puts overdue concerns first in the station queue and can show only them', async () => {
    // Prepare: a station of our own with one overdue and one on-time concern
    const { stationId, villageId } = await ownTownship('queue');
    const [official] = await withGrant('official', stationId, 1);
    const author = await freshUser('queue');
    const onTime = await raise(author.token, { villageId });
    const late = await raise(author.token, { villageId, category: 'other' });
    const item = (await getItem(concernKeys.concern(late.id).pk, concernKeys.concern(late.id).sk))!;
    await putRaw({ ...item, dueAt: '2026-01-01T00:00:00.000Z', gsi2sk: concernKeys.queueSort({ status: 'submitted', dueAt: '2026-01-01T00:00:00.000Z', id: late.id }) });
    // Act
    const queue = await call('stationConcerns', { token: official.token, params: { stationId } });
    const overdue = await call('stationConcerns', { token: official.token, params: { stationId }, query: { overdue: 'true' } });
    // Assess
    expect(queue.body.items.map((c: { id: string }) => c.id)).toEqual([late.id, onTime.id]);
    expect(queue.body.items[0].overdue).toBe(true);
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toEqual([late.id]);
    const mine = await call('myConcerns', { token: author.token });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([late.id, onTime.id]);
  });

  it('reads the same number of items for a page however many concerns other stations hold', async () => {
    const author = await freshUser('cost');
    for (let i = 0; i < 3; i++) await raise(author.token, { villageId: 'xiantan' });
    const measure = async () => ({
      queue: (await listStationQueue('st-xiantan', { limit: 3 })).scannedCount,
      mine: (await listMine(author.userId, 3)).scannedCount,
    });
    const before = await measure();
    const others = await freshUser('others');
    await Promise.all(Array.from({ length: 30 }, () => raise(others.token, { villageId: 'laoling' })));
    expect(await measure()).toEqual(before);
    expect(before).toEqual({ queue: 3, mine: 3 });
  });
});
