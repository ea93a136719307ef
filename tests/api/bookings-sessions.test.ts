// 局长驻点 sessions: opening them cut into slots (never overlapping for one host), listing them and their public
// slots, and cancelling a whole session with its bookings.
import { bookingKeys } from '../../functions/bookings/booking.entity';
import { MIN, HOUR, hourAhead, iso, uniqueHost, type SessionSpec, openSessionRaw, openSession, bookSlot, countBy, getItem } from './booking-fixtures';
import { call, expectError, freshUser, login } from './http';
import { closeDb } from './db';

afterAll(closeDb);

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
    expect((await getItem(bookingKeys.session(session.id)))!.status).toBe('open');
  });

  it('answers 404 for an unknown session and 400 without a reason', async () => {
    const official = await login('demo-official-1');
    expectError(await call('cancelSession', { token: official, params: { sessionId: '01JNOSUCHSESSION0000000000' }, body: { reason: '无' } }), 404, 'NOT_FOUND');
    const session = await openSession();
    expectError(await call('cancelSession', { token: official, params: { sessionId: session.id }, body: { reason: '' } }), 400, 'VALIDATION_FAILED');
  });
});
