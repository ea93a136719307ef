// Batched reads, with the retries DynamoDB expects callers to make for unprocessed keys.
// (Transactions live in transact.ts; the helpers at the end are kept only until their last importers move there.)
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from './dynamo';
import { backoff, RETRY_POLICY, type TransactItems } from './transact';

type Key = { pk: string; sk: string };

/** Reads up to any number of items by key (100 a request), in no particular order; missing keys are left out. */
export async function batchGet(keys: Key[]): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Key[] = unique.slice(i, i + 100);
    for (let attempt = 0; request.length; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const res = await ddb.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: request } } }));
      out.push(...(res.Responses?.[TABLE] ?? []));
      request = (res.UnprocessedKeys?.[TABLE]?.Keys as Key[] | undefined) ?? [];
      if (attempt >= RETRY_POLICY.attempts && request.length) {
        throw Object.assign(new Error('BatchGet left keys unprocessed'), { name: 'ThrottlingException' });
      }
    }
  }
  return out;
}

/** @deprecated Use `transactWrite` from transact.ts, which reports failed conditions instead of throwing. */
export const isCancelled = (err: unknown): boolean => err instanceof TransactionCanceledException;

/** @deprecated Contention is retried inside `transactWrite` (transact.ts). */
export const isConflict = (err: unknown): boolean =>
  err instanceof TransactionCanceledException &&
  (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

/**
 * @deprecated Use `transactWrite` / `transactOrThrow` from transact.ts. Runs a transaction, retrying contention
 * under the one RETRY_POLICY; condition failures are thrown for `cancellationCode` to read.
 */
export async function transact(items: TransactItems, attempts: number = RETRY_POLICY.attempts): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      if (!isConflict(err) || attempt >= attempts) throw err;
      await backoff(attempt);
    }
  }
}

/** @deprecated `transactWrite` (transact.ts) returns the failed conditions' indexes. */
export function cancellationCode(err: unknown, index: number): string | undefined {
  return err instanceof TransactionCanceledException ? err.CancellationReasons?.[index]?.Code : undefined;
}
