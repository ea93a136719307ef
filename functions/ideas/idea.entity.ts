// Idea entity (创意征集): keys and item conversion. `status` is stored for filtering and derived from the answer
// and moderation, so restoring a hidden idea brings its answer status back.
import type { IdeaCategory, IdeaStatus } from '@shared/schemas/themeday';
import { queueKeys, type ModerationReview } from '../moderation/moderation.entity';

export type Moderation = 'visible' | 'pending_review' | 'hidden';
export type AnswerStatus = 'evaluating' | 'accepted' | 'declined';

export interface IdeaRecord {
  id: string;
  branchId: string;
  /** The branch's org path, for authorization. */
  path: string[];
  authorId: string;
  title: string;
  content: string;
  category: IdeaCategory;
  moderation: Moderation;
  answer?: { status: AnswerStatus; reply: string; answeredAt: string; answeredBy: string };
  supportCount: number;
  reportCount: number;
  /** Set while the idea waits in the moderation queue (pending review, or hidden by reports). */
  queuedAt?: string;
  /** The last moderation decision, shown to the author. */
  review?: ModerationReview;
  createdAt: string;
}

export const ideaKeys = {
  idea: (id: string) => ({ pk: `IDEA#${id}`, sk: 'IDEA' }),
  support: (ideaId: string, userId: string) => ({ pk: `IDEA#${ideaId}`, sk: `SUPPORT#${userId}` }),
  report: (ideaId: string, userId: string) => ({ pk: `IDEA#${ideaId}`, sk: `REPORT#${userId}` }),
  /** Newest first on gsi1 (ulids sort by time); hottest first on gsi4 (numeric support count). */
  branchIdeas: (branchId: string) => `BRANCH#${branchId}#IDEAS`,
};

export function statusOf(r: Pick<IdeaRecord, 'moderation' | 'answer'>): IdeaStatus {
  if (r.moderation !== 'visible') return r.moderation;
  return r.answer?.status ?? 'open';
}

export function ideaItem(r: IdeaRecord): Record<string, unknown> {
  return {
    ...ideaKeys.idea(r.id),
    gsi1pk: ideaKeys.branchIdeas(r.branchId),
    gsi1sk: r.id,
    gsi4pk: ideaKeys.branchIdeas(r.branchId),
    gsi4n: r.supportCount,
    ...(r.queuedAt ? queueKeys(r.path, r.queuedAt, 'idea', r.id) : {}),
    entity: 'idea',
    status: statusOf(r),
    ...r,
  };
}

export function toIdeaRecord(item: Record<string, unknown>): IdeaRecord {
  return {
    id: item.id as string,
    branchId: item.branchId as string,
    path: item.path as string[],
    authorId: item.authorId as string,
    title: item.title as string,
    content: item.content as string,
    category: item.category as IdeaCategory,
    moderation: item.moderation as Moderation,
    answer: item.answer as IdeaRecord['answer'],
    supportCount: Number(item.supportCount ?? 0),
    reportCount: Number(item.reportCount ?? 0),
    ...(item.queuedAt ? { queuedAt: item.queuedAt as string } : {}),
    ...(item.review ? { review: item.review as ModerationReview } : {}),
    createdAt: item.createdAt as string,
  };
}
