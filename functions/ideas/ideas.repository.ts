// Ideas, supports and reports. A support (or a report) and the idea's counter change in one transaction, so the
// count equals the number of support records however many members tap at once.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../core/errors';
import { batchRead, foundItems, readTogether, type BatchRead } from '../core/batch';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage, type Page } from '../core/pagination';
import { failedAt, retrying, transactWrite, TRY_AGAIN, type TransactItems } from '../core/transact';
import { queueKeys, type ModerationReview } from '../moderation/moderation.entity';
import { ideaItem, ideaKeys, reportItem, statusOf, supportItem, toIdeaRecord, type IdeaRecord, type Moderation } from './idea.entity';

export async function putIdea(record: IdeaRecord): Promise<void> {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: ideaItem(record), ConditionExpression: 'attribute_not_exists(pk)' }));
}

export async function getIdea(id: string): Promise<IdeaRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: ideaKeys.idea(id), ConsistentRead: true }));
  return out.Item ? toIdeaRecord(out.Item) : undefined;
}

export async function getIdeas(ids: string[]): Promise<IdeaRecord[]> {
  return (await readTogether([ideasRead(ids)]))[0];
}

export interface IdeaListOptions {
  sort: 'new' | 'hot';
  status?: string;
  /** Members see visible ideas and their own; the secretary and township staff see everything. */
  viewer: { userId: string; seesAll: boolean };
  limit: number;
  cursor?: string;
}

export function listIdeas(branchId: string, o: IdeaListOptions): Promise<Page<IdeaRecord>> {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (o.status) {
    clauses.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = o.status;
  }
  if (!o.viewer.seesAll) {
    clauses.push('(moderation = :visible OR authorId = :me)');
    values[':visible'] = 'visible';
    values[':me'] = o.viewer.userId;
  }
  return queryPage(
    {
      index: o.sort === 'hot' ? 'gsi4' : 'gsi1',
      pk: ideaKeys.branchIdeas(branchId),
      forward: false,
      limit: o.limit,
      cursor: o.cursor,
      filter: clauses.length
        ? { FilterExpression: clauses.join(' AND '), ExpressionAttributeNames: Object.keys(names).length ? names : undefined, ExpressionAttributeValues: values }
        : undefined,
    },
    toIdeaRecord,
  );
}

/** Which of these ideas the user has supported, as part of a batch (a whole page in one). */
export function supportsRead(ideaIds: string[], userId: string): BatchRead<Set<string>> {
  const keys = ideaIds.map((id) => ideaKeys.support(id, userId));
  return batchRead(keys, (found) => new Set(foundItems(found, keys).map(ideaKeys.ideaIdOf)));
}

/** Whether the user has reported the idea, as part of a batch. */
export function reportedRead(ideaId: string, userId: string): BatchRead<boolean> {
  const key = ideaKeys.report(ideaId, userId);
  return batchRead([key], (found) => Boolean(found.get(key)));
}

/** These ideas (those that exist) in the order asked, as part of a batch. */
export function ideasRead(ids: string[]): BatchRead<IdeaRecord[]> {
  const keys = ids.map(ideaKeys.idea);
  return batchRead(keys, (found) => foundItems(found, keys).map(toIdeaRecord));
}

async function currentCount(ideaId: string): Promise<number> {
  return (await getIdea(ideaId))?.supportCount ?? 0;
}

async function supportExists(ideaId: string, userId: string): Promise<boolean> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: ideaKeys.support(ideaId, userId), ConsistentRead: true }));
  return Boolean(out.Item);
}

/**
 * Idempotent: supporting twice changes nothing. Only visible ideas take supports. "Already supported" is only believed
 * once the record is seen: a cancellation under contention must not be mistaken for it, or a tap would be answered as
 * counted and lost.
 */
export function addSupport(ideaId: string, userId: string): Promise<number | 'not_visible'> {
  const at = new Date().toISOString();
  return retrying(async () => {
    const outcome = await transactWrite([
      { Put: { TableName: TABLE, Item: supportItem(ideaId, userId, at), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: TABLE,
          Key: ideaKeys.idea(ideaId),
          UpdateExpression: 'ADD supportCount :one, gsi4n :one',
          ConditionExpression: 'moderation = :visible',
          ExpressionAttributeValues: { ':one': 1, ':visible': 'visible' },
        },
      },
    ]);
    if (outcome.committed) return currentCount(ideaId);
    if (failedAt(outcome, 1)) return 'not_visible';
    return (await supportExists(ideaId, userId)) ? currentCount(ideaId) : TRY_AGAIN;
  });
}

