// 局长驻点: sessions cut into slots, bookings that are never overbooked, cancel, session cancel, outcomes.
// Each test opens its own session with its own host, so tests never share a slot or a host's calendar.
import { call, expectError, freshUser, login, type CallResult } from './http';
import { closeDb, getItem, partition, setAttributes } from './db';

afterAll(closeDb);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A whole hour at least `days` days ahead: session times that are always valid and easy to read. */
const hourAhead = (days: number) => Math.ceil((Date.now() + days * DAY) / HOUR) * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const shanghaiDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

let hostCounter = 0;
const uniqueHost = (name = '测试局长') => `${name}${++hostCounter}-${Math.random().toString(36).slice(2, 6)} · 农业农村局`;

interface SessionSpec {
  start?: number;
  minutes?: number;
  slotMinutes?: number;
  seats?: number;
  host?: string;
  stationId?: string;
  as?: string;
}

async function openSessionRaw(spec: SessionSpec = {}): Promise<CallResult> {
  const start = spec.start ?? hourAhead(2);
  return call('createSession', {
    token: await login(spec.as ?? 'demo-official-1'),
    params: { stationId: spec.stationId ?? 'st-yucun' },
    body: {
      host: spec.host ?? uniqueHost(),
      startsAt: iso(start),
      endsAt: iso(start + (spec.minutes ?? 60) * MIN),
      slotMinutes: spec.slotMinutes ?? 30,
      seatsPerSlot: spec.seats ?? 3,
    },
  });
}

async function openSession(spec: SessionSpec = {}): Promise<any> {
  const res = await openSessionRaw(spec);
  if (res.status !== 201) throw new Error(`createSession → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const bookSlot = (token: string, slotId: string, body: Record<string, unknown> = { topic: '咨询宅基地审批' }) =>
  call('createBooking', { token, params: { slotId }, body });

async function slotOf(slotId: string): Promise<Record<string, unknown>> {
  const item = await getItem(`SLOT#${slotId}`, 'SLOT');
  if (!item) throw new Error(`no slot ${slotId}`);
  return item;
}

/** Lets time pass for a slot: it started 10 minutes ago, with its bookings and the cap tokens they hold. */
async function startSlot(slotId: string, bookingIds: string[] = []): Promise<void> {
  const startsAt = iso(Date.now() - 10 * MIN);
  await setAttributes(`SLOT#${slotId}`, 'SLOT', { startsAt, endsAt: iso(Date.now() + 20 * MIN) });
  for (const id of bookingIds) {
    const b = (await getItem(`BOOKING#${id}`, 'BOOKING'))!;
    await setAttributes(`BOOKING#${id}`, 'BOOKING', { slotStartsAt: startsAt });
    await setAttributes(`BOOKCAP#${b.userId}`, String(b.capToken), { startsAt });
  }
}

/** Runs `make` in batches, so setting up many users does not itself flood the API. */
async function inBatches<T>(count: number, size: number, make: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  while (out.length < count) out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - out.length) }, make))));
  return out;
}

