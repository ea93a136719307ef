// The outbox consumer: sends one event's message to each recipient, then marks the event done. A try that WeChat
// (or the network) failed is recorded on the event with the time of the next try, doubling each time; that write is
// itself a stream record, so the event comes back and waits out its backoff here. After the last try, or on an
// answer no retry changes, the event becomes a dead letter admins can list.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../core/config';
import { TABLE, ddb } from '../core/dynamo';
import { logger } from '../core/http/logger';
import { getItem } from '../core/reads';
import { transactWrite } from '../core/transact';
import { allMemberGrants } from '../users/users.repository';
import { deliverOnce, isPermanent } from './notify';
import {
  deadLetterItem,
  eventKey,
  expiresIn,
  OUTBOX_TTL,
  outboxKeys,
  toOutboxRecord,
  type Audience,
  type OutboxRecord,
} from './outbox.entity';

/** Wait before try `attempt` (1-based, after `attempt` failures): base × 2^(attempt−1), capped. */
export const retryDelay = (attempt: number) => Math.min(config.outbox.capMs, config.outbox.baseMs * 2 ** (attempt - 1));

async function recipients(to: Audience): Promise<string[]> {
  if ('users' in to) return to.users;
  return [...new Set((await allMemberGrants(to.branchMembers)).map((m) => m.userId))];
}

interface Failure {
  userId: string;
  error: string;
  permanent: boolean;
}

/** Handles the event as the stream showed it; a stale image (the event moved on since) is left alone. */
export async function handleOutboxEvent(image: OutboxRecord): Promise<void> {
  if (image.state !== 'pending') return;
  const wait = image.nextAttemptAt ? Date.parse(image.nextAttemptAt) - Date.now() : 0;
  if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, config.outbox.capMs)));
  const item = await getItem(outboxKeys.event(image.subject, image.id));
  const event = item && toOutboxRecord(item);
  if (!event || event.state !== 'pending' || event.attempts !== image.attempts) return;

  const failures: Failure[] = [];
  const users = await recipients(event.to);
  // A branch is tens of members: ten sends at a time.
  for (let i = 0; i < users.length; i += 10) {
    await Promise.all(
      users.slice(i, i + 10).map(async (userId) => {
        try {
          await deliverOnce(eventKey(event), userId, event.template, event.data, event.page);
        } catch (err) {
          failures.push({ userId, error: String((err as Error).message ?? err).slice(0, 200), permanent: isPermanent(err) });
        }
      }),
    );
  }
  const attempts = event.attempts + 1;
  if (!failures.length) return settle(event, { state: 'done', attempts, ttl: expiresIn(OUTBOX_TTL.doneDays) });
  const lastError = failures[0]!.error;
  if (failures.some((f) => f.permanent) || attempts >= config.outbox.attempts) return bury(event, attempts, failures);
  logger.warn('outbox: message not sent, will retry', { subject: event.subject, eventId: event.id, attempts, lastError });
  await settle(event, { attempts, lastError, nextAttemptAt: new Date(Date.now() + retryDelay(attempts)).toISOString() });
}

/** Writes the outcome of this try, on condition no other handling of the same event got there first. */
async function settle(event: OutboxRecord, fields: Record<string, unknown>): Promise<void> {
  const names = Object.fromEntries(Object.keys(fields).map((k) => [`#${k}`, k]));
  const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`:${k}`, v]));
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: outboxKeys.event(event.subject, event.id),
        UpdateExpression: `SET ${Object.keys(fields).map((k) => `#${k} = :${k}`).join(', ')}`,
        ConditionExpression: '#state = :pending AND #was = :was',
        ExpressionAttributeNames: { ...names, '#state': 'state', '#was': 'attempts' },
        ExpressionAttributeValues: { ...values, ':pending': 'pending', ':was': event.attempts },
      }),
    );
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
  }
}

/** The last try failed: the event is dead and a dead letter says whom it did not reach, in one transaction. */
async function bury(event: OutboxRecord, attempts: number, failures: Failure[]): Promise<void> {
  const deadAt = new Date().toISOString();
  const lastError = failures[0]!.error;
  logger.error('outbox: message given up, dead letter written', { subject: event.subject, eventId: event.id, attempts, lastError });
  await transactWrite([
    {
      Update: {
        TableName: TABLE,
        Key: outboxKeys.event(event.subject, event.id),
        UpdateExpression: 'SET #state = :dead, attempts = :n, lastError = :err, #ttl = :ttl',
        ConditionExpression: '#state = :pending AND attempts = :was',
        ExpressionAttributeNames: { '#state': 'state', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':dead': 'dead', ':n': attempts, ':err': lastError, ':ttl': expiresIn(OUTBOX_TTL.deadDays), ':pending': 'pending', ':was': event.attempts },
      },
    },
    {
      Put: {
        TableName: TABLE,
        Item: deadLetterItem({
          eventId: event.id,
          subject: event.subject,
          template: event.template,
          failed: failures.map(({ userId, error }) => ({ userId, error })),
          attempts,
          createdAt: event.createdAt,
          deadAt,
        }),
      },
    },
  ]);
}
