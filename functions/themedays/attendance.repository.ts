// Attendance records and check-in codes. A record lives in the day's partition (one Query for the roster) and on the
// member's own index (their history). Every change is one transaction with the day's open-check (`dayStillOpen`).
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchRead, foundItems, type BatchRead, type Key } from '../core/batch';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage, type Page } from '../core/pagination';
import { failedAt, transactWrite, type TransactItems } from '../core/transact';
import {
  attendanceBase,
  checkInCodeItem,
  themeDayKeys,
  toAttendanceItem,
  toCheckInCode,
  type AttendanceItem,
  type AttendanceStatus,
  type CheckInCodeRecord,
  type ThemeDayRecord,
} from './themeday.entity';
import { dayStillOpen } from './themedays.repository';

export async function getAttendance(dayId: string, userId: string): Promise<AttendanceItem | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: themeDayKeys.attendance(dayId, userId), ConsistentRead: true }));
  return out.Item ? toAttendanceItem(out.Item) : undefined;
}

function attendanceRead(keys: Key[], by: (a: AttendanceItem) => string): BatchRead<Map<string, AttendanceItem>> {
  return batchRead(keys, (found) => new Map(foundItems(found, keys).map(toAttendanceItem).map((a) => [by(a), a])));
}

/** These members' records of one day (a roster page), by member, as part of a batch. */
export const rosterRead = (dayId: string, userIds: string[]) =>
  attendanceRead(
    userIds.map((u) => themeDayKeys.attendance(dayId, u)),
    (a) => a.userId,
  );

/** One member's records of these days (a page of days), by day, as part of a batch. */
export const memberDaysRead = (userId: string, dayIds: string[]) =>
  attendanceRead(
    dayIds.map((d) => themeDayKeys.attendance(d, userId)),
    (a) => a.themeDayId,
  );

/** Every attendance record of a day (a branch is tens of members: a page or two), read consistently for closing. */
export async function allAttendance(dayId: string): Promise<AttendanceItem[]> {
  const out: AttendanceItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :att)',
        ExpressionAttributeValues: { ':pk': themeDayKeys.partition(dayId), ':att': themeDayKeys.attendancePrefix },
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

export type AttendanceWrite =
  | { ok: true; record: AttendanceItem }
  | { ok: false; reason: 'day_not_open' | 'condition' | 'extra' };

/**
 * Sets fields of a member's attendance record (creating it), with an optional extra condition on the record,
 * in one transaction with the day's open-check and `extra` items.
 */
export async function writeAttendance(
  day: Pick<ThemeDayRecord, 'id' | 'startsAt'>,
  userId: string,
  set: Partial<Omit<AttendanceItem, 'themeDayId' | 'userId' | 'startsAt'>>,
  remove: string[] = [],
  condition?: { expression: string; values: Record<string, unknown> },
  extra: TransactItems = [],
): Promise<AttendanceWrite> {
  const fields: Record<string, unknown> = { ...attendanceBase(day, userId), ...set };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...(condition?.values ?? {}) };
  const sets = Object.entries(fields).map(([k, v]) => {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    return `#${k} = :${k}`;
  });
  for (const k of remove) names[`#${k}`] = k;
  if (condition?.expression.includes('#status')) names['#status'] = 'status';
  const outcome = await transactWrite([
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
  if (!outcome.committed) {
    // An extra item's own condition first: the caller's guard (e.g. a moderation decision) lost a race.
    const reason = extra.some((_, i) => failedAt(outcome, i + 2)) ? 'extra' : failedAt(outcome, 0) ? 'day_not_open' : 'condition';
    return { ok: false, reason };
  }
  return { ok: true, record: (await getAttendance(day.id, userId))! };
}

/** Writes the final status onto records that closing filled in (absent, leave): the member's history shows them. */
export async function backfillAttendance(day: Pick<ThemeDayRecord, 'id' | 'startsAt'>, finals: { userId: string; status: string }[]): Promise<void> {
  for (let i = 0; i < finals.length; i += 10) {
    await Promise.all(
      finals.slice(i, i + 10).map(({ userId, status }) => {
        const base = Object.entries(attendanceBase(day, userId));
        return ddb.send(
          new UpdateCommand({
            TableName: TABLE,
            Key: themeDayKeys.attendance(day.id, userId),
            UpdateExpression: `SET #status = if_not_exists(#status, :status), #source = if_not_exists(#source, :close), ${base.map(([k]) => `#${k} = :${k}`).join(', ')}`,
            ExpressionAttributeNames: { '#status': 'status', '#source': 'source', ...Object.fromEntries(base.map(([k]) => [`#${k}`, k])) },
            ExpressionAttributeValues: { ':status': status, ':close': 'close', ...Object.fromEntries(base.map(([k, v]) => [`:${k}`, v])) },
          }),
        );
      }),
    );
  }
}

export async function putCheckInCode(dayId: string, code: string, expiresAt: string, createdBy: string): Promise<void> {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: checkInCodeItem(dayId, code, expiresAt, createdBy) }));
}

export async function getCheckInCode(dayId: string, code: string): Promise<CheckInCodeRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: themeDayKeys.code(dayId, code), ConsistentRead: true }));
  return out.Item ? toCheckInCode(out.Item) : undefined;
}

/**
 * A reflection on a closed day, within the online window: the member's final status moves from `from` to online and
 * the day's frozen figures (and `alsoWrite`, the aggregates) with it; present stays present. One transaction,
 * conditional on the day being closed and the record unchanged: false when either moved.
 */
export async function closedDayOnline(
  day: Pick<ThemeDayRecord, 'id' | 'startsAt'>,
  userId: string,
  from: AttendanceStatus | undefined,
  alsoWrite: TransactItems,
): Promise<boolean> {
  const moves = from === 'absent' || from === 'leave';
  // Conditions only (a no-op SET) when nothing moves: the function's role has no ConditionCheckItem.
  const outcome = await transactWrite([
    {
      Update: {
        TableName: TABLE,
        Key: themeDayKeys.day(day.id),
        UpdateExpression: moves ? 'SET #stats.#online = #stats.#online + :one, #stats.#from = #stats.#from - :one' : 'SET #status = #status',
        ConditionExpression: '#status = :closed',
        ExpressionAttributeNames: { '#status': 'status', ...(moves ? { '#stats': 'stats', '#online': 'online', '#from': from } : {}) },
        ExpressionAttributeValues: { ':closed': 'closed', ...(moves ? { ':one': 1 } : {}) },
      },
    },
    // The record must still hold `from` (a member without one joined after the start: nothing to check or move).
    ...(from
      ? [
          {
            Update: {
              TableName: TABLE,
              Key: themeDayKeys.attendance(day.id, userId),
              UpdateExpression: moves ? 'SET #status = :online, #source = :online' : 'SET #status = #status',
              ConditionExpression: '#status = :from',
              ExpressionAttributeNames: { '#status': 'status', ...(moves ? { '#source': 'source' } : {}) },
              ExpressionAttributeValues: { ':from': from, ...(moves ? { ':online': 'online' } : {}) },
            },
          },
        ]
      : []),
    ...alsoWrite,
  ]);
  return outcome.committed;
}
