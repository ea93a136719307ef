// A booking's Idempotency-Key: its record is a stamp on the resident's marker in the slot, committed by the booking's
// own transaction (bookings/booking-replay.ts), so a duplicate, even one racing the first request or arriving after a
// cancel, gets the first answer, and a refused booking stores nothing.
import { bookingKeys } from '../../functions/bookings/booking.entity';
import { idempotencyClaim } from '../../functions/core/idempotency-key';
import { bookSlot, countBy, getItem, openSession, slotOf, startSlot } from './booking-fixtures';
import { call, expectError, freshUser } from './http';
import { closeDb } from './db';

afterAll(closeDb);

const topic = { topic: '咨询宅基地审批' };
const bookWithKey = (token: string, slotId: string, key: string, body: Record<string, unknown> = topic) =>
  call('createBooking', { token, params: { slotId }, body, headers: { 'idempotency-key': key } });

describe('POST /v1/slots/{slotId}/bookings with Idempotency-Key', () => {
  it('answers every copy of a request sent 10 times at once with the one booking it made', async () => {
    // Prepare
    const session = await openSession({ seats: 5 });
    const slotId = session.slots[0].id;
    const { token, userId } = await freshUser('idem-tap');
    const key = `idem-tap-${Date.now().toString(36)}`;
    // Act
    const results = await Promise.all(Array.from({ length: 10 }, () => bookWithKey(token, slotId, key)));
    // Assess
    expect(countBy(results)).toEqual({ '201': 10 });
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect((await slotOf(slotId)).booked).toBe(1);
    expect((await call('myBookings', { token })).body.items.map((b: { id: string }) => b.id)).toEqual([results[0].body.id]);
    const claim = idempotencyClaim('POST /v1/slots/{slotId}/bookings', `${userId}|/v1/slots/${slotId}/bookings|${key}`, JSON.stringify(topic));
    expect(await getItem(bookingKeys.booker(slotId, userId))).toMatchObject({ bookingId: results[0].body.id, idempotencyKey: claim.key.sk, validation: claim.payloadHash });
    expect(await getItem(claim.key)).toBeUndefined();
  }, 60_000);

  it('refuses the key with another body, and replays the first answer once the slot has started', async () => {
    // Prepare
    const session = await openSession({ seats: 3 });
    const slotId = session.slots[0].id;
    const { token } = await freshUser('idem-replay');
    const key = `idem-replay-${Date.now().toString(36)}`;
    const first = await bookWithKey(token, slotId, key);
    // Act
    const changed = await bookWithKey(token, slotId, key, { topic: '另一件事' });
    await startSlot(slotId, [first.body.id]);
    const late = await bookWithKey(token, slotId, key);
    const lateNewKey = await bookWithKey(token, slotId, `${key}-new`);
    // Assess
    expect(first.status).toBe(201);
    expectError(changed, 409, 'IDEMPOTENCY_MISMATCH');
    expect({ status: late.status, body: late.body }).toEqual({ status: 201, body: first.body });
    expectError(lateNewKey, 409, 'INVALID_STATE');
    expect((await slotOf(slotId)).booked).toBe(1);
  }, 60_000);

  it('stores nothing for a refused booking: the same key books once a seat is free', async () => {
    // Prepare
    const session = await openSession({ seats: 1 });
    const slotId = session.slots[0].id;
    const holder = await freshUser('idem-holder');
    const { token } = await freshUser('idem-waiter');
    const key = `idem-full-${Date.now().toString(36)}`;
    const held = await bookSlot(holder.token, slotId);
    // Act
    const refused = await bookWithKey(token, slotId, key);
    await call('cancelBooking', { token: holder.token, params: { bookingId: held.body.id } });
    const retried = await bookWithKey(token, slotId, key);
    const again = await bookWithKey(token, slotId, key);
    // Assess
    expectError(refused, 409, 'SLOT_FULL');
    expect(retried.status).toBe(201);
    expect(again.body).toEqual(retried.body);
    expect((await slotOf(slotId)).booked).toBe(1);
  }, 60_000);

  it('replays the first answer, masked phone included, to a copy sent after the booking was cancelled', async () => {
    // Prepare
    const session = await openSession({ seats: 2 });
    const slotId = session.slots[0].id;
    const { token, userId } = await freshUser('idem-cancel');
    const key = `idem-cancel-${Date.now().toString(36)}`;
    const body = { topic: '咨询低保申请', contactPhone: '13912345678' };
    const first = await bookWithKey(token, slotId, key, body);
    // Act
    const cancelled = await call('cancelBooking', { token, params: { bookingId: first.body.id } });
    const late = await bookWithKey(token, slotId, key, body);
    const rebooked = await bookWithKey(token, slotId, `${key}-again`, body);
    const lateAgain = await bookWithKey(token, slotId, key, body);
    // Assess
    expect(first.status).toBe(201);
    expect(first.body.contactPhoneMasked).toBe('139****5678');
    expect(cancelled.status).toBe(200);
    expect({ status: late.status, body: late.body }).toEqual({ status: 201, body: first.body });
    expect(rebooked.status).toBe(201);
    expect(rebooked.body.id).not.toBe(first.body.id);
    // The new booking's stamp replaced the cancelled one's: the old key is now just another tap on a booked slot.
    expectError(lateAgain, 409, 'ALREADY_BOOKED');
    expect((await slotOf(slotId)).booked).toBe(1);
    const marker = await getItem(bookingKeys.booker(slotId, userId));
    expect(marker).toMatchObject({ bookingId: rebooked.body.id });
    expect(JSON.stringify(marker)).not.toContain('5678');
  }, 60_000);
});
