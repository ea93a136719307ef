// Transactions and the one retry policy for contended writes.
//
// DynamoDB cancels a TransactWriteItems as a whole and says why item by item: a condition that failed is a fact the
// caller decides on (seat taken, already supported, day not open); a conflict with another transaction on the same
// item is contention, retried here with jittered backoff. Callers get back which conditions failed, never the raw
// exception, so the decoding lives in one place.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ddb } from './dynamo';
import { UnavailableError } from './errors';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** How often and how patiently a contended write is tried again (a transaction, or a read-decide-write loop). */
export const RETRY_POLICY = { attempts: 8, baseMs: 15, capMs: 500 } as const;

/** Jittered exponential backoff before the given attempt (1-based). */
export const backoff = (attempt: number): Promise<void> =>
  new Promise((r) => setTimeout(r, Math.random() * Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** attempt)));

/**
 * The outcome of a transaction: committed, or refused because the conditions at these item indexes failed. `items`
 * holds, by index, the item as it was when its condition failed, for items sent with
 * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` (undefined when absent or not asked for): the facts of a refusal,
 * without reading again.
 */
export type TransactOutcome = { committed: true } | { committed: false; failed: number[]; items: (Record<string, unknown> | undefined)[] };

/** Reasons per item of a cancelled transaction ('None', 'ConditionalCheckFailed', 'TransactionConflict', …). */
function cancellationReasons(err: unknown): { code: string; item?: Record<string, unknown> }[] | undefined {
  if (!(err instanceof TransactionCanceledException)) return undefined;
  // Exceptions are not unmarshalled by the document client: the items come as DynamoDB JSON.
  return (err.CancellationReasons ?? []).map((r) => ({ code: r.Code ?? 'None', item: r.Item ? unmarshall(r.Item) : undefined }));
}

/**
 * Runs a transaction. Contention (another transaction on the same item) is retried; when conditions fail, their
 * indexes are returned. Anything else (throttling past the SDK's own retries, validation) is thrown.
 *
 * `recheck`, if given, runs after each backoff, before the next attempt: it reads what the contended condition
 * depends on and returns the refusal a retry would meet (a hot slot that filled while the transaction waited), which
 * ends the retries. A crowd on one item then gets its answer from a read instead of more transactions, each of
 * which would conflict with the others again, and nobody waits out the attempts for a 503.
 */
export async function transactWrite(items: TransactItems, recheck?: () => Promise<TransactOutcome | undefined>): Promise<TransactOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: items }));
      return { committed: true };
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons) throw err;
      const failed = reasons.flatMap((r, i) => (r.code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length) return { committed: false, failed, items: reasons.map((r) => r.item) };
      if (!recheck && attempt >= RETRY_POLICY.attempts) throw new UnavailableError();
      await backoff(attempt);
      const settled = await recheck?.();
      if (settled) return settled;
      if (attempt >= RETRY_POLICY.attempts) throw new UnavailableError();
    }
  }
}

/** Whether the condition of item `index` failed. */
export const failedAt = (outcome: TransactOutcome, index: number): boolean => !outcome.committed && outcome.failed.includes(index);

/** A transaction expected to commit: a failed condition means a concurrent change, answered by `onFailed`. */
export async function transactOrThrow(items: TransactItems, onFailed: (failed: number[]) => Error): Promise<void> {
  const outcome = await transactWrite(items);
  if (!outcome.committed) throw onFailed(outcome.failed);
}

/** Returned by a step of `retrying` to ask for another attempt after a lost race. */
export const TRY_AGAIN = Symbol('try again');

/**
 * Optimistic read-decide-write: runs `step` until it returns a value, backing off between attempts. Each attempt
 * re-reads what it decides on. After the last attempt the caller gets `exhausted()`: by default 503 (UNAVAILABLE),
 * which clients may retry; a feature may say what kept changing instead (a 409 with its own message).
 */
export async function retrying<T>(step: (attempt: number) => Promise<T | typeof TRY_AGAIN>, exhausted: () => Error = () => new UnavailableError()): Promise<T> {
  for (let attempt = 1; attempt <= RETRY_POLICY.attempts; attempt++) {
    const result = await step(attempt);
    if (result !== TRY_AGAIN) return result;
    await backoff(attempt);
  }
  throw exhausted();
}
