// Batched reads and transactions with the retries DynamoDB expects callers to make.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from './dynamo';

type Key = { pk: string; sk: string };

/** Reads up to any number of items by key (100 a request), in no particular order; missing keys are left out. */
export async function batchGet(keys: Key[]): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Key[] = unique.slice(i, i + 100);
    for (let attempt = 0; request.length; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      const res = await ddb.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: request } } }));
      out.push(...(res.Responses?.[TABLE] ?? []));
      request = (res.UnprocessedKeys?.[TABLE]?.Keys as Key[] | undefined) ?? [];
      if (attempt > 8 && request.length) throw Object.assign(new Error('BatchGet left keys unprocessed'), { name: 'ThrottlingException' });
    }
  }
  return out;
}

export const isCancelled = (err: unknown): boolean => err instanceof TransactionCanceledException;

export const isConflict = (err: unknown): boolean =>
  err instanceof TransactionCanceledException &&
  (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

/**
 * Runs a transaction, retrying when another transaction touched the same item at the same moment (many members
 * supporting one idea, or checking in to one theme day). Condition failures are the caller's to interpret.
 */
export async function transact(items: NonNullable<TransactWriteCommandInput['TransactItems']>, attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      if (!isConflict(err) || attempt >= attempts) throw err;
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}

/** The reason code of the n-th item of a cancelled transaction ('ConditionalCheckFailed', 'None', …). */
export function cancellationCode(err: unknown, index: number): string | undefined {
  return err instanceof TransactionCanceledException ? err.CancellationReasons?.[index]?.Code : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