const countBy = (results: CallResult[]) =>
  results.reduce<Record<string, number>>((acc, r) => {
    const k = r.status >= 400 ? `${r.status} ${r.body?.error?.code}` : String(r.status);
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

describe('POST /v1/stations/{stationId}/sessions', () => {
  it('cuts the session into slots of the given length, each with the given seats, times in UTC', async () => {
    // Prepare
    const start = hourAhead(3);
    const startShanghai = new Date(start + 8 * HOUR).toISOString().slice(0, 19) + '+08:00';
    const endShanghai = new Date(start + 8 * HOUR + 2 * HOUR).toISOString().slice(0, 19) + '+08:00';
    const host = uniqueHost('王局长');
    // Act
    const res = await call('createSession', {
      token: await login('demo-official-1'),
      params: { stationId: 'st-yucun' },
      body: { host, startsAt: startShanghai, endsAt: endShanghai, slotMinutes: 30, seatsPerSlot: 3 },
    });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stationId: 'st-yucun', host, startsAt: iso(start), endsAt: iso(start + 2 * HOUR), status: 'open' });
    expect(res.body.slots.map((s: any) => [s.startsAt, s.endsAt, s.seats, s.booked, s.seatsLeft])).toEqual([
      [iso(start), iso(start + 30 * MIN), 3, 0, 3],
      [iso(start + 30 * MIN), iso(start + 60 * MIN), 3, 0, 3],
      [iso(start + 60 * MIN), iso(start + 90 * MIN), 3, 0, 3],
      [iso(start + 90 * MIN), iso(start + 120 * MIN), 3, 0, 3],
    ]);
    expect(new Set(res.body.slots.map((s: any) => s.id)).size).toBe(4);
  });

  it.each([
    ['a township admin above the station', 'demo-township-1', 'st-daxi'],
    ['an admin', 'demo-admin', 'st-huangdu'],
  ])('lets %s open a session', async (_who, as, stationId) => {
    const res = await openSessionRaw({ as, stationId });
    expect(res.status).toBe(201);
  });

  it.each([
    ['an official of another station', 'demo-official-1', 'st-daxi'],
    ['a township admin of another township', 'demo-township-1', 'st-huangdu'],
    ['a resident', 'demo-resident-1', 'st-yucun'],
    ['a party member', 'demo-member-1', 'st-yucun'],
  ])('refuses %s with 403', async (_who, as, stationId) => {
    expectError(await openSessionRaw({ as, stationId }), 403, 'FORBIDDEN');
  });

  it('answers 404 for a station that does not exist', async () => {
    expectError(await openSessionRaw({ stationId: 'st-nowhere' }), 404, 'NOT_FOUND');
  });

  it('refuses a session overlapping one of the same host at the same station, whatever the spacing of the name', async () => {
    // Prepare
    const start = hourAhead(4);
    const host = uniqueHost('李局长');
    await openSession({ host, start, minutes: 120 });
    // Act
    const inside = await openSessionRaw({ host, start: start + 30 * MIN, minutes: 30 });
    const straddling = await openSessionRaw({ host, start: start - 30 * MIN, minutes: 60 });
    const sameNameSpaced = await openSessionRaw({ host: ` ${host.replace(' · ', '·')} `, start: start + HOUR, minutes: 60 });
    const covering = await openSessionRaw({ host, start: start - HOUR, minutes: 240 });
    // Assess
    for (const res of [inside, straddling, sameNameSpaced, covering]) expectError(res, 409, 'CONFLICT');
  });

  it('allows back-to-back sessions, other hosts at the same time, and the same host at another station', async () => {
    // Prepare
    const start = hourAhead(5);
    const host = uniqueHost('赵局长');
    await openSession({ host, start, minutes: 60 });
    // Act
    const after = await openSessionRaw({ host, start: start + HOUR, minutes: 60 });
    const before = await openSessionRaw({ host, start: start - HOUR, minutes: 60 });
    const otherHost = await openSessionRaw({ start, minutes: 60 });
    const otherStation = await openSessionRaw({ host, start, minutes: 60, as: 'demo-township-1', stationId: 'st-daxi' });
    // Assess
    expect([after.status, before.status, otherHost.status, otherStation.status]).toEqual([201, 201, 201, 201]);
  });

  it('lets exactly one of several overlapping creates for one host commit, however they interleave', async () => {
    // Prepare
    const start = hourAhead(6);
    const host = uniqueHost('孙局长');
    const token = await login('demo-official-1');
    // Act
    const results = await Promise.all(
      [0, 10, 20, 30, 40, 50].map((offset) =>
        call('createSession', {
          token,
          params: { stationId: 'st-yucun' },
          body: { host, startsAt: iso(start + offset * MIN), endsAt: iso(start + offset * MIN + HOUR), slotMinutes: 30, seatsPerSlot: 2 },
        }),
      ),
    );
    // Assess
    expect(countBy(results)).toEqual({ '201': 1, '409 CONFLICT': 5 });
    const sessions = await call('listSessions', {
      token,
      params: { stationId: 'st-yucun' },
      query: { from: iso(start - HOUR), to: iso(start + 2 * HOUR), limit: 50 },
    });
    expect(sessions.body.items.filter((s: any) => s.host === host)).toHaveLength(1);
  });

  it('frees the host\'s time when a session is cancelled', async () => {
    // Prepare
    const start = hourAhead(7);
    const host = uniqueHost('钱局长');
    const first = await openSession({ host, start });
    await call('cancelSession', { token: await login('demo-official-1'), params: { sessionId: first.id }, body: { reason: '临时开会' } });
    // Act
    const again = await openSessionRaw({ host, start });
    // Assess
    expect(again.status).toBe(201);
  });

  it.each([
    ['a start in the past', { start: Date.now() - HOUR }, 'startsAt'],
    ['a start more than 60 days ahead', { start: hourAhead(61) }, 'startsAt'],
    ['a session over 12 hours', { minutes: 13 * 60, slotMinutes: 60 }, 'endsAt'],
    ['a length that is not a whole number of slots', { minutes: 50, slotMinutes: 30 }, 'slotMinutes'],
    ['slots shorter than 5 minutes', { slotMinutes: 3 }, 'slotMinutes'],
    ['more than 48 slots', { minutes: 10 * 60, slotMinutes: 10 }, 'slotMinutes'],
    ['zero seats', { seats: 0 }, 'seatsPerSlot'],
    ['more than 50 seats', { seats: 51 }, 'seatsPerSlot'],
    ['an empty host', { host: '  ' }, 'host'],
  ])('answers 400 to %s', async (_what, spec, path) => {
    const res = await openSessionRaw(spec as SessionSpec);
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers 400 to an end before the start and to times without a time zone', async () => {
    const token = await login('demo-official-1');
    const start = hourAhead(2);
    const base = { host: uniqueHost(), slotMinutes: 30, seatsPerSlot: 2 };
    const backwards = await call('createSession', { token, params: { stationId: 'st-yucun' }, body: { ...base, startsAt: iso(start), endsAt: iso(start - HOUR) } });
    const naive = await call('createSession', {
      token,
      params: { stationId: 'st-yucun' },
      body: { ...base, startsAt: iso(start).slice(0, 19), endsAt: iso(start + HOUR).slice(0, 19) },
    });
    expectError(backwards, 400, 'VALIDATION_FAILED');
    expectError(naive, 400, 'VALIDATION_FAILED');
  });
});

