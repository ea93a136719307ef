import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage, type Page } from '../core/pagination';
import { noticeItem, noticeKeys, toNoticeRecord, type NoticeRecord } from './notice.entity';

export async function getNotice(id: string): Promise<NoticeRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: noticeKeys.notice(id), ConsistentRead: true }));
  return out.Item ? toNoticeRecord(out.Item) : undefined;
}

/**
 * Writes the whole notice; `expectedUpdatedAt` makes an edit fail rather than overwrite a concurrent one. The index
 * keys follow from the record, so pinning, editing and withdrawing all keep the list right.
 */
export async function saveNotice(r: NoticeRecord, expectedUpdatedAt?: string): Promise<boolean> {
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: noticeItem(r),
        ConditionExpression: expectedUpdatedAt ? 'updatedAt = :u' : 'attribute_not_exists(pk)',
        ExpressionAttributeValues: expectedUpdatedAt ? { ':u': expectedUpdatedAt } : undefined,
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/** Live notices of an org, pinned first then newest; expired ones are filtered out as they are read. */
export function listOrgNotices(orgId: string, limit: number, cursor?: string, now = new Date().toISOString()): Promise<Page<NoticeRecord>> {
  return queryPage(
    {
      index: 'gsi1',
      pk: noticeKeys.orgNotices(orgId),
      forward: false,
      limit,
      cursor,
      filter: { FilterExpression: 'attribute_not_exists(expiresAt) OR expiresAt > :now', ExpressionAttributeValues: { ':now': now } },
    },
    toNoticeRecord,
  );
}
