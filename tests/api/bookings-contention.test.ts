// 局长驻点 under contention: real concurrent HTTP requests on one slot, and the stored state read back.
import { bookingKeys } from '../../functions/bookings/booking.entity';
import { openSession, bookSlot, bookSlotAsApp, slotOf, inBatches, countBy } from './booking-fixtures';
import { call, freshUser } from './http';
import { closeDb, partition } from './db';

afterAll(closeDb);

describe('booking under contention (real concurrent HTTP requests)', () => {
  it('books exactly 3 seats when 200 residents book a 3-seat slot at the same moment', async () => {
    // Prepare
    const session = await openSession({ seats: 3 });
    const slotId = session.slots[0].id;
    const residents = await inBatches(200, 25, () => freshUser('rush'));
    // Act
    const results = await Promise.all(residents.map((r) => bookSlotAsApp(r.token, slotId)));
    // Assess: every resident ends with a definite answer (a shed request retried with its key books at most once)
    expect(countBy(results)).toEqual({ '201': 3, '409 SLOT_FULL': 197 });
    expect((await slotOf(slotId)).booked).toBe(3);
    const markers = (await partition(bookingKeys.bookersOf(slotId).pk)).filter((i) => String(i.sk).startsWith(bookingKeys.bookersOf(slotId).prefix));
    expect(markers).toHaveLength(3);
    const winners = new Set(results.filter((r) => r.status === 201).map((r) => r.body.userId));
    expect(new Set(markers.map((m) => m.userId))).toEqual(winners);
  }, 600_000);

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
