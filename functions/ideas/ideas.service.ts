import { ROLE_SETS } from '@shared/roles';
import { THEMEDAY_RULES } from '@shared/rules/themeday';
import { type AnswerIdeaBody, type CreateIdeaBody, type Idea, type ListIdeasQuery, type SupportResult } from '@shared/schemas/themeday';
import type { PageQuery } from '@shared/schemas/common';
import type { ModerationDecisionBody, ModerationOutcome } from '@shared/schemas/moderation';
import { readTogether } from '../core/batch';
import { AlreadyModeratedError, ConflictError, ContentRejectedError, ForbiddenError, InvalidStateError, NotFoundError } from '../core/errors';
import { newId } from '../core/ids';
import type { Page } from '../core/pagination';
import { authorityLevel, holds, requireRole, requireVisible, type Principal } from '../core/policy';
import { spendQuota } from '../quotas/quota';
import { contentChecker } from '../content/content-check';
import { retrying, TRY_AGAIN } from '../core/transact';
import { requireBranch } from '../orgs/branches';
import { displayNamesRead } from '../users/users.repository';
import { outboxPut } from '../notifications/outbox.entity';
import { reviewOf, toOutcome } from '../moderation/moderation.entity';
import { statusOf, type IdeaRecord } from './idea.entity';
import {
  addReport,
  addSupport,
  getIdea,
  listIdeas,
  putIdea,
  removeSupport,
  reportedRead,
  supportsRead,
  updateIdeaState,
} from './ideas.repository';
import type { Infer } from '@shared/schemas/lazy';

const ANSWER_WORDS = { evaluating: '评估中', accepted: '已采纳', declined: '未采纳' } as const;
const REVIEW_WORDS = { approved: '审核通过', rejected: '未通过审核' } as const;
const changedMeanwhile = () => new ConflictError('创意状态刚刚发生变化，请刷新后重试');

function toIdea(r: IdeaRecord, names: Map<string, string>, supported: Set<string>, reportedByMe?: boolean): Idea {
  return {
    id: r.id,
    branchId: r.branchId,
    authorId: r.authorId,
    authorName: names.get(r.authorId) ?? '',
    title: r.title,
    content: r.content,
    category: r.category,
    status: statusOf(r),
    supportCount: r.supportCount,
    supportedByMe: supported.has(r.id),
    ...(reportedByMe !== undefined ? { reportedByMe } : {}),
    ...(r.answer ? { answer: { status: r.answer.status, reply: r.answer.reply, answeredAt: r.answer.answeredAt } } : {}),
    ...(r.review ? { review: toOutcome(r.review) } : {}),
    createdAt: r.createdAt,
  };
}

/** The idea, if the caller may see it: pending or hidden ideas only to their author and the branch's leaders. */
async function visibleIdea(principal: Principal, ideaId: string): Promise<IdeaRecord> {
  const idea = await getIdea(ideaId);
  if (!idea) throw new NotFoundError('创意不存在');
  requireVisible(principal, ROLE_SETS.branchReaders, idea.path);
  if (idea.moderation !== 'visible' && idea.authorId !== principal.userId && !seesAll(principal, idea.path)) {
    throw new NotFoundError('创意不存在');
  }
  return idea;
}

const seesAll = (p: Principal, path: string[]) => holds(p, ROLE_SETS.branchModerators, path);

/** One idea the caller may see (authorized before this reads anything of theirs): one batch for the rest. */
async function present(principal: Principal, idea: IdeaRecord): Promise<Idea> {
  const [names, supported, reported] = await readTogether([
    displayNamesRead([idea.authorId]),
    supportsRead([idea.id], principal.userId),
    reportedRead(idea.id, principal.userId),
  ]);
  return toIdea(idea, names, supported, reported);
}

export async function createIdea(principal: Principal, branchId: string, body: CreateIdeaBody): Promise<Idea> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.branchPeople, branch.path);
  await spendQuota(principal.userId, 'idea');
  const verdict = await contentChecker().check(`${body.title}\n${body.content}`, 'idea', principal.openid);
  if (verdict === 'risky') throw new ContentRejectedError();
  const createdAt = new Date().toISOString();
  const record: IdeaRecord = {
    id: newId(),
    branchId,
    path: branch.path,
    authorId: principal.userId,
    title: body.title,
    content: body.content,
    category: body.category,
    // Kept, not rejected: a "review" verdict waits for a person, visible to its author and the secretary.
    moderation: verdict === 'review' ? 'pending_review' : 'visible',
    supportCount: 0,
    reportCount: 0,
    ...(verdict === 'review' ? { queuedAt: createdAt } : {}),
    createdAt,
  };
  await putIdea(record);
  return toIdea(record, new Map([[principal.userId, principal.user.displayName]]), new Set());
}

export async function listBranchIdeas(
  principal: Principal,
  branchId: string,
  query: Infer<typeof ListIdeasQuery> & Infer<typeof PageQuery>,
): Promise<Page<Idea>> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.branchReaders, branch.path);
  const page = await listIdeas(branchId, {
    sort: query.sort,
    status: query.status,
    viewer: { userId: principal.userId, seesAll: seesAll(principal, branch.path) },
    limit: query.limit,
    cursor: query.cursor,
  });
  const ids = page.items.map((i) => i.id);
  const [names, supported] = await readTogether([displayNamesRead([...new Set(page.items.map((i) => i.authorId))]), supportsRead(ids, principal.userId)]);
  return { items: page.items.map((i) => toIdea(i, names, supported)), nextCursor: page.nextCursor };
}

