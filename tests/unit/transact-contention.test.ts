// How core/transact.ts answers contention. DynamoDB Local runs transactions one at a time and never reports a
// TransactionConflict, so the document client's `send` is replaced here by the answers DynamoDB gives a contended
// transaction (bookings-conflict.test.ts does the same to one booking on DynamoDB Local).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ddb } from '../../functions/core/dynamo';
import { UnavailableError } from '../../functions/core/errors';
import { RETRY_POLICY, transactWrite, type TransactItems, type TransactOutcome } from '../../functions/core/transact';

const items: TransactItems = [{ ConditionCheck: { TableName: 't', Key: { pk: 'SLOT#1', sk: 'SLOT' }, ConditionExpression: 'booked < seats' } }];
const conflict = () =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }] });
const full: TransactOutcome = { committed: false, failed: [0], items: [{ pk: 'SLOT#1', sk: 'SLOT', booked: 3, seats: 3 }] };

/** `send` answers each attempt in turn: a conflict, or a commit. */
function dynamoAnswers(...answers: ('conflict' | 'commit')[]) {
  let call = 0;
  return jest.spyOn(ddb, 'send').mockImplementation((async () => {
    const answer = answers[Math.min(call++, answers.length - 1)];
    if (answer === 'conflict') throw conflict();
    return {};
  }) as never);
}

afterEach(() => jest.restoreAllMocks());

describe('a contended transaction', () => {
  it('is tried again after a conflict, and the recheck is asked first', async () => {
    // Prepare
    const send = dynamoAnswers('conflict', 'commit');
    const recheck = jest.fn(async () => undefined);
    // Act
    const outcome = await transactWrite(items, recheck);
    // Assess
    expect(outcome).toEqual({ committed: true });
    expect(send).toHaveBeenCalledTimes(2);
    expect(recheck).toHaveBeenCalledTimes(1);
  });

  it('ends with the refusal the recheck finds, without another transaction', async () => {
    // Prepare
    const send = dynamoAnswers('conflict');
    const recheck = jest.fn(async () => full);
    // Act
    const outcome = await transactWrite(items, recheck);
    // Assess
    expect(outcome).toEqual(full);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('answers 503 after the policy\'s attempts when every one conflicts and the recheck never settles it', async () => {
    // Prepare
    const send = dynamoAnswers('conflict');
    const recheck = jest.fn(async () => undefined);
    // Act
    const attempt = transactWrite(items, recheck);
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(UnavailableError);
    expect(send).toHaveBeenCalledTimes(RETRY_POLICY.attempts);
    expect(recheck).toHaveBeenCalledTimes(RETRY_POLICY.attempts);
  });

  it('answers 503 after the policy\'s attempts without a recheck, as before', async () => {
    // Prepare
    const send = dynamoAnswers('conflict');
    // Act
    const attempt = transactWrite(items);
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(UnavailableError);
    expect(send).toHaveBeenCalledTimes(RETRY_POLICY.attempts);
  });
});
