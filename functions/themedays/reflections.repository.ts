// Reflections (心得): one per member and day, in the day's partition; a pending one is in the moderation queue.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchRead, type BatchRead } from '../core/batch';
import { TABLE, ddb } from '../core/dynamo';
import type { TransactItems } from '../core/transact';
import type { ModerationReview } from '../moderation/moderation.entity';
import { reflectionItem, themeDayKeys, toReflectionRecord, type ReflectionRecord } from './themeday.entity';

/** A reflection's write, to go in the same transaction as the attendance it counts for. */
export function reflectionPut(r: ReflectionRecord): TransactItems[number] {
  return { Put: { TableName: TABLE, Item: reflectionItem(r) } };
}

export async function getReflection(dayId: string, userId: string): Promise<ReflectionRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: themeDayKeys.reflection(dayId, userId), ConsistentRead: true }));
  return out.Item ? toReflectionRecord(out.Item) : undefined;
}

/** A member's reflection on a day, as part of a batch. */
export function reflectionRead(dayId: string, userId: string): BatchRead<ReflectionRecord | undefined> {
  const key = themeDayKeys.reflection(dayId, userId);
  return batchRead([key], (found) => {
    const item = found.get(key);
    return item ? toReflectionRecord(item) : undefined;
  });
}

/**
 * A moderation decision on a queued reflection: it leaves the queue with its new status and the review, on
 * condition it is still the same queue entry (a second moderator, or a resubmission, makes it fail).
 */
export function reflectionDecision(r: ReflectionRecord, reviewStatus: 'published' | 'rejected', review: ModerationReview): TransactItems[number] {
  return {
    Update: {
      TableName: TABLE,
      Key: themeDayKeys.reflection(r.themeDayId, r.userId),
      UpdateExpression: 'SET reviewStatus = :status, review = :review REMOVE queuedAt, gsi3pk, gsi3sk',
      ConditionExpression: 'queuedAt = :queuedAt',
      ExpressionAttributeValues: { ':status': reviewStatus, ':review': review, ':queuedAt': r.queuedAt },
    },
  };
}
