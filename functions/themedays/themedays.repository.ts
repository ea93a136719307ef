// Theme days. Every attendance change (./attendance.repository) is one transaction with `dayStillOpen`: a condition on
// the day being published and a bump of its `attVersion`, so once a day is closed nothing moves, and closing can tell
// whether anything moved while it counted.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchRead, foundItems, readTogether, type BatchRead } from '../core/batch';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage, type Page, type PageRequest } from '../core/pagination';
import { transactWrite, type TransactItems } from '../core/transact';
import { themeDayItem, themeDayKeys, toThemeDayRecord, type DayReach, type ThemeDayRecord, type ThemeDayStatus } from './themeday.entity';

/** The list's filter per reach (see `wasPublished`: a published day has `publishedAt`). */
const REACH_FILTER: Record<DayReach, PageRequest['filter']> = {
  public: { FilterExpression: 'attribute_exists(publishedAt)' },
  drafts: {
    FilterExpression: 'attribute_exists(publishedAt) OR #status = :draft',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':draft': 'draft' },
  },
  all: undefined,
};

export async function putThemeDay(r: ThemeDayRecord): Promise<void> {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: themeDayItem(r), ConditionExpression: 'attribute_not_exists(pk)' }));
}

/** What never changes about a day once it is created (no write touches these, and days are never deleted). */
export type DayIdentity = Pick<ThemeDayRecord, 'id' | 'branchId' | 'path' | 'startsAt'>;

// The secretary's console polls a day's roster, which needs only the day's identity: kept per container once read.
const identities = new Map<string, DayIdentity>();

function remember(r: ThemeDayRecord): ThemeDayRecord {
  if (identities.size > 5000) identities.clear();
  identities.set(r.id, { id: r.id, branchId: r.branchId, path: r.path, startsAt: r.startsAt });
  return r;
}

/** The day's identity if this container has read the day before. */
export const knownDay = (id: string): DayIdentity | undefined => identities.get(id);

export async function getThemeDay(id: string): Promise<ThemeDayRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: themeDayKeys.day(id), ConsistentRead: true }));
  return out.Item ? remember(toThemeDayRecord(out.Item)) : undefined;
}

/** These days (those that exist) in the order asked, as part of a batch. */
export function themeDaysRead(ids: string[]): BatchRead<ThemeDayRecord[]> {
  const keys = ids.map(themeDayKeys.day);
  return batchRead(keys, (found) => foundItems(found, keys).map(toThemeDayRecord));
}

export const getThemeDays = async (ids: string[]): Promise<ThemeDayRecord[]> => (await readTogether([themeDaysRead(ids)]))[0];

export function listBranchThemeDays(
  branchId: string,
  o: { from?: string; to?: string; reach: DayReach; limit: number; cursor?: string },
): Promise<Page<ThemeDayRecord>> {
  return queryPage(
    {
      index: 'gsi1',
      pk: themeDayKeys.branchDays(branchId),
      // Keys are `<startsAt UTC>#<id>`: a time range is a key range ('~' sorts after every id character).
      skBetween: o.from || o.to ? [o.from ?? '0', `${o.to ?? '9'}~`] : undefined,
      forward: false,
      limit: o.limit,
      cursor: o.cursor,
      filter: REACH_FILTER[o.reach],
    },
    toThemeDayRecord,
  );
}

/** Moves a day from one of `from` to a new status with extra fields; undefined if its status was not in `from`. */
/**
 * Moves a day between statuses, on condition it is in one of `from`; undefined when it was not. `also` joins the move
 * in one transaction (an outbox event: the message about the move is saved with it).
 */
export async function transitionThemeDay(
  id: string,
  from: ThemeDayStatus[],
  to: ThemeDayStatus,
  fields: Record<string, unknown> = {},
  also: TransactItems = [],
): Promise<ThemeDayRecord | undefined> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':to': to };
  const sets = ['#status = :to'];
  for (const [k, v] of Object.entries(fields)) {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  from.forEach((s, i) => (values[`:from${i}`] = s));
  const update = {
    TableName: TABLE,
    Key: themeDayKeys.day(id),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
  if (also.length) {
    const outcome = await transactWrite([{ Update: update }, ...also]);
    return outcome.committed ? getThemeDay(id) : undefined;
  }
  try {
    const out = await ddb.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
    return toThemeDayRecord(out.Attributes!);
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw err;
  }
}

/** The day must still be published; the bump tells a concurrent close that figures moved. */
export const dayStillOpen = (dayId: string): TransactItems[number] => ({
  Update: {
    TableName: TABLE,
    Key: themeDayKeys.day(dayId),
    UpdateExpression: 'ADD attVersion :one',
    ConditionExpression: '#status = :published',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':one': 1, ':published': 'published' },
  },
});

/**
 * Closes a day with its frozen figures, in one transaction with `alsoWrite` (the assessment aggregates): both or
 * neither. False when attendance moved since `day.attVersion` was read, or the day is no longer published.
 */
export async function closeDay(
  day: Pick<ThemeDayRecord, 'id' | 'attVersion'>,
  fields: { stats: unknown; summary: string; closedAt: string },
  alsoWrite: TransactItems,
): Promise<boolean> {
  const outcome = await transactWrite([
    {
      Update: {
        TableName: TABLE,
        Key: themeDayKeys.day(day.id),
        UpdateExpression: 'SET #status = :closed, stats = :stats, summary = :summary, closedAt = :closedAt',
        ConditionExpression: '#status = :published AND (attVersion = :v OR (attribute_not_exists(attVersion) AND :v = :zero))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':closed': 'closed',
          ':published': 'published',
          ':stats': fields.stats,
          ':summary': fields.summary,
          ':closedAt': fields.closedAt,
          ':v': day.attVersion,
          ':zero': 0,
        },
      },
    },
    ...alsoWrite,
  ]);
  return outcome.committed;
}

/** Whether the branch already held a day in this month (Asia/Shanghai `YYYY-MM`). */
export async function heldInMonth(branchId: string, month: string): Promise<boolean> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: themeDayKeys.heldMonth(branchId, month), ConsistentRead: true }));
  return Boolean(out.Item);
}

/** The first close of a month marks it, on condition no other close did meanwhile (the count stays once a month). */
export const markHeldMonth = (branchId: string, month: string, dayId: string): TransactItems[number] => ({
  Put: {
    TableName: TABLE,
    Item: { ...themeDayKeys.heldMonth(branchId, month), entity: 'held_month', themeDayId: dayId },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
