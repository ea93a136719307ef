// Idea entity (创意征集): keys and item conversion. `status` is stored for filtering and derived from the answer
// and moderation, so restoring a hidden idea brings its answer status back.
import type { IdeaCategory, IdeaStatus } from '@shared/schemas/themeday';
import { recordOf, type Item } from '../core/item';
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

const IDEA_PK = (id: string) => `IDEA#${id}`;

export const ideaKeys = {
  idea: (id: string) => ({ pk: IDEA_PK(id), sk: 'IDEA' }),
  support: (ideaId: string, userId: string) => ({ pk: IDEA_PK(ideaId), sk: `SUPPORT#${userId}` }),
  report: (ideaId: string, userId: string) => ({ pk: IDEA_PK(ideaId), sk: `REPORT#${userId}` }),
  /** Newest first on gsi1 (by creation time, then id: seeded ids are not ulids); hottest first on gsi4 (numeric support count). */
  branchIdeas: (branchId: string) => `BRANCH#${branchId}#IDEAS`,
  /** The idea a support or report item belongs to (older items carry no `ideaId`). */
  ideaIdOf: (item: Item) => String(item.pk).slice(IDEA_PK('').length),
};

export function statusOf(r: Pick<IdeaRecord, 'moderation' | 'answer'>): IdeaStatus {
  if (r.moderation !== 'visible') return r.moderation;
  return r.answer?.status ?? 'open';
}

export function ideaItem(r: IdeaRecord): Item {
  return {
    ...ideaKeys.idea(r.id),
    gsi1pk: ideaKeys.branchIdeas(r.branchId),
    gsi1sk: `${r.createdAt}#${r.id}`,
    gsi4pk: ideaKeys.branchIdeas(r.branchId),
    gsi4n: r.supportCount,
    ...(r.queuedAt ? queueKeys(r.path, r.queuedAt, 'idea', r.id) : {}),
    entity: 'idea',
    status: statusOf(r),
    ...r,
  };
}

export const supportItem = (ideaId: string, userId: string, at: string): Item => ({ ...ideaKeys.support(ideaId, userId), entity: 'support', userId, createdAt: at });

export const reportItem = (ideaId: string, userId: string, reason: string, at: string): Item => ({
  ...ideaKeys.report(ideaId, userId),
  entity: 'report',
  userId,
  reason,
  createdAt: at,
});

/** The stored `status` is derived (see statusOf), so the record leaves it out. */
export function toIdeaRecord(item: Item): IdeaRecord {
  const { status: _derived, ...stored } = item;
  return recordOf<IdeaRecord>(stored, { supportCount: 0, reportCount: 0 });
}