/** Idempotent: withdrawing a support that is not there changes nothing. */
export function removeSupport(ideaId: string, userId: string): Promise<number> {
  return retrying(async () => {
    const outcome = await transactWrite([
      { Delete: { TableName: TABLE, Key: ideaKeys.support(ideaId, userId), ConditionExpression: 'attribute_exists(pk)' } },
      {
        Update: {
          TableName: TABLE,
          Key: ideaKeys.idea(ideaId),
          UpdateExpression: 'ADD supportCount :minus, gsi4n :minus',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
    ]);
    if (outcome.committed) return currentCount(ideaId);
    return failedAt(outcome, 0) && !(await supportExists(ideaId, userId)) ? currentCount(ideaId) : TRY_AGAIN;
  });
}

/**
 * Changes moderation or the answer of an idea read as `expected`, keeping the stored `status` consistent; the
 * condition on the old moderation (and queue entry) makes a concurrent hide, answer or moderation decision
 * serialize instead of overwriting each other: undefined when someone else changed it first.
 * Queue membership follows: leaving `visible` queues the idea (a fresh entry, the old decision dropped); a decision
 * (`review`) or becoming visible again takes it out of the queue.
 */
export async function updateIdeaState(
  expected: IdeaRecord,
  change: { moderation?: Moderation; answer?: IdeaRecord['answer']; resetReports?: boolean; review?: ModerationReview },
  also: TransactItems = [],
): Promise<IdeaRecord | undefined> {
  const next = { ...expected, ...change };
  const sets = ['#status = :status', 'moderation = :mod'];
  const removes: string[] = [];
  const values: Record<string, unknown> = { ':status': statusOf(next), ':mod': next.moderation, ':expectedMod': expected.moderation };
  if (change.answer) {
    sets.push('answer = :answer');
    values[':answer'] = change.answer;
  }
  if (change.resetReports) sets.push('reportCount = :zero');
  if (change.resetReports) values[':zero'] = 0;
  if (expected.moderation === 'visible' && next.moderation !== 'visible') {
    const queuedAt = new Date().toISOString();
    const keys = queueKeys(expected.path, queuedAt, 'idea', expected.id);
    sets.push('queuedAt = :queuedAt');
    values[':queuedAt'] = queuedAt;
    for (const [k, v] of Object.entries(keys)) {
      sets.push(`${k} = :${k}`);
      values[`:${k}`] = v;
    }
    removes.push('review');
  } else if (expected.queuedAt && (change.review || next.moderation === 'visible')) {
    removes.push('queuedAt', 'gsi3pk', 'gsi3sk');
  }
  if (change.review) {
    sets.push('review = :review');
    values[':review'] = change.review;
  }
  let condition = 'moderation = :expectedMod';
  if (expected.queuedAt) {
    condition += ' AND queuedAt = :expectedQueuedAt';
    values[':expectedQueuedAt'] = expected.queuedAt;
  } else {
    condition += ' AND attribute_not_exists(queuedAt)';
  }
  const update = {
    TableName: TABLE,
    Key: ideaKeys.idea(expected.id),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: condition,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: values,
  };
  // With `also` (an outbox event), one transaction: the message about the change is saved with it.
  if (also.length) return (await transactWrite([{ Update: update }, ...also])).committed ? getIdea(expected.id) : undefined;
  try {
    const out = await ddb.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
    return toIdeaRecord(out.Attributes!);
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw err;
  }
}

/** Records a member's report once; returns the idea's report count afterwards, or 'already' for a repeat. */
export async function addReport(ideaId: string, userId: string, reason: string): Promise<number | 'already'> {
  const outcome = await transactWrite([
    { Put: { TableName: TABLE, Item: reportItem(ideaId, userId, reason, new Date().toISOString()), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        TableName: TABLE,
        Key: ideaKeys.idea(ideaId),
        UpdateExpression: 'ADD reportCount :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ]);
  if (failedAt(outcome, 0)) return 'already';
  if (!outcome.committed) throw new NotFoundError('创意不存在');
  return (await getIdea(ideaId))?.reportCount ?? 0;
}
