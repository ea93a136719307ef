// Theme days, attendance, check-in codes and reflections. Every attendance change is one transaction with a
// condition on the day being published and a bump of its `attVersion`, so once a day is closed nothing moves,
// and closing can tell whether anything moved while it counted.
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchGet, cancellationCode, transact } from '../core/batch';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage, type Page } from '../core/pagination';
import type { ModerationReview } from '../moderation/moderation.entity';
import {
  attendanceIndexKeys,
  reflectionItem,
  themeDayItem,
  themeDayKeys,
  toAttendanceItem,
  toReflectionRecord,
  toThemeDayRecord,
  type AttendanceItem,
  type ReflectionRecord,
  type ThemeDayRecord,
  type ThemeDayStatus,
} from './themeday.entity';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export async function putThemeDay(r: ThemeDayRecord): Promise<void> {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: themeDayItem(r), ConditionExpression: 'attribute_not_exists(pk)' }));
}

export async function getThemeDay(id: string): Promise<ThemeDayRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: themeDayKeys.day(id), ConsistentRead: true }));
  return out.Item ? toThemeDayRecord(out.Item) : undefined;
}

export async function getThemeDays(ids: string[]): Promise<ThemeDayRecord[]> {
  return (await batchGet(ids.map(themeDayKeys.day))).map(toThemeDayRecord);
}

export function listBranchThemeDays(
  branchId: string,
  o: { from?: string; to?: string; includeDrafts: boolean; limit: number; cursor?: string },
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
      filter: o.includeDrafts
        ? undefined
        : { FilterExpression: '#status <> :draft', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':draft': 'draft' } },
    },
    toThemeDayRecord,
  );
}

/** Moves a day from one of `from` to a new status with extra fields; undefined if its status was not in `from`. */
export async function transitionThemeDay(
  id: string,
  from: ThemeDayStatus[],
  to: ThemeDayStatus,
  fields: Record<string, unknown> = {},
  expectedVersion?: number,
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
  let condition = `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`;
  if (expectedVersion !== undefined) {
    values[':v'] = expectedVersion;
    condition += expectedVersion === 0 ? ' AND (attribute_not_exists(attVersion) OR attVersion = :v)' : ' AND attVersion = :v';
  }
  try {
    const out = await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: themeDayKeys.day(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toThemeDayRecord(out.Attributes!);
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw err;
  }
}

export async function getAttendance(dayId: string, userId: string): Promise<AttendanceItem | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: themeDayKeys.attendance(dayId, userId), ConsistentRead: true }));
  return out.Item ? toAttendanceItem(out.Item) : undefined;
}

export async function attendanceOf(dayId: string, userIds: string[]): Promise<Map<string, AttendanceItem>> {
  const items = await batchGet(userIds.map((u) => themeDayKeys.attendance(dayId, u)));
  return new Map(items.map((i) => [i.userId as string, toAttendanceItem(i)]));
}

/** Every attendance record of a day (a branch is tens of members: a page or two). */
export async function allAttendance(dayId: string): Promise<AttendanceItem[]> {
  const out: AttendanceItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :att)',
        ExpressionAttributeValues: { ':pk': `THEMEDAY#${dayId}`, ':att': 'ATT#' },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    out.push(...(res.Items ?? []).map(toAttendanceItem));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

export function userAttendance(userId: string, limit: number, cursor?: string): Promise<Page<AttendanceItem>> {
  return queryPage({ index: 'gsi1', pk: themeDayKeys.userAttendance(userId), forward: false, limit, cursor }, toAttendanceItem);
}

/** The day must still be published; the bump tells a concurrent close that figures moved. */
const dayStillOpen = (dayId: string): TransactItem => ({
  Update: {
    TableName: TABLE,
    Key: themeDayKeys.day(dayId),
    UpdateExpression: 'ADD attVersion :one',
    ConditionExpression: '#status = :published',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':one': 1, ':published': 'published' },
  },
});

export type AttendanceWrite =
  | { ok: true; record: AttendanceItem }
  | { ok: false; reason: 'day_not_open' | 'condition' | 'extra' };

/**
 * Sets fields of a member's attendance record (creating it), with an optional extra condition on the record,
 * in one transaction with the day's open-check.
 */
