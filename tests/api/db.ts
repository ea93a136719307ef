// Direct reads of DynamoDB Local, for asserting what is (and is not) stored.
import { outboxKeys } from '../../functions/notifications/outbox.entity';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { themeDayKeys } from '../../functions/themedays/themeday.entity';

const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: 'cn-northwest-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
const TableName = process.env.TABLE_NAME!;

export async function getItem(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  return (await client.send(new GetCommand({ TableName, Key: { pk, sk } }))).Item;
}

/** The item at a key built by its entity (e.g. `noticeKeys.notice(id)`). */
export const itemAt = (key: { pk: string; sk: string }) => getItem(key.pk, key.sk);

export async function partition(pk: string): Promise<Record<string, unknown>[]> {
  return (await client.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }))).Items ?? [];
}

/** Writes an item as is: for states the API cannot produce on demand (an already expired code). */
export async function putRaw(item: Record<string, unknown>): Promise<void> {
  await client.send(new PutCommand({ TableName, Item: item }));
}

/** Overwrites attributes of a stored item: for states the API only reaches with time (a slot that has started). */
export async function setAttributes(pk: string, sk: string, values: Record<string, unknown>): Promise<void> {
  const names = Object.keys(values);
  await client.send(
    new UpdateCommand({
      TableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
      ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, values[n]])),
    }),
  );
}

/**
 * Moves a theme day's start (and its attendance records' copy of it) as the clock would: tests make days weeks ahead
 * and move them, instead of racing a start a few seconds away.
 */
export async function moveThemeDayStart(id: string, startsAt: string): Promise<void> {
  const { pk, sk } = themeDayKeys.day(id);
  await setAttributes(pk, sk, { startsAt, gsi1sk: `${startsAt}#${id}` });
  const records = (await partition(pk)).filter((i) => String(i.sk).startsWith(themeDayKeys.attendancePrefix));
  for (const r of records) await setAttributes(pk, String(r.sk), { startsAt, gsi1sk: `${startsAt}#${id}` });
}

export function closeDb(): void {
  client.destroy();
}

/**
 * Messages go out from the outbox after the action that caused them: waits (on state, polling) until every outbox
 * event about the subject (`idea#<id>`, `themeday#<id>`, `concern#<id>`) has been sent or given up.
 */
export async function outboxSettled(subject: string): Promise<Record<string, unknown>[]> {
  for (let tries = 0; ; tries++) {
    const events = await partition(outboxKeys.subject(subject));
    if (events.length && events.every((e) => e.state !== 'pending')) return events;
    if (tries > 600) throw new Error(`outbox events of ${subject} still pending`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
