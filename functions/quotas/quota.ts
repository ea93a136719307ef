// Per-user quotas (QUOTA_RULES): one conditional UpdateItem per counted action, no read. Used by the services that
// create content or reveal personal data; GET routes never touch it.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { QUOTA_RULES, type QuotaAction } from '@shared/rules/quotas';
import { config } from '../core/config';
import { TABLE, ddb } from '../core/dynamo';
import { RateLimitedError } from '../core/errors';
import { getItem } from '../core/reads';
import type { TransactItems } from '../core/transact';
import { counterAttributes, quotaKeys, windowOf } from './quota.entity';

/** The counter's conditional increment (refused once the window's quota is used up) and the error that refusal means. */
function counting(userId: string, action: QuotaAction, now: number) {
  const rule = QUOTA_RULES[action];
  const { start, secondsLeft } = windowOf(now, rule.windowSeconds);
  const { entity, ttl } = counterAttributes(start, rule.windowSeconds);
  const update = {
    TableName: TABLE,
    Key: quotaKeys.counter(userId, action, start),
    UpdateExpression: 'ADD #n :one SET #entity = :entity, #ttl = :ttl',
    ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
    ExpressionAttributeNames: { '#n': 'n', '#entity': 'entity', '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':one': 1, ':entity': entity, ':ttl': ttl, ':limit': rule.limit * config.quotaLimitFactor },
  };
  return { update, refused: () => new RateLimitedError(rule.message, secondsLeft) };
}

/** Counts one `action` by the user; 429 RATE_LIMITED (nothing counted) once the window's quota is used up. */
export async function spendQuota(userId: string, action: QuotaAction, now = Date.now()): Promise<void> {
  const { update, refused } = counting(userId, action, now);
  try {
    await ddb.send(new UpdateCommand(update));
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') throw refused();
    throw err;
  }
}

/**
 * The same count as an item of the caller's own transaction, for an action that must be counted exactly when it
 * happens: when the transaction fails at this item, the caller throws `refused()` (429).
 */
export function quotaSpendItem(userId: string, action: QuotaAction, now = Date.now()): { item: TransactItems[number]; refused: () => RateLimitedError } {
  const { update, refused } = counting(userId, action, now);
  return { item: { Update: update }, refused };
}

/** 429 if the user already used up the window's quota: for failures counted after the attempt (wrong codes). */
export async function requireQuotaLeft(userId: string, action: QuotaAction, now = Date.now()): Promise<void> {
  const rule = QUOTA_RULES[action];
  const { start, secondsLeft } = windowOf(now, rule.windowSeconds);
  const counter = await getItem(quotaKeys.counter(userId, action, start));
  if (Number(counter?.n ?? 0) >= rule.limit * config.quotaLimitFactor) throw new RateLimitedError(rule.message, secondsLeft);
}
