// Outbox events: a subscribe message to send, written in the same transaction as the change that causes it, so the
// change never waits on WeChat and no message is lost; the scheduled jobs enqueue theirs the same way. A subject's
// events (`idea#<id>`, `themeday#<id>`, `concern#<id>`, `booking#<id>`, `user#<id>`, `station#<id>`) share a partition; the stream consumer (./outbox.consumer.ts) sends them and marks them done, or
// after its last try moves them to the dead letters: one partition, newest first, for admins (they are rare).
import type { DeadLetter, SubscribeTemplate } from '@shared/schemas/notify';
import { DAY_MS } from '@shared/time';
import { TABLE } from '../core/dynamo';
import { newId } from '../core/ids';
import { recordOf, type Item } from '../core/item';
import type { TransactItems } from '../core/transact';

/** Who gets the message: named users, or every member of a branch who holds a grant for it (resolved when sent). */
export type Audience = { users: string[] } | { branchMembers: string };

export interface OutboxMessage {
  subject: string;
  template: SubscribeTemplate;
  data: Record<string, string>;
  page: string;
  to: Audience;
}

export interface OutboxRecord extends OutboxMessage {
  id: string;
  createdAt: string;
  state: 'pending' | 'done' | 'dead';
  /** Failed tries so far; the stream hands the event over again after each (a MODIFY of this item). */
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
}

export const OUTBOX_ENTITY = 'outbox';
const DEAD_PK = 'DEADLETTERS';

export const outboxKeys = {
  subject: (subject: string) => `OUTBOX#${subject}`,
  event: (subject: string, id: string) => ({ pk: `OUTBOX#${subject}`, sk: id }),
  /** Every dead letter, newest last by key: one Query, read backwards. */
  deadLetters: DEAD_PK,
  deadLetter: (deadAt: string, id: string) => ({ pk: DEAD_PK, sk: `${deadAt}#${id}` }),
};

/** Sent markers of an event's recipients are keyed by this (see claimOnce in ./notify.ts). */
export const eventKey = (e: Pick<OutboxRecord, 'subject' | 'id'>) => `OUTBOX#${e.subject}#${e.id}`;

export const outboxItem = (e: OutboxRecord) => ({ ...outboxKeys.event(e.subject, e.id), entity: OUTBOX_ENTITY, ...e });

export const toOutboxRecord = (item: Item) => recordOf<OutboxRecord>(item);

/**
 * The Put that adds a message to a change's transaction. A scheduled job passes an `id` naming its run (template and
 * period): the same message enqueued again fails the condition, so a re-run adds nothing.
 */
export function outboxPut(message: OutboxMessage, now = new Date(), id = newId()): TransactItems[number] {
  const record: OutboxRecord = { ...message, id, createdAt: now.toISOString(), state: 'pending', attempts: 0 };
  return { Put: { TableName: TABLE, Item: outboxItem(record), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** Done events go after a month; dead letters stay until an admin has seen them (a year). */
export const OUTBOX_TTL = { doneDays: 30, deadDays: 365 } as const;
export const expiresIn = (days: number, now = Date.now()) => Math.floor((now + days * DAY_MS) / 1000);

export type DeadLetterRecord = DeadLetter;

export const deadLetterItem = (d: DeadLetterRecord) => ({
  ...outboxKeys.deadLetter(d.deadAt, d.eventId),
  entity: 'dead_letter',
  ...d,
  ttl: expiresIn(OUTBOX_TTL.deadDays, Date.parse(d.deadAt)),
});

export const toDeadLetter = (item: Item) => recordOf<DeadLetterRecord>(item);
