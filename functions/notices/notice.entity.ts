// Notice entity (党务公开). Only live notices carry the org index keys: withdrawing removes them, so the public list
// never sees a withdrawn notice, while the item itself stays as the audit copy.
import type { NOTICE_CATEGORIES } from '@shared/schemas/notices';
import { recordOf, type Item } from '../core/item';

export interface NoticeRecord {
  id: string;
  orgId: string;
  path: string[];
  title: string;
  body: string;
  category: (typeof NOTICE_CATEGORIES)[number];
  pinned: boolean;
  expiresAt?: string;
  status: 'published' | 'withdrawn';
  publishedAt: string;
  updatedAt: string;
  authorId: string;
  updatedBy: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
}

export const noticeKeys = {
  notice: (id: string) => ({ pk: `NOTICE#${id}`, sk: 'NOTICE' }),
  orgNotices: (orgId: string) => `ORG#${orgId}#NOTICES`,
  /** Pinned ('1') sorts above unpinned ('0'); newest first within each, reading the index backwards. */
  listSort: (r: Pick<NoticeRecord, 'pinned' | 'publishedAt' | 'id'>) => `${r.pinned ? '1' : '0'}#${r.publishedAt}#${r.id}`,
};

export function noticeItem(r: NoticeRecord): Item {
  const live = r.status === 'published' ? { gsi1pk: noticeKeys.orgNotices(r.orgId), gsi1sk: noticeKeys.listSort(r) } : {};
  return { ...noticeKeys.notice(r.id), ...live, entity: 'notice', ...r };
}

export const toNoticeRecord = (item: Item): NoticeRecord => recordOf<NoticeRecord>(item);
