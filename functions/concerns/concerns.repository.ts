// Concerns in DynamoDB: reads, and writes that report a lost race (a taken number, a moved concern) to the service.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from '../core/dynamo';
import { getItem, queryPartition } from '../core/reads';
import { queryPage, type Page } from '../core/pagination';
import { failedAt, transactWrite, type TransactItems } from '../core/transact';
import {
  actorLabel,
  concernItem,
  concernKeys,
  timelineItem,
  toConcernRecord,
  toTimelineRecord,
  trackingClaimItem,
  type ConcernRecord,
  type TimelineRecord,
} from './concern.entity';
import { overviewUpdates } from './overview.entity';

/** The next number of the day: an atomic counter, then a claim on the number, so two concerns never share one. */
export async function nextSequence(date: string): Promise<number> {
  const out = await ddb.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: concernKeys.dayCounter(date),
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.n);
}

const timelinePut = (id: string, entry: TimelineRecord, n: number) => ({ Put: { TableName: TABLE, Item: timelineItem(id, entry, n) } });

/** The concern, its tracking-number claim and its first timeline entry, all or nothing; false if the number was taken. */
export async function createConcern(r: ConcernRecord, first: TimelineRecord): Promise<boolean> {
  const outcome = await transactWrite([
    { Put: { TableName: TABLE, Item: trackingClaimItem(r.trackingNo, r.id), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: TABLE, Item: concernItem(r), ConditionExpression: 'attribute_not_exists(pk)' } },
    timelinePut(r.id, first, 0),
    ...(await overviewUpdates(undefined, r)),
  ]);
  if (outcome.committed) return true;
  if (failedAt(outcome, 0)) return false;
  throw new Error(`concern ${r.id} exists already`);
}

export async function getConcern(id: string): Promise<ConcernRecord | undefined> {
  const item = await getItem(concernKeys.concern(id));
  return item ? toConcernRecord(item) : undefined;
}

/** The concern and its timeline in one Query: the timeline entries live in the concern's partition. */
export async function getConcernWithTimeline(id: string): Promise<{ concern?: ConcernRecord; timeline: TimelineRecord[] }> {
  const { pk, sk } = concernKeys.concern(id);
  const { prefix } = concernKeys.timelineOf(id);
  const items = await queryPartition(pk);
  const item = items.find((i) => i.sk === sk);
  return {
    ...(item ? { concern: toConcernRecord(item) } : {}),
    timeline: items.filter((i) => String(i.sk).startsWith(prefix)).map(toTimelineRecord),
  };
}

export async function timelineOf(id: string): Promise<TimelineRecord[]> {
  const { pk, prefix } = concernKeys.timelineOf(id);
  return (await queryPartition(pk, { prefix })).map(toTimelineRecord);
}

/**
 * Saves the next state of a concern read at `expected.version`, with its timeline entry, in one transaction.
 * False when someone else moved it first: the caller re-reads and decides again. `also` joins the transaction (an
 * outbox event: the message about the move is saved with it).
 */
export async function saveTransition(expected: ConcernRecord, next: ConcernRecord, entry: TimelineRecord, also: TransactItems = []): Promise<boolean> {
  const outcome = await transactWrite([
    {
      Put: {
        TableName: TABLE,
        Item: concernItem({ ...next, version: expected.version + 1 }),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expected.version },
      },
    },
    timelinePut(expected.id, entry, expected.version + 1),
    ...(await overviewUpdates(expected, next)),
    ...also,
  ]);
  return outcome.committed;
}

export function listMine(userId: string, limit: number, cursor?: string): Promise<Page<ConcernRecord>> {
  return queryPage({ index: 'gsi1', pk: concernKeys.mine(userId), forward: false, limit, cursor }, toConcernRecord);
}

export function listStationQueue(
  stationId: string,
  o: { overdueBefore?: string; status?: string; limit: number; cursor?: string },
): Promise<Page<ConcernRecord>> {
  return queryPage(
    {
      index: 'gsi2',
      pk: concernKeys.station(stationId),
      // Open concerns sort by due date: "overdue" is the range of open ones due before now.
      ...(o.overdueBefore ? { skBetween: concernKeys.overdueRange(o.overdueBefore) } : {}),
      limit: o.limit,
      cursor: o.cursor,
      filter: o.status
        ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':status': o.status } }
        : undefined,
    },
    toConcernRecord,
  );
}

/** The user's entries of a concern's timeline that still carry their name (`群众 · 名字`) keep the role label only. */
export async function eraseNameInTimeline(concernId: string, userId: string): Promise<void> {
  const { pk, prefix } = concernKeys.timelineOf(concernId);
  const named = (await queryPartition(pk, { prefix })).filter((e) => e.byUserId === userId && actorLabel(String(e.by)) !== e.by);
  await Promise.all(
    named.map((e) =>
      ddb.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: { pk: e.pk, sk: e.sk },
          UpdateExpression: 'SET #by = :label',
          ExpressionAttributeNames: { '#by': 'by' },
          ExpressionAttributeValues: { ':label': actorLabel(String(e.by)) },
        }),
      ),
    ),
  );
}

/** A concern's timeline entries that carry photos, by key, with their photos' object keys. */
export async function timelinePhotos(concernId: string): Promise<{ key: { pk: string; sk: string }; photoKeys: string[] }[]> {
  const { pk, prefix } = concernKeys.timelineOf(concernId);
  return (await queryPartition(pk, { prefix }))
    .filter((e) => Array.isArray(e.photoKeys) && e.photoKeys.length)
    .map((e) => ({ key: { pk: String(e.pk), sk: String(e.sk) }, photoKeys: e.photoKeys as string[] }));
}

export async function removeTimelinePhotos(keys: { pk: string; sk: string }[]): Promise<void> {
  await Promise.all(keys.map((Key) => ddb.send(new UpdateCommand({ TableName: TABLE, Key, UpdateExpression: 'REMOVE photoKeys' }))));
}
