// Idempotency records, without Powertools: their table keys (shared with Powertools' layer, idempotency-store.ts),
// and the record a route writes inside its own transaction (routes marked `ownIdempotency`).
//
// Such a record is put, with the answer it stores, in the same TransactWriteItems as the change it answers for: both
// commit or neither does. So there is no "in progress" state: a concurrent duplicate either loses the race to the
// first transaction and gets its stored answer (a replay), or it is the first. A refused request stores nothing, as
// Powertools deletes its record when the handler throws.
//
// The record is Powertools' own (same key, attributes and hashes), so records of either kind are read by both.
import { createHash } from 'node:crypto';
import { IdempotencyMismatchError, ConflictError } from './errors';
import { getItem } from './reads';
import { TABLE } from './dynamo';
import type { TransactItems } from './transact';

const PK_PREFIX = 'IDEMPOTENCY#';
const EXPIRES_AFTER_S = 24 * 3600;

/** The table key of the record Powertools names `recordKey` (`<METHOD path>#<hash of the scope>`). */
export function idempotencyRecordKey(recordKey: string): { pk: string; sk: string } {
  // 64 bits of a hash: partitions never need to be listed, and the sort key disambiguates anyway.
  return { pk: `${PK_PREFIX}${createHash('sha256').update(recordKey).digest('hex').slice(0, 16)}`, sk: recordKey };
}

/** Powertools' hash of a JMESPath result (a string here): md5, base64, of its JSON. */
const hashOf = (value: string) => createHash('md5').update(JSON.stringify(value)).digest('base64');

/** A request's claim on its Idempotency-Key: where its record lives and the hash of the body it came with. */
export interface IdempotencyClaim {
  key: { pk: string; sk: string };
  payloadHash: string;
}

/** `scope` and `payload` as the stack's idempotencyScope middleware puts them on the event. */
export function idempotencyClaim(routeKey: string, scope: string, payload: string): IdempotencyClaim {
  return { key: idempotencyRecordKey(`${routeKey}#${hashOf(scope)}`), payloadHash: hashOf(payload) };
}

/** A stored answer: what the route answered the first request. */
export interface StoredAnswer {
  statusCode: number;
  body: unknown;
}

/**
 * The transaction item that stores `answer` under the claim. Its condition (Powertools' own) fails while a live
 * record holds the key; the item then comes back as it was, for `replayOf`.
 */
export function claimPut(claim: IdempotencyClaim, answer: StoredAnswer, now = Date.now()): TransactItems[number] {
  return {
    Put: {
      TableName: TABLE,
      Item: {
        ...claim.key,
        status: 'COMPLETED',
        ttl: Math.round(now / 1000 + EXPIRES_AFTER_S),
        validation: claim.payloadHash,
        data: { statusCode: answer.statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(answer.body) },
      },
      ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now OR (#status = :inprogress AND in_progress_expiration < :nowMs)',
      ExpressionAttributeNames: { '#ttl': 'ttl', '#status': 'status' },
      ExpressionAttributeValues: { ':now': now / 1000, ':nowMs': now, ':inprogress': 'INPROGRESS' },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * What a used key answers, from its record: the stored answer for the same body, 409 IDEMPOTENCY_MISMATCH for
 * another body, 409 CONFLICT while a request Powertools runs holds it (as that layer answers).
 */
export function replayOf(claim: IdempotencyClaim, record: Record<string, unknown>): StoredAnswer {
  if (record.validation !== claim.payloadHash) throw new IdempotencyMismatchError();
  const data = record.data as { statusCode?: number; body?: string } | undefined;
  if (record.status !== 'COMPLETED' || !data?.body) throw new ConflictError('相同的请求正在处理中，请稍候');
  return { statusCode: Number(data.statusCode), body: JSON.parse(data.body) };
}

/** The stored answer of a claim whose key was used (live and completed), or undefined. */
export async function storedAnswer(claim: IdempotencyClaim, now = Date.now()): Promise<StoredAnswer | undefined> {
  const record = await getItem(claim.key);
  if (!record || Number(record.ttl) < now / 1000 || record.status !== 'COMPLETED') return undefined;
  return replayOf(claim, record);
}
