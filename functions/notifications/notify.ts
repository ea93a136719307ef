// Sends a subscribe message when the user gave a grant for it. Never fails the action that caused it: a message
// is a courtesy, the record is the truth.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplate, type Subscriptions } from '@shared/schemas/notify';
import { TABLE, ddb } from '../core/dynamo';
import { logger } from '../core/http/logger';
import { profilesById } from '../users/users.repository';
import { sendSubscribeMessage } from '../wechat/wechat-client';
import { sentMarkerItem } from './notification.entity';
import { TEMPLATE_IDS } from './templates';
import { addGrant, clearGrants, grantsOf, refundGrant, spendGrant } from './subscriptions.repository';

export type NotifyOutcome = 'sent' | 'no_grant' | 'skipped' | 'failed';

export async function notify(userId: string, template: SubscribeTemplate, data: Record<string, string>, page: string): Promise<NotifyOutcome> {
  try {
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
  } catch (err) {
    logger.warn('subscribe message not sent', { template, error: err as Error });
    return 'failed';
  }
}

/** At most once per event: the marker is claimed before sending, so a job run twice sends nothing twice. */
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