describe('GET /v1/stations/{stationId}/slots', () => {
  it('is public and shows host, seats, booked and seats left of the slots in the range, earliest first', async () => {
    // Prepare
    const start = hourAhead(8);
    const session = await openSession({ start, minutes: 90, seats: 2 });
    const { token } = await freshUser('slots');
    await bookSlot(token, session.slots[1].id);
    // Act
    const res = await call('listSlots', { params: { stationId: 'st-yucun' }, query: { from: iso(start), to: iso(start + 90 * MIN), limit: 50 } });
    // Assess
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((s: any) => s.sessionId === session.id);
    expect(mine.map((s: any) => [s.id, s.host, s.seats, s.booked, s.seatsLeft, s.bookable])).toEqual([
      [session.slots[0].id, session.host, 2, 0, 2, true],
      [session.slots[1].id, session.host, 2, 1, 1, true],
      [session.slots[2].id, session.host, 2, 0, 2, true],
    ]);
    const starts = res.body.items.map((s: any) => s.startsAt);
    expect([...starts].sort()).toEqual(starts);
    for (const s of starts) expect(s >= iso(start) && s < iso(start + 90 * MIN)).toBe(true);
  });

  it('leaves out slots outside the range, and by default shows the next 14 days', async () => {
    // Prepare
    const near = await openSession({ start: hourAhead(9) });
    const far = await openSession({ start: hourAhead(20) });
    // Act
    const byDefault = await call('listSlots', { params: { stationId: 'st-yucun' }, query: { limit: 50 } });
    const all = [...byDefault.body.items];
    for (let cursor = byDefault.body.nextCursor; cursor; ) {
      const next = await call('listSlots', { params: { stationId: 'st-yucun' }, query: { limit: 50, cursor } });
      all.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    // Assess
    const sessions = new Set(all.map((s: any) => s.sessionId));
    expect(sessions.has(near.id)).toBe(true);
    expect(sessions.has(far.id)).toBe(false);
  });

  it('answers 404 for an unknown station and 400 for a backwards range or a forged cursor', async () => {
    expectError(await call('listSlots', { params: { stationId: 'st-nowhere' } }), 404, 'NOT_FOUND');
    const start = hourAhead(2);
    expectError(await call('listSlots', { params: { stationId: 'st-yucun' }, query: { from: iso(start), to: iso(start - HOUR) } }), 400, 'VALIDATION_FAILED');
    expectError(await call('listSlots', { params: { stationId: 'st-yucun' }, query: { cursor: 'abc.def' } }), 400, 'BAD_CURSOR');
  });
});

describe('POST /v1/slots/{slotId}/bookings', () => {
  it('books a seat, stores the phone encrypted and shows it masked', async () => {
    // Prepare
    const session = await openSession();
    const { token, userId } = await freshUser('booker');
    // Act
    const res = await bookSlot(token, session.slots[0].id, { topic: '咨询低保政策', contactPhone: '13812345678' });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      slotId: session.slots[0].id,
      status: 'booked',
      topic: '咨询低保政策',
      userId,
      host: session.host,
      stationName: '余村群众说事室',
      slotStartsAt: session.slots[0].startsAt,
      contactPhoneMasked: '138****5678',
    });
    const stored = (await getItem(`BOOKING#${res.body.id}`, 'BOOKING'))!;
    expect(JSON.stringify(stored)).not.toContain('13812345678');
    expect(stored.phoneEnc).toEqual(expect.stringMatching(/^v1\./));
    expect((await slotOf(session.slots[0].id)).booked).toBe(1);
  });

  it('answers 409 ALREADY_BOOKED to a second booking of the same slot by the same resident', async () => {
    // Prepare
    const session = await openSession();
    const { token } = await freshUser('twice');
    await bookSlot(token, session.slots[0].id);
    // Act
    const again = await bookSlot(token, session.slots[0].id, { topic: '另一件事' });
    // Assess
    expectError(again, 409, 'ALREADY_BOOKED');
    expect((await slotOf(session.slots[0].id)).booked).toBe(1);
  });

  it('answers 409 SLOT_FULL once every seat is taken', async () => {
    // Prepare
    const session = await openSession({ seats: 1 });
    const [a, b] = await Promise.all([freshUser('first'), freshUser('second')]);
    expect((await bookSlot(a.token, session.slots[0].id)).status).toBe(201);
    // Act
    const res = await bookSlot(b.token, session.slots[0].id);
    // Assess
    expectError(res, 409, 'SLOT_FULL');
  });

  it('allows at most 3 upcoming bookings per resident, and counts a slot that has started no more', async () => {
    // Prepare
    const session = await openSession({ minutes: 150, seats: 2 });
    const { token } = await freshUser('cap');
    const booked = [];
    for (const slot of session.slots.slice(0, 3)) booked.push((await bookSlot(token, slot.id)).body.id);
    // Act
    const fourth = await bookSlot(token, session.slots[3].id);
    await startSlot(session.slots[0].id, [booked[0]]);
    const afterOneStarted = await bookSlot(token, session.slots[3].id);
    const fifth = await bookSlot(token, session.slots[4].id);
    // Assess
    expectError(fourth, 409, 'CONFLICT');
    expect(fourth.body.error.message).toContain('3');
    expect(afterOneStarted.status).toBe(201);
    expectError(fifth, 409, 'CONFLICT');
  });

  it('keeps the cap of 3 when one resident books 6 slots at the same moment', async () => {
    // Prepare
    const session = await openSession({ minutes: 180, seats: 5 });
    const { token } = await freshUser('greedy');
    // Act
    const results = await Promise.all(session.slots.map((s: any) => bookSlot(token, s.id)));
    // Assess
    expect(countBy(results)).toEqual({ '201': 3, '409 CONFLICT': 3 });
    const mine = await call('myBookings', { token });
    expect(mine.body.items.filter((b: any) => b.status === 'booked')).toHaveLength(3);
  });

  it('gives the seat back when a resident cancels, so the cap frees too', async () => {
    // Prepare
    const session = await openSession({ minutes: 120, seats: 1 });
    const [a, b] = await Promise.all([freshUser('leaver'), freshUser('waiter')]);
    const ids = [];
    for (const slot of session.slots.slice(0, 3)) ids.push((await bookSlot(a.token, slot.id)).body.id);
    expectError(await bookSlot(b.token, session.slots[0].id), 409, 'SLOT_FULL');
    // Act
    const cancelled = await call('cancelBooking', { token: a.token, params: { bookingId: ids[0] } });
    const taken = await bookSlot(b.token, session.slots[0].id);
    const aFourth = await bookSlot(a.token, session.slots[3].id);
    // Assess
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: ids[0], status: 'cancelled', cancelledBy: 'resident' });
    expect(taken.status).toBe(201);
    expect(aFourth.status).toBe(201);
    expect((await slotOf(session.slots[0].id)).booked).toBe(1);
  });

  it('lets a resident book a slot again after cancelling it', async () => {
    const session = await openSession();
    const { token } = await freshUser('rebook');
    const first = await bookSlot(token, session.slots[0].id);
    await call('cancelBooking', { token, params: { bookingId: first.body.id } });
    const again = await bookSlot(token, session.slots[0].id);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect((await slotOf(session.slots[0].id)).booked).toBe(1);
  });

  it('refuses a slot that starts within 30 minutes or has started, with 409 INVALID_STATE', async () => {
    // Prepare
    const soon = await openSession({ start: Date.now() + 20 * MIN, minutes: 40, slotMinutes: 20 });
    const later = await openSession({ start: hourAhead(2) });
    await startSlot(later.slots[0].id);
    const { token } = await freshUser('late');
    // Act
    const within30 = await bookSlot(token, soon.slots[0].id);
    const beyond30 = await bookSlot(token, soon.slots[1].id);
    const started = await bookSlot(token, later.slots[0].id);
    // Assess
    expectError(within30, 409, 'INVALID_STATE');
    expect(beyond30.status).toBe(201);
    expectError(started, 409, 'INVALID_STATE');
    expect((await slotOf(soon.slots[0].id)).booked).toBe(0);
  });

  it('refuses a slot more than 60 days ahead', async () => {
    // Prepare: the session starts just inside 60 days; its last slot ends up beyond.
    const start = Date.now() + 60 * DAY - 30 * MIN;
    const session = await openSession({ start, minutes: 120, slotMinutes: 30 });
    const { token } = await freshUser('early');
    // Act
    const inside = await bookSlot(token, session.slots[0].id);
    const beyond = await bookSlot(token, session.slots[3].id);
    // Assess
    expect(inside.status).toBe(201);
    expectError(beyond, 409, 'INVALID_STATE');
  });

  it.each([
    ['an empty topic', { topic: '   ' }],
    ['a topic over 200 characters', { topic: '事'.repeat(201) }],
    ['a malformed phone number', { topic: '咨询', contactPhone: '12345' }],
    ['no topic', {}],
  ])('answers 400 to %s', async (_what, body) => {
    const session = await openSession();
    const { token } = await freshUser('bad');
    expectError(await bookSlot(token, session.slots[0].id, body), 400, 'VALIDATION_FAILED');
  });

  it('answers 404 for a slot that does not exist', async () => {
    const { token } = await freshUser('ghost');
    expectError(await bookSlot(token, '01JNOSUCHSLOT0000000000000'), 404, 'NOT_FOUND');
  });
});