export async function writeAttendance(
  day: Pick<ThemeDayRecord, 'id' | 'startsAt'>,
  userId: string,
  set: Partial<Omit<AttendanceItem, 'themeDayId' | 'userId' | 'startsAt'>>,
  remove: string[] = [],
  condition?: { expression: string; values: Record<string, unknown> },
  extra: TransactItem[] = [],
): Promise<AttendanceWrite> {
  const fields: Record<string, unknown> = {
    ...attendanceIndexKeys(userId, day.startsAt, day.id),
    entity: 'attendance',
    themeDayId: day.id,
    userId,
    startsAt: day.startsAt,
    ...set,
  };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...(condition?.values ?? {}) };
  const sets = Object.entries(fields).map(([k, v]) => {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    return `#${k} = :${k}`;
  });
  for (const k of remove) names[`#${k}`] = k;
  if (condition?.expression.includes('#status')) names['#status'] = 'status';
  try {
    await transact([
      dayStillOpen(day.id),
      {
        Update: {
          TableName: TABLE,
          Key: themeDayKeys.attendance(day.id, userId),
          UpdateExpression: `SET ${sets.join(', ')}${remove.length ? ` REMOVE ${remove.map((k) => `#${k}`).join(', ')}` : ''}`,
          ConditionExpression: condition?.expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      ...extra,
    ]);
  } catch (err) {
    // An extra item's own condition first: the caller's guard (e.g. a moderation decision) lost a race.
    if (extra.some((_, i) => cancellationCode(err, i + 2) === 'ConditionalCheckFailed')) return { ok: false, reason: 'extra' };
    if (cancellationCode(err, 0) === 'ConditionalCheckFailed') return { ok: false, reason: 'day_not_open' };
    if (cancellationCode(err, 1) === 'ConditionalCheckFailed') return { ok: false, reason: 'condition' };
    throw err;
  }
  return { ok: true, record: (await getAttendance(day.id, userId))! };
}

export async function putCheckInCode(dayId: string, code: string, expiresAt: string, createdBy: string): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: {
        ...themeDayKeys.code(dayId, code),
        entity: 'checkin_code',
        expiresAt,
        createdBy,
        ttl: Math.floor(Date.parse(expiresAt) / 1000) + 3600,
      },
    }),
  );
}

export async function getCheckInCode(dayId: string, code: string): Promise<{ expiresAt: string } | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: themeDayKeys.code(dayId, code), ConsistentRead: true }));
  return out.Item ? { expiresAt: out.Item.expiresAt as string } : undefined;
}

export function reflectionPut(r: ReflectionRecord): TransactItem {
  return { Put: { TableName: TABLE, Item: reflectionItem(r) } };
}

export async function getReflection(dayId: string, userId: string): Promise<ReflectionRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: themeDayKeys.reflection(dayId, userId), ConsistentRead: true }));
  return out.Item ? toReflectionRecord(out.Item) : undefined;
}

/**
 * A moderation decision on a queued reflection: it leaves the queue with its new status and the review, on
 * condition it is still the same queue entry (a second moderator, or a resubmission, makes it fail).
 */
export function reflectionDecision(r: ReflectionRecord, reviewStatus: 'published' | 'rejected', review: ModerationReview): TransactItem {
  return {
    Update: {
      TableName: TABLE,
      Key: themeDayKeys.reflection(r.themeDayId, r.userId),
      UpdateExpression: 'SET reviewStatus = :status, review = :review REMOVE queuedAt, gsi3pk, gsi3sk',
      ConditionExpression: 'queuedAt = :queuedAt',
      ExpressionAttributeValues: { ':status': reviewStatus, ':review': review, ':queuedAt': r.queuedAt },
    },
  };
}

/** Writes the final status onto records that closing filled in (absent, leave): the member's history shows them. */
export async function backfillAttendance(day: Pick<ThemeDayRecord, 'id' | 'startsAt'>, finals: { userId: string; status: string }[]): Promise<void> {
  for (let i = 0; i < finals.length; i += 10) {
    await Promise.all(
      finals.slice(i, i + 10).map(({ userId, status }) =>
        ddb.send(
          new UpdateCommand({
            TableName: TABLE,
            Key: themeDayKeys.attendance(day.id, userId),
            UpdateExpression: 'SET #status = if_not_exists(#status, :status), #source = if_not_exists(#source, :close), themeDayId = :day, userId = :user, startsAt = :starts, gsi1pk = :g1pk, gsi1sk = :g1sk, entity = :entity',
            ExpressionAttributeNames: { '#status': 'status', '#source': 'source' },
            ExpressionAttributeValues: {
              ':status': status,
              ':close': 'close',
              ':day': day.id,
              ':user': userId,
              ':starts': day.startsAt,
              ':g1pk': attendanceIndexKeys(userId, day.startsAt, day.id).gsi1pk,
              ':g1sk': attendanceIndexKeys(userId, day.startsAt, day.id).gsi1sk,
              ':entity': 'attendance',
            },
          }),
        ),
      ),
    );
  }
}

/**
 * Closes a day with its frozen figures, in one transaction with `alsoWrite` (the assessment aggregates): both or
 * neither. False when attendance moved since `expectedVersion` was read, or the day is no longer published.
 */
export async function closeDay(
  day: Pick<ThemeDayRecord, 'id' | 'attVersion'>,
  fields: { stats: unknown; summary: string; closedAt: string },
  alsoWrite: TransactItem[],
): Promise<boolean> {
  try {
    await transact([
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
    return true;
  } catch (err) {
    if (cancellationCode(err, 0) === 'ConditionalCheckFailed') return false;
    throw err;
  }
}
