// Notice entity (党务公开). Only live notices carry the org index keys: withdrawing removes them, so the public list
// never sees a withdrawn notice, while the item itself stays as the audit copy.
import type { NoticeCategory } from './notices.types';

export interface NoticeRecord {
  id: string;
  orgId: string;
  path: string[];
  title: string;
  body: string;
  category: NoticeCategory;
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

export function noticeItem(r: NoticeRecord): Record<string, unknown> {
  const live = r.status === 'published' ? { gsi1pk: noticeKeys.orgNotices(r.orgId), gsi1sk: noticeKeys.listSort(r) } : {};
  return { ...noticeKeys.notice(r.id), ...live, entity: 'notice', ...r };
}

export function toNoticeRecord(item: Record<string, unknown>): NoticeRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, entity: _e, ...rest } = item;
  return rest as unknown as NoticeRecord;
}