describe('booking under contention (real concurrent HTTP requests)', () => {
  it('books exactly 3 seats when 200 residents book a 3-seat slot at the same moment', async () => {
    // Prepare
    const session = await openSession({ seats: 3 });
    const slotId = session.slots[0].id;
    const residents = await inBatches(200, 25, () => freshUser('rush'));
    // Act
    const results = await Promise.all(residents.map((r) => bookSlot(r.token, slotId)));
    // Assess
    expect(countBy(results)).toEqual({ '201': 3, '409 SLOT_FULL': 197 });
    expect((await slotOf(slotId)).booked).toBe(3);
    const markers = (await partition(`SLOT#${slotId}`)).filter((i) => String(i.sk).startsWith('BOOKER#'));
    expect(markers).toHaveLength(3);
    const winners = new Set(results.filter((r) => r.status === 201).map((r) => r.body.userId));
    expect(new Set(markers.map((m) => m.userId))).toEqual(winners);
  }, 180_000);

  it('gives one resident tapping 20 times at once exactly one booking', async () => {
    // Prepare
    const session = await openSession({ seats: 5 });
    const slotId = session.slots[0].id;
    const { token } = await freshUser('tapper');
    // Act
    const results = await Promise.all(Array.from({ length: 20 }, () => bookSlot(token, slotId)));
    // Assess
    expect(countBy(results)).toEqual({ '201': 1, '409 ALREADY_BOOKED': 19 });
    expect((await slotOf(slotId)).booked).toBe(1);
    const mine = await call('myBookings', { token });
    expect(mine.body.items).toHaveLength(1);
  }, 60_000);
});

