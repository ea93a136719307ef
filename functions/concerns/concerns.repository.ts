import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCode, transact } from '../core/batch';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage, type Page } from '../core/pagination';
import { concernItem, concernKeys, toConcernRecord, type ConcernRecord, type TimelineRecord } from './concern.entity';

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

const timelinePut = (id: string, entry: TimelineRecord, n: number) => ({
  Put: { TableName: TABLE, Item: { ...concernKeys.timeline(id, entry.at, n), entity: 'timeline', ...entry } },
});

/** The concern, its tracking-number claim and its first timeline entry, all or nothing. */
export async function createConcern(r: ConcernRecord, first: TimelineRecord): Promise<boolean> {
  try {
    await transact([
      { Put: { TableName: TABLE, Item: { ...concernKeys.trackingClaim(r.trackingNo), entity: 'tracking', concernId: r.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: TABLE, Item: concernItem(r), ConditionExpression: 'attribute_not_exists(pk)' } },
      timelinePut(r.id, first, 0),
    ]);
    return true;
  } catch (err) {
    if (cancellationCode(err, 0) === 'ConditionalCheckFailed') return false;
    throw err;
  }
}

export async function getConcern(id: string): Promise<ConcernRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: concernKeys.concern(id), ConsistentRead: true }));
  return out.Item ? toConcernRecord(out.Item) : undefined;
}

export async function timelineOf(id: string): Promise<TimelineRecord[]> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tl)',
      ExpressionAttributeValues: { ':pk': concernKeys.concern(id).pk, ':tl': concernKeys.timelinePrefix },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []) as TimelineRecord[];
}

/**
 * Saves the next state of a concern read at `expected.version`, with its timeline entry, in one transaction.
 * False when someone else moved it first: the caller re-reads and decides again.
 */
export async function saveTransition(expected: ConcernRecord, next: ConcernRecord, entry: TimelineRecord): Promise<boolean> {
  try {
    await transact([
      {
        Put: {
          TableName: TABLE,
          Item: concernItem({ ...next, version: expected.version + 1 }),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': expected.version },
        },
      },
      timelinePut(expected.id, entry, expected.version + 1),
    ]);
    return true;
  } catch (err) {
    if (cancellationCode(err, 0) === 'ConditionalCheckFailed') return false;
    throw err;
  }
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
      ...(o.overdueBefore ? { skBetween: ['A#', `A#${o.overdueBefore}`] as [string, string] } : {}),
      limit: o.limit,
      cursor: o.cursor,
      filter: o.status
        ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':status': o.status } }
        : undefined,
    },
    toConcernRecord,
  );
}

/** A page of the open concerns of every station due before `before` (epoch ms), the longest overdue first. */
export function listOpenDueBefore(before: number, limit: number, cursor?: string): Promise<Page<ConcernRecord>> {
  return queryPage({ index: 'gsi4', pk: concernKeys.openByDue, skBetween: [0, before - 1], limit, cursor }, toConcernRecord);
}

/** Account deletion: contact phones on the user's concerns go with the account; the concerns stay, anonymised. */
export async function erasePhonesOfUser(userId: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await listMine(userId, 100, cursor);
    await Promise.all(
      page.items
        .filter((c) => c.contactPhoneEnc || c.contactPhoneMasked)
        .map((c) => ddb.send(new UpdateCommand({ TableName: TABLE, Key: concernKeys.concern(c.id), UpdateExpression: 'REMOVE contactPhoneEnc, contactPhoneMasked' }))),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
