// The idempotency record a route writes inside its own transaction (routes marked `ownIdempotency`), without
// Powertools.
//
// Such a record is put, with the answer it stores, in the same TransactWriteItems as the change it answers for: both
// commit or neither does. So there is no "in progress" state: a concurrent duplicate either loses the race to the
// first transaction and gets its stored answer (a replay), or it is the first. A refused request stores nothing, as
// Powertools deletes its record when the handler throws.
//
// The record is Powertools' own (same key and hashes, idempotency-key.ts; same attributes), so either reads the other's.
import { IdempotencyMismatchError, ConflictError } from './errors';
import { TABLE } from './dynamo';
import type { IdempotencyClaim } from './idempotency-key';
import { getItem } from './reads';
import type { TransactItems } from './transact';

const EXPIRES_AFTER_S = 24 * 3600;

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