describe('GET /v1/bookings/mine and DELETE /v1/bookings/{bookingId}', () => {
  it('lists only the caller\'s own bookings', async () => {
    const session = await openSession({ minutes: 60 });
    const [a, b] = await Promise.all([freshUser('mine-a'), freshUser('mine-b')]);
    const ba = await bookSlot(a.token, session.slots[0].id);
    await bookSlot(b.token, session.slots[1].id);
    const res = await call('myBookings', { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: any) => x.id)).toEqual([ba.body.id]);
  });

  it('answers 404 when someone else tries to cancel my booking, and leaves it booked', async () => {
    // Prepare
    const session = await openSession();
    const [me, other] = await Promise.all([freshUser('owner'), freshUser('intruder')]);
    const mine = await bookSlot(me.token, session.slots[0].id);
    // Act
    const byOther = await call('cancelBooking', { token: other.token, params: { bookingId: mine.body.id } });
    const byOfficial = await call('cancelBooking', { token: await login('demo-official-1'), params: { bookingId: mine.body.id } });
    // Assess
    expectError(byOther, 404, 'NOT_FOUND');
    expectError(byOfficial, 404, 'NOT_FOUND');
    expect((await getItem(`BOOKING#${mine.body.id}`, 'BOOKING'))!.status).toBe('booked');
    expect((await slotOf(session.slots[0].id)).booked).toBe(1);
  });

  it('answers the same to a repeated cancel and frees the seat only once', async () => {
    const session = await openSession({ seats: 2 });
    const [a, b] = await Promise.all([freshUser('repeat-a'), freshUser('repeat-b')]);
    const mine = await bookSlot(a.token, session.slots[0].id);
    await bookSlot(b.token, session.slots[0].id);
    const results = await Promise.all([1, 2, 3].map(() => call('cancelBooking', { token: a.token, params: { bookingId: mine.body.id } })));
    expect(results.map((r) => [r.status, r.body.status])).toEqual([[200, 'cancelled'], [200, 'cancelled'], [200, 'cancelled']]);
    expect((await slotOf(session.slots[0].id)).booked).toBe(1);
  });

  it('refuses to cancel once the slot has started, with 409 INVALID_STATE', async () => {
    const session = await openSession();
    const { token } = await freshUser('too-late');
    const mine = await bookSlot(token, session.slots[0].id);
    await startSlot(session.slots[0].id, [mine.body.id]);
    expectError(await call('cancelBooking', { token, params: { bookingId: mine.body.id } }), 409, 'INVALID_STATE');
    expect((await slotOf(session.slots[0].id)).booked).toBe(1);
  });

  it('answers 404 for a booking that does not exist', async () => {
    const { token } = await freshUser('nobody');
    expectError(await call('cancelBooking', { token, params: { bookingId: '01JNOSUCHBOOKING0000000000' } }), 404, 'NOT_FOUND');
  });
});

