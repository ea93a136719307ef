// 局长驻点 bookings by residents: booking a seat (window, seats, one per slot, at most 3 upcoming), their own list,
// and cancelling.
import { bookingKeys } from '../../functions/bookings/booking.entity';
import { MIN, DAY, hourAhead, openSession, bookSlot, slotOf, startSlot, countBy, getItem } from './booking-fixtures';
import { call, expectError, freshUser, login } from './http';
import { closeDb } from './db';

afterAll(closeDb);

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
    const stored = (await getItem(bookingKeys.booking(res.body.id)))!;
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

  it('answers 401 to the token of an erased account and takes no seat (the booking checks the account in its transaction)', async () => {
    // Prepare
    const session = await openSession();
    const { token, userId } = await freshUser('erased-booker');
    expect((await call('deleteMe', { token })).status).toBe(204);
    // Act
    const res = await bookSlot(token, session.slots[0].id);
    // Assess
    expectError(res, 401, 'UNAUTHENTICATED');
    expect((await slotOf(session.slots[0].id)).booked).toBe(0);
    expect(await getItem(bookingKeys.booker(session.slots[0].id, userId))).toBeUndefined();
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
    expect((await getItem(bookingKeys.booking(mine.body.id)))!.status).toBe('booked');
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
