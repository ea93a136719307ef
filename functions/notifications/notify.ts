// Sends a subscribe message when the user gave a grant for it. Never part of the action that caused it: a message is
// a courtesy, the record is the truth. Request paths add an outbox event to their transaction (./outbox.entity.ts)
// and the scheduled jobs put theirs (jobs/job.ts); only the outbox consumer sends.
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplate, type Subscriptions } from '@shared/schemas/notify';
import { TABLE, ddb } from '../core/dynamo';
import { logger } from '../core/http/logger';
import { profilesById } from '../users/users.repository';
import { sendSubscribeMessage, WechatApiError } from '../wechat/wechat-client';
import { notificationKeys, sentMarkerItem } from './notification.entity';
import { TEMPLATE_IDS } from './templates';
import { addGrant, clearGrants, grantsOf, refundGrant, spendGrant } from './subscriptions.repository';

export type NotifyOutcome = 'sent' | 'no_grant' | 'skipped' | 'failed';

/** Sends when the user holds a grant; a failed send gives the grant back and throws. */
async function sendMessage(userId: string, template: SubscribeTemplate, data: Record<string, string>, page: string): Promise<Exclude<NotifyOutcome, 'failed'>> {
  const templateId = TEMPLATE_IDS[template];
  if (!templateId) {
    logger.error('no template id configured', { template });
    return 'skipped';
  }
  const profile = (await profilesById([userId])).get(userId);
  if (!profile?.openid || profile.deletedAt) return 'skipped';
  if (!(await spendGrant(userId, template))) return 'no_grant';
  try {
    const outcome = await sendSubscribeMessage({ openid: profile.openid, templateId, page, data });
    if (outcome === 'no_grant') await clearGrants(userId, template);
    return outcome;
  } catch (err) {
    await refundGrant(userId, template);
    throw err;
  }
}

/** WeChat's answers that no retry changes (a field it refuses, an unknown user): all but busy, rate limits and a stale token. */
export const isPermanent = (err: unknown): boolean => err instanceof WechatApiError && ![-1, 40001, 42001, 45009, 45011].includes(err.errcode);

/**
 * One recipient of an outbox event, exactly once however often the event is handed over: the sent marker is claimed
 * before sending and given back when the send failed in a way a retry may fix (WeChat down or busy). Throws that failure.
 */
export async function deliverOnce(eventKey: string, userId: string, template: SubscribeTemplate, data: Record<string, string>, page: string): Promise<NotifyOutcome> {
  if (!(await claimOnce(eventKey, userId))) return 'skipped';
  try {
    return await sendMessage(userId, template, data, page);
  } catch (err) {
    if (!isPermanent(err)) await releaseClaim(eventKey, userId);
    throw err;
  }
}

/** At most once per event and recipient: the marker is claimed before sending, so an event handed over twice sends nothing twice. */
export async function claimOnce(eventKey: string, userId: string): Promise<boolean> {
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: sentMarkerItem(eventKey, userId),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

async function releaseClaim(eventKey: string, userId: string): Promise<void> {
  await ddb.send(new DeleteCommand({ TableName: TABLE, Key: notificationKeys.sent(eventKey, userId) }));
}

export async function subscriptionsOf(userId: string): Promise<Subscriptions> {
  const grants = await grantsOf(userId);
  return {
    templates: SUBSCRIBE_TEMPLATES.filter((k) => TEMPLATE_IDS[k]).map((k) => ({ key: k, templateId: TEMPLATE_IDS[k]!, grants: grants.get(k) ?? 0 })),
  };
}

export async function recordSubscriptions(userId: string, results: { template: SubscribeTemplate; accepted: boolean }[]): Promise<Subscriptions> {
  for (const r of results) if (r.accepted) await addGrant(userId, r.template);
  return subscriptionsOf(userId);
}