describe('POST /v1/sessions/{sessionId}/cancel', () => {
  it('cancels every booking of the session with the reason its residents see, and closes the slots', async () => {
    // Prepare
    const session = await openSession({ minutes: 60, seats: 2 });
    const residents = await Promise.all([freshUser('sc-a'), freshUser('sc-b'), freshUser('sc-c')]);
    const bookings = [
      await bookSlot(residents[0].token, session.slots[0].id),
      await bookSlot(residents[1].token, session.slots[0].id),
      await bookSlot(residents[2].token, session.slots[1].id),
    ];
    const reason = '局长临时到县里开会，改期另行通知';
    // Act
    const res = await call('cancelSession', { token: await login('demo-official-1'), params: { sessionId: session.id }, body: { reason } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: session.id, status: 'cancelled', cancelReason: reason, cancelledBookings: 3 });
    for (const [i, r] of residents.entries()) {
      const mine = await call('myBookings', { token: r.token });
      expect(mine.body.items).toEqual([
        expect.objectContaining({ id: bookings[i].body.id, status: 'cancelled', cancelledBy: 'official', cancelReason: reason }),
      ]);
    }
    const listed = await call('listSlots', {
      params: { stationId: 'st-yucun' },
      query: { from: session.startsAt, to: session.endsAt, limit: 50 },
    });
    expect(listed.body.items.filter((s: any) => s.sessionId === session.id)).toEqual([]);
    const late = await freshUser('sc-late');
    expectError(await bookSlot(late.token, session.slots[1].id), 409, 'INVALID_STATE');
  });

  it('gives the residents their cap back', async () => {
    // Prepare
    const doomed = await openSession({ minutes: 90, seats: 2 });
    const other = await openSession({ minutes: 30, seats: 2 });
    const { token } = await freshUser('sc-cap');
    for (const slot of doomed.slots) expect((await bookSlot(token, slot.id)).status).toBe(201);
    expectError(await bookSlot(token, other.slots[0].id), 409, 'CONFLICT');
    // Act
    await call('cancelSession', { token: await login('demo-official-1'), params: { sessionId: doomed.id }, body: { reason: '停电' } });
    const afterwards = await bookSlot(token, other.slots[0].id);
    // Assess
    expect(afterwards.status).toBe(201);
  });

  it('is safe to repeat: a second call cancels nothing twice', async () => {
    const session = await openSession();
    const { token } = await freshUser('sc-repeat');
    await bookSlot(token, session.slots[0].id);
    const official = await login('demo-official-1');
    const first = await call('cancelSession', { token: official, params: { sessionId: session.id }, body: { reason: '暴雨' } });
    const second = await call('cancelSession', { token: official, params: { sessionId: session.id }, body: { reason: '另一个理由' } });
    expect(first.body.cancelledBookings).toBe(1);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'cancelled', cancelReason: '暴雨', cancelledBookings: 0 });
  });

  it.each([
    ['a resident', 'demo-resident-1'],
    ['a township admin of another township', 'demo-township-1'],
  ])('refuses %s with 403 and cancels nothing', async (_who, as) => {
    const session = await openSession(as === 'demo-township-1' ? { as: 'demo-admin', stationId: 'st-huangdu' } : {});
    const res = await call('cancelSession', { token: await login(as), params: { sessionId: session.id }, body: { reason: '不想开' } });
    expectError(res, 403, 'FORBIDDEN');
    expect((await getItem(`SESSION#${session.id}`, 'SESSION'))!.status).toBe('open');
  });

  it('answers 404 for an unknown session and 400 without a reason', async () => {
    const official = await login('demo-official-1');
    expectError(await call('cancelSession', { token: official, params: { sessionId: '01JNOSUCHSESSION0000000000' }, body: { reason: '无' } }), 404, 'NOT_FOUND');
    const session = await openSession();
    expectError(await call('cancelSession', { token: official, params: { sessionId: session.id }, body: { reason: '' } }), 400, 'VALIDATION_FAILED');
  });
});

