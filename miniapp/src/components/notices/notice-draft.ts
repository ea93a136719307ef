// The notice form's fields as one value, what an edit changes, and the first problem in zh-CN with its field.
import { DAY_MS, endOfShanghaiDay, shanghaiDate } from '@shared/time';
import type { Notice } from '@shared/schemas/notices';
import type { NoticeCategory } from '../../lib/notices';

export interface NoticeDraft {
  title: string;
  body: string;
  category: NoticeCategory;
  pinned: boolean;
  withExpiry: boolean;
  /** YYYY-MM-DD: the notice shows until the end of that day (Asia/Shanghai). */
  expiryDate: string;
}

export const TITLE_MAX = 60;
export const BODY_MAX = 10_000;

export const emptyDraft = (now = Date.now()): NoticeDraft => ({
  title: '',
  body: '',
  category: 'party',
  pinned: false,
  withExpiry: false,
  expiryDate: shanghaiDate(now + 30 * DAY_MS),
});

export const draftOf = (n: Notice): NoticeDraft => ({
  title: n.title,
  body: n.body,
  category: n.category,
  pinned: n.pinned,
  withExpiry: !!n.expiresAt,
  expiryDate: n.expiresAt ? shanghaiDate(n.expiresAt) : emptyDraft().expiryDate,
});

export const expiresAtOf = (d: NoticeDraft): string | undefined => (d.withExpiry ? endOfShanghaiDay(d.expiryDate) : undefined);

/** The fields an edit changes (an empty object: nothing to save). */
export function changesTo(original: Notice, d: NoticeDraft): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (d.title.trim() !== original.title) patch.title = d.title;
  if (d.body.trim() !== original.body) patch.body = d.body;
  if (d.category !== original.category) patch.category = d.category;
  if (d.pinned !== original.pinned) patch.pinned = d.pinned;
  const before = original.expiresAt ? shanghaiDate(original.expiresAt) : null;
  const after = d.withExpiry ? d.expiryDate : null;
  if (before !== after) patch.expiresAt = expiresAtOf(d) ?? null;
  return patch;
}

export function firstIssue(r: { error?: { issues: { message: string; path: PropertyKey[] }[] } }): string {
  const issue = r.error?.issues[0];
  if (!issue) return '输入有误';
  const field = issue.path[0];
  const label = field === 'title' ? '标题' : field === 'body' ? '正文' : field === 'expiresAt' ? '有效期' : '';
  return label && !issue.message.includes(label) ? `${label}：${issue.message}` : issue.message;
}
