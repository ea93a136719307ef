// One-time subscribe grants, counted per user and template. Spending one is a conditional decrement, so two
// messages can never spend the same grant.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SubscribeTemplate } from '@shared/schemas/notify';
import { TABLE, ddb } from '../core/dynamo';
import { notificationKeys } from './notification.entity';

export async function grantsOf(userId: string): Promise<Map<SubscribeTemplate, number>> {
  const out = await ddb.send(
    new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': notificationKeys.subscriptions(userId) }, ConsistentRead: true }),
  );
  return new Map((out.Items ?? []).map((i) => [i.sk as SubscribeTemplate, Number(i.n ?? 0)]));
}

export async function addGrant(userId: string, template: SubscribeTemplate): Promise<void> {
  await ddb.send(
    new UpdateCommand({ TableName: TABLE, Key: notificationKeys.subscription(userId, template), UpdateExpression: 'ADD n :one SET entity = :e', ExpressionAttributeValues: { ':one': 1, ':e': 'subscription' } }),
  );
}

/** Takes one grant; false when there is none to take. */
export async function spendGrant(userId: string, template: SubscribeTemplate): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: notificationKeys.subscription(userId, template),
        UpdateExpression: 'ADD n :minus',
        ConditionExpression: 'n > :zero',
        ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/** Gives back a grant a failed send did not use. */
export const refundGrant = addGrant;

/** WeChat says the user has none left (43101): our count was ahead of theirs. */
export async function clearGrants(userId: string, template: SubscribeTemplate): Promise<void> {
  await ddb.send(new UpdateCommand({ TableName: TABLE, Key: notificationKeys.subscription(userId, template), UpdateExpression: 'SET n = :zero', ExpressionAttributeValues: { ':zero': 0 } }));
}
