// A booking whose transaction meets another one on the slot (TransactionConflict). On DynamoDB, a crowd booking one
// slot gets these; DynamoDB Local runs transactions one at a time and never does (200 at once on one item: 3
// committed, 197 refused, no conflict). So the booking runs in this process on the test's DynamoDB Local, and its
// first transaction is answered with the conflict DynamoDB would send; everything else is real.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createBooking } from '../../functions/bookings/booking-create.service';
import { ddb } from '../../functions/core/dynamo';
import { SlotFullError } from '../../functions/core/errors';
import { idempotencyClaim } from '../../functions/core/idempotency-key';
import { bookSlot, openSession, slotOf } from './booking-fixtures';
import { closeDb } from './db';
import { freshUser } from './http';

afterAll(closeDb);
afterEach(() => jest.restoreAllMocks());

/** The first TransactWriteItems sent conflicts; every request goes to DynamoDB Local otherwise. Counts the transactions. */
function firstTransactionConflicts(): { transactions: () => number } {
  const send = ddb.send.bind(ddb);
  let transactions = 0;
  jest.spyOn(ddb, 'send').mockImplementation(((command: unknown, ...rest: unknown[]) => {
    if (command instanceof TransactWriteCommand && transactions++ === 0) {
      return Promise.reject(new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None, None, None, None]',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }],
      }));
    }
    return (send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
  }) as never);
  return { transactions: () => transactions };
}

describe('a booking that meets a conflict on its slot', () => {
  it('is tried again and books while the slot has a seat', async () => {
    // Prepare
    const slotId = (await openSession({ seats: 2 })).slots[0].id;
    const resident = await freshUser('conflict');
    const dynamo = firstTransactionConflicts();
    // Act
    const booking = await createBooking(resident.userId, slotId, { topic: '咨询宅基地审批' });
    // Assess
    expect(booking).toMatchObject({ slotId, userId: resident.userId, status: 'booked' });
    expect(dynamo.transactions()).toBe(2);
    expect((await slotOf(slotId)).booked).toBe(1);
  });

  it('is refused as full, with no second transaction, once the slot filled meanwhile', async () => {
    // Prepare: the only seat goes to another resident (the transaction the conflict was with)
    const slotId = (await openSession({ seats: 1 })).slots[0].id;
    const [winner, late] = await Promise.all([freshUser('conflict'), freshUser('conflict')]);
    expect((await bookSlot(winner.token, slotId)).status).toBe(201);
    const dynamo = firstTransactionConflicts();
    // Act
    const attempt = createBooking(late.userId, slotId, { topic: '咨询宅基地审批' });
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(SlotFullError);
    expect(dynamo.transactions()).toBe(1);
    expect((await slotOf(slotId)).booked).toBe(1);
  });

  it('replays the first answer to a copy of a keyed booking whose twin took the last seat while it waited', async () => {
    // Prepare: the first request with the key books the only seat; its copy (the same key) meets a conflict
    const slotId = (await openSession({ seats: 1 })).slots[0].id;
    const resident = await freshUser('conflict');
    const body = { topic: '咨询宅基地审批' };
    const claim = idempotencyClaim('POST /v1/slots/{slotId}/bookings', `${resident.userId}|/v1/slots/${slotId}/bookings|conflict-twin`, JSON.stringify(body));
    const first = await createBooking(resident.userId, slotId, body, claim);
    const dynamo = firstTransactionConflicts();
    // Act
    const copy = await createBooking(resident.userId, slotId, body, claim);
    // Assess: the rereading after the conflict found the slot full, and the key's record said why
    expect(dynamo.transactions()).toBe(1);
    expect(copy).toEqual(first);
    expect((await slotOf(slotId)).booked).toBe(1);
  });
});
