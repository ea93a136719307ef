// 局长驻点 at the station: the day's bookings for its officials, and what came of each booking (an outcome, and a
// 群众说事 concern to follow up).
import { bookingKeys } from '../../functions/bookings/booking.entity';
import { shanghaiDate } from '@shared/time';
import { DAY, hourAhead, openSession, bookSlot, startSlot, getItem } from './booking-fixtures';
import { call, expectError, freshUser, login } from './http';
import { closeDb } from './db';

afterAll(closeDb);

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
    expect((await getItem(bookingKeys.booking(bookingId)))!.status).toBe('booked');
  });

  it('answers 400 to an unknown status', async () => {
    const { bookingId } = await startedBooking();
    const res = await call('recordOutcome', { token: await login('demo-official-1'), params: { bookingId }, body: { status: 'late' } });
    expectError(res, 400, 'VALIDATION_FAILED');
  });
});