describe('GET /v1/stations/{stationId}/bookings', () => {
  it('shows the station\'s bookings of a day to its officials and township admins, with names and masked phones', async () => {
    // Prepare
    const start = hourAhead(10);
    const session = await openSession({ start });
    const { token, userId } = await freshUser('day');
    await call('updateMe', { token, body: { displayName: '王大伯' } });
    const booked = await bookSlot(token, session.slots[0].id, { topic: '修路', contactPhone: '13900001111' });
    // Act
    const results = await Promise.all(
      ['demo-official-1', 'demo-township-1', 'demo-admin'].map(async (who) =>
        call('stationBookings', { token: await login(who), params: { stationId: 'st-yucun' }, query: { date: shanghaiDate(start), limit: 50 } }),
      ),
    );
    // Assess
    for (const res of results) {
      expect(res.status).toBe(200);
      expect(res.body.items).toContainEqual(
        expect.objectContaining({ id: booked.body.id, userId, residentName: '王大伯', topic: '修路', contactPhoneMasked: '139****1111' }),
      );
      expect(JSON.stringify(res.body)).not.toContain('13900001111');
    }
  });

  it('lists nothing of another day', async () => {
    const start = hourAhead(11);
    const session = await openSession({ start });
    const { token } = await freshUser('otherday');
    const booked = await bookSlot(token, session.slots[0].id);
    const res = await call('stationBookings', {
      token: await login('demo-official-1'),
      params: { stationId: 'st-yucun' },
      query: { date: shanghaiDate(start + DAY), limit: 50 },
    });
    expect(res.body.items.map((b: any) => b.id)).not.toContain(booked.body.id);
  });

  it.each([
    ['a resident', 'demo-resident-1', 'st-yucun'],
    ['an official of another station', 'demo-official-1', 'st-daxi'],
    ['a township admin of another township', 'demo-township-1', 'st-huangdu'],
  ])('refuses %s with 403', async (_who, as, stationId) => {
    expectError(await call('stationBookings', { token: await login(as), params: { stationId } }), 403, 'FORBIDDEN');
  });

  it('answers 400 to a malformed date', async () => {
    const res = await call('stationBookings', { token: await login('demo-official-1'), params: { stationId: 'st-yucun' }, query: { date: '2026-13-01' } });
    expectError(res, 400, 'VALIDATION_FAILED');
  });
});

