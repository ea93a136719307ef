// Batched reads, with the retries DynamoDB expects callers to make for unprocessed keys. (Transactions: transact.ts.)
//
// A response often needs items of several kinds whose keys are all known at once (a page's authors and the caller's
// supports; a day's ideas and the caller's RSVP). Each kind is a `BatchRead` (its keys and what it makes of what was
// found), declared next to its entity; `readTogether` sends them all as one BatchGetItem (100 keys a request).
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from './dynamo';
import type { Item } from './item';
import { backoff, RETRY_POLICY } from './transact';

export type Key = { pk: string; sk: string };

/** The items one batch found, by key; a missing item is undefined. */
export interface Found {
  get(key: Key): Item | undefined;
}

/** One kind of item to read in a batch: its keys, and the result it makes of what was found. */
export interface BatchRead<T> {
  keys: Key[];
  result: (found: Found) => T;
}

export const batchRead = <T>(keys: Key[], result: (found: Found) => T): BatchRead<T> => ({ keys, result });

/** A read with nothing to fetch, for a part of a batch that does not apply to this caller. */
export const noRead = <T>(value: T): BatchRead<T> => batchRead([], () => value);

/** The items found for these keys, in their order, missing ones left out. */
export const foundItems = (found: Found, keys: Key[]): Item[] => keys.flatMap<Item>((k) => found.get(k) ?? []);

const keyId = (k: Key) => `${k.pk}\u0000${k.sk}`;

/** Reads every key (each once, 100 a request); strongly consistent when asked. */
async function fetchAll(keys: Key[], consistent: boolean): Promise<Map<string, Item>> {
  const unique = [...new Map(keys.map((k) => [keyId(k), { pk: k.pk, sk: k.sk }])).values()];
  const out = new Map<string, Item>();
  for (let i = 0; i < unique.length; i += 100) {
    let request: Key[] = unique.slice(i, i + 100);
    for (let attempt = 0; request.length; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const res = await ddb.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: request, ConsistentRead: consistent } } }));
      for (const item of res.Responses?.[TABLE] ?? []) out.set(keyId(item as Key), item);
      request = (res.UnprocessedKeys?.[TABLE]?.Keys as Key[] | undefined) ?? [];
      if (attempt >= RETRY_POLICY.attempts && request.length) {
        throw Object.assign(new Error('BatchGet left keys unprocessed'), { name: 'ThrottlingException' });
      }
    }
  }
  return out;
}

type Results<R extends BatchRead<unknown>[]> = { [K in keyof R]: R[K] extends BatchRead<infer T> ? T : never };

/**
 * Runs several reads as one batch: one BatchGetItem while they total at most 100 keys, none when they have no keys.
 * `consistent` makes the whole batch strongly consistent (for reads that used to be a consistent GetItem).
 */
export async function readTogether<R extends BatchRead<unknown>[]>(reads: [...R], o: { consistent?: boolean } = {}): Promise<Results<R>> {
  const items = await fetchAll(reads.flatMap((r) => r.keys), o.consistent ?? false);
  const found: Found = { get: (k) => items.get(keyId(k)) };
  return reads.map((r) => r.result(found)) as Results<R>;
}
