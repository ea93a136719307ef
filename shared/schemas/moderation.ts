// 内容审核: the moderation queue of content the check wanted a person to see (待复核) or members reported (被举报),
// and the decision a secretary or township staff member makes on it.
import * as z from 'zod/mini';
import { Id } from './common';
import { lazy, type Infer } from './lazy';

export const MODERATION_KINDS = ['idea', 'reflection', 'concern'] as const;
export const ModerationKind = lazy(() => z.enum(MODERATION_KINDS));
export type ModerationKind = Infer<typeof ModerationKind>;

/**
 * What a queued item is called in routes: its own id, or `<themeDayId>_<userId>` for a reflection (one per member
 * per day). Theme-day ids are ulids or seed slugs and never contain `_`.
 */
export const ModerationItemId = lazy(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,130}$/, '编号格式不正确')));

/** Why it waits: the content check asked for a person (待复核), or members reported it (被举报). */
export const ModerationWhy = lazy(() => z.enum(['content_check', 'reported']));

/** The decision as the author sees it on their own item. */
export const ModerationOutcome = lazy(() => z.object({
  decision: z.enum(['approved', 'rejected']),
  reason: z.optional(z.string()),
  decidedAt: z.string(),
}));
export type ModerationOutcome = Infer<typeof ModerationOutcome>;

export const ModerationItem = lazy(() => z.object({
  kind: ModerationKind(),
  id: ModerationItemId(),
  /** The branch (ideas, reflections) or village (concerns) it belongs to. */
  orgId: Id(),
  orgName: z.optional(z.string()),
  authorId: Id(),
  authorName: z.string(),
  /** Idea or concern title; for a reflection, its theme day's title. */
  title: z.string(),
  content: z.string(),
  why: ModerationWhy(),
  /** Distinct reporters, for reported items. */
  reportCount: z.optional(z.number().check(z.int())),
  /** A concern's tracking number. */
  trackingNo: z.optional(z.string()),
  /** A reflection's theme day. */
  themeDayId: z.optional(Id()),
  queuedAt: z.string(),
}));
export type ModerationItem = Infer<typeof ModerationItem>;

export const ModerationDecisionBody = lazy(() => z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.optional(z.string().check(z.trim(), z.minLength(1, '理由不能为空'), z.maxLength(200, '理由最多 200 个字'))),
}).check(z.refine((b) => b.decision !== 'reject' || !!b.reason, { message: '不通过时请填写理由', path: ['reason'] })));
export type ModerationDecisionBody = Infer<typeof ModerationDecisionBody>;

export const ModerationDecisionResult = lazy(() => z.object({
  kind: ModerationKind(),
  id: ModerationItemId(),
  outcome: ModerationOutcome(),
}));
export type ModerationDecisionResult = Infer<typeof ModerationDecisionResult>;
