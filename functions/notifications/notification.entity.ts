// Subscribe grants (one counter per user and template) and sent markers (one per event and user, so a job run twice
// sends nothing twice; removed by TTL after 90 days).
import type { SubscribeTemplate } from '@shared/schemas/notify';
import { DAY_MS } from '@shared/time';

const SUBS_PK = (userId: string) => `SUBS#${userId}`;

export const notificationKeys = {
  /** A user's grants, one item per template: one Query. */
  subscriptions: SUBS_PK,
  subscription: (userId: string, template: SubscribeTemplate) => ({ pk: SUBS_PK(userId), sk: template }),
  sent: (eventKey: string, userId: string) => ({ pk: `SENT#${eventKey}`, sk: userId }),
};

/** A user's count of one-time grants for a template. */
export const subscriptionItem = (userId: string, template: SubscribeTemplate, n: number) => ({
  ...notificationKeys.subscription(userId, template),
  entity: 'subscription',
  n,
});

export const sentMarkerItem = (eventKey: string, userId: string, at = Date.now()) => ({
  ...notificationKeys.sent(eventKey, userId),
  entity: 'sent_marker',
  at: new Date(at).toISOString(),
  ttl: Math.floor((at + 90 * DAY_MS) / 1000),
});