export async function getIdeaFor(principal: Principal, ideaId: string): Promise<Idea> {
  return present(principal, await visibleIdea(principal, ideaId));
}

export async function setSupport(principal: Principal, ideaId: string, on: boolean): Promise<SupportResult> {
  const idea = await visibleIdea(principal, ideaId);
  requireRole(principal, ROLE_SETS.branchMembers, idea.path);
  if (!on) return { supportCount: await removeSupport(ideaId, principal.userId), supportedByMe: false };
  if (idea.authorId === principal.userId) throw new InvalidStateError('不能支持自己提交的创意');
  const count = await addSupport(ideaId, principal.userId);
  if (count === 'not_visible') throw new InvalidStateError('该创意正在审核或已隐藏，暂不能支持');
  return { supportCount: count, supportedByMe: true };
}

export async function answerIdea(principal: Principal, ideaId: string, body: Infer<typeof AnswerIdeaBody>): Promise<Idea> {
  const updated = await retrying(async () => {
    const idea = await visibleIdea(principal, ideaId);
    requireRole(principal, ROLE_SETS.branchLeaders, idea.path);
    const answer = { status: body.status, reply: body.reply, answeredAt: new Date().toISOString(), answeredBy: principal.userId };
    const updated = await updateIdeaState(idea, { answer }, [toAuthor(idea, { thing1: idea.title, phrase2: ANSWER_WORDS[body.status], thing3: body.reply })]);
    return updated ?? TRY_AGAIN;
  }, changedMeanwhile);
  return present(principal, updated);
}

export async function reportIdea(principal: Principal, ideaId: string, reason: string): Promise<{ reported: true }> {
  const idea = await visibleIdea(principal, ideaId);
  requireRole(principal, ROLE_SETS.branchMembers, idea.path);
  if (idea.authorId === principal.userId) throw new InvalidStateError('不能举报自己提交的创意');
  await spendQuota(principal.userId, 'report');
  const count = await addReport(ideaId, principal.userId, reason);
  if (count !== 'already' && count >= THEMEDAY_RULES.reportsToHideIdea) {
    const fresh = await getIdea(ideaId);
    if (fresh?.moderation === 'visible') await updateIdeaState(fresh, { moderation: 'hidden' });
  }
  return { reported: true };
}

/** The decision as stored, with the level it was taken at (see ModerationReview.level). */
const levelledReview = (principal: Principal, path: string[], body: { decision: 'approve' | 'reject'; reason?: string }) => ({
  ...reviewOf(principal.userId, body),
  level: authorityLevel(principal, ROLE_SETS.branchModerators, path),
});

export async function restoreIdea(principal: Principal, ideaId: string): Promise<Idea> {
  const idea = await visibleIdea(principal, ideaId);
  const level = authorityLevel(principal, ROLE_SETS.branchModerators, idea.path);
  if (level === undefined) throw new ForbiddenError();
  if (idea.moderation === 'visible') return present(principal, idea);
  // A rejection from above (a township admin over a secretary) is undone only at its level or above.
  const above = idea.review?.decision === 'rejected' ? idea.review.level : undefined;
  if (above !== undefined && above < level) throw new ForbiddenError('该创意已被上级驳回，只有上级可以恢复');
  // Restoring is approving it: it leaves the moderation queue, and its author sees it approved.
  const review = levelledReview(principal, idea.path, { decision: 'approve' });
  const updated = await updateIdeaState(idea, { moderation: 'visible', resetReports: true, review });
  if (!updated) throw changedMeanwhile();
  return present(principal, updated);
}

/**
 * A moderation decision on a queued idea: approved, it is visible again with its answer status (reports cleared);
 * rejected, it stays hidden from members with the reason, which its author sees. 409 if it no longer waits.
 */
export async function decideIdea(principal: Principal, ideaId: string, body: ModerationDecisionBody): Promise<ModerationOutcome> {
  const idea = await getIdea(ideaId);
  if (!idea) throw new NotFoundError('创意不存在');
  requireVisible(principal, ROLE_SETS.branchModerators, idea.path);
  if (!idea.queuedAt) throw new AlreadyModeratedError();
  const approve = body.decision === 'approve';
  const review = levelledReview(principal, idea.path, body);
  const updated = await updateIdeaState(
    idea,
    approve ? { moderation: 'visible', resetReports: idea.moderation === 'hidden', review } : { moderation: 'hidden', review },
    [toAuthor(idea, { thing1: idea.title, phrase2: REVIEW_WORDS[review.decision], thing3: body.reason ?? '创意已公开，支部党员可以看到' })],
  );
  if (!updated) throw new AlreadyModeratedError();
  return toOutcome(review);
}

/** The "idea answered" message to its author, saved with the change and sent from the outbox. */
function toAuthor(idea: IdeaRecord, data: Record<string, string>) {
  return outboxPut({ subject: `idea#${idea.id}`, template: 'idea_answered', data, page: 'pages/themeday/index', to: { users: [idea.authorId] } });
}