describe('POST /v1/bookings/{bookingId}/outcome', () => {
  async function startedBooking(): Promise<{ bookingId: string; token: string; slotId: string }> {
    const session = await openSession();
    const { token } = await freshUser('outcome');
    const res = await bookSlot(token, session.slots[0].id);
    await startSlot(session.slots[0].id, [res.body.id]);
    return { bookingId: res.body.id, token, slotId: session.slots[0].id };
  }

  it('records completed with a note, and can correct it to no_show', async () => {
    // Prepare
    const { bookingId, token } = await startedBooking();
    const official = await login('demo-official-1');
    // Act
    const done = await call('recordOutcome', { token: official, params: { bookingId }, body: { status: 'completed', note: '已答复，下周回访' } });
    const corrected = await call('recordOutcome', { token: official, params: { bookingId }, body: { status: 'no_show' } });
    // Assess
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: bookingId, status: 'completed', outcomeNote: '已答复，下周回访' });
    expect(corrected.body).toMatchObject({ id: bookingId, status: 'no_show' });
    expect(corrected.body.outcomeNote).toBeUndefined();
    const mine = await call('myBookings', { token });
    expect(mine.body.items[0]).toMatchObject({ id: bookingId, status: 'no_show' });
  });

  it('turns it into a 群众说事 concern the resident tracks and the station handles, once', async () => {
    // Prepare
    const { bookingId, token } = await startedBooking();
    const official = await login('demo-official-1');
    // Act
    const res = await call('recordOutcome', { token: official, params: { bookingId }, body: { status: 'completed', note: '需跟进', createConcern: true } });
    const again = await call('recordOutcome', { token: official, params: { bookingId }, body: { status: 'completed', note: '需跟进', createConcern: true } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', concernId: expect.any(String) });
    expect(again.body.concernId).toBe(res.body.concernId);
    const concern = await call('getConcern', { token, params: { id: res.body.concernId } });
    expect(concern.body).toMatchObject({ status: 'submitted', stationId: 'st-yucun', trackingNo: expect.stringMatching(/^SS\d{8}-\d{4}$/) });
    expect(concern.body.content).toContain('需跟进');
    expect(concern.body.timeline[0]).toMatchObject({ by: expect.stringContaining('驻点干部'), note: '由局长驻点接待转为说事跟进' });
    const mine = await call('myConcerns', { token });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(res.body.concernId);
    expect((await call('getConcern', { token: official, params: { id: res.body.concernId } })).body.canHandle).toBe(true);
  });

  it('refuses an outcome before the slot starts and for a cancelled booking', async () => {
    const session = await openSession();
    const { token } = await freshUser('early-outcome');
    const official = await login('demo-official-1');
    const upcoming = await bookSlot(token, session.slots[0].id);
    const before = await call('recordOutcome', { token: official, params: { bookingId: upcoming.body.id }, body: { status: 'completed' } });
    await call('cancelBooking', { token, params: { bookingId: upcoming.body.id } });
    await startSlot(session.slots[0].id, [upcoming.body.id]);
    const cancelled = await call('recordOutcome', { token: official, params: { bookingId: upcoming.body.id }, body: { status: 'completed' } });
    expectError(before, 409, 'INVALID_STATE');
    expectError(cancelled, 409, 'INVALID_STATE');
  });

  it('answers 403 to the booker and the township admin, 404 to anyone else', async () => {
    const { bookingId, token } = await startedBooking();
    const other = await freshUser('nosy');
    const body = { status: 'completed' };
    expectError(await call('recordOutcome', { token, params: { bookingId }, body }), 403, 'FORBIDDEN');
    expectError(await call('recordOutcome', { token: await login('demo-township-1'), params: { bookingId }, body }), 403, 'FORBIDDEN');
    expectError(await call('recordOutcome', { token: other.token, params: { bookingId }, body }), 404, 'NOT_FOUND');
    expect((await getItem(`BOOKING#${bookingId}`, 'BOOKING'))!.status).toBe('booked');
  });

  it('answers 400 to an unknown status', async () => {
    const { bookingId } = await startedBooking();
    const res = await call('recordOutcome', { token: await login('demo-official-1'), params: { bookingId }, body: { status: 'late' } });
    expectError(res, 400, 'VALIDATION_FAILED');
  });
});

describe('GET /v1/stations/{stationId}/sessions', () => {
  it('lists the station\'s sessions, cancelled ones included, to its managers only', async () => {
    const start = hourAhead(12);
    const open = await openSession({ start });
    const cancelled = await openSession({ start });
    const official = await login('demo-official-1');
    await call('cancelSession', { token: official, params: { sessionId: cancelled.id }, body: { reason: '改期' } });
    const res = await call('listSessions', { token: official, params: { stationId: 'st-yucun' }, query: { from: iso(start), to: iso(start + HOUR), limit: 50 } });
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((s: any) => [s.id, s.status]));
    expect([byId.get(open.id), byId.get(cancelled.id)]).toEqual(['open', 'cancelled']);
    expectError(await call('listSessions', { token: await login('demo-resident-1'), params: { stationId: 'st-yucun' } }), 403, 'FORBIDDEN');
  });
});

describe('GET /v1/stations/{stationId}', () => {
  it('is public and shows the station with its address and location, or 404', async () => {
    const res = await call('getStation', { params: { stationId: 'st-yucun' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'st-yucun', name: '余村群众说事室', orgId: 'yucun', address: expect.any(String), lat: expect.any(Number), lng: expect.any(Number) });
    expectError(await call('getStation', { params: { stationId: 'st-nowhere' } }), 404, 'NOT_FOUND');
  });
});
