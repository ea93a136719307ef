// Batched reads, with the retries DynamoDB expects callers to make for unprocessed keys. (Transactions: transact.ts.)
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from './dynamo';
import { backoff, RETRY_POLICY } from './transact';

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
