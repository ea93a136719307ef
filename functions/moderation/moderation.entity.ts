// The moderation queue is a sparse index on the items themselves (gsi3): an idea, reflection or concern carries
// `gsi3pk`/`gsi3sk` exactly while it waits for a person, and the write that decides it removes them, so the queue can
// never disagree with the item. One partition per township (the third org of a path: see `queueScope`); the sort key
// starts with the org path below it, so any org under it (a village, a 党总支, a branch) is a key prefix:
//   gsi3pk `MOD#<townshipId>`
//   gsi3sk `<villageId>/<branchId>/#<queuedAt>#<kind>#<id>` (ideas, reflections) or `<villageId>/#...` (concerns)
// Every segment ends with `/`, which ids never contain, so `yucun/` never matches `yucun2/...`.
// Relative, not '@shared/roles': the test seed loads entity files where that alias does not resolve.
import type { ModerationKind, ModerationOutcome } from '@shared/schemas/moderation';

export interface ModerationReview extends ModerationOutcome {
  decidedBy: string;
  /** The decider's `authorityLevel` on the item's path: a decision is undone only at that level or above. */
  level?: number;
}

/** The decision as stored on the item, for its author to see. */
export function reviewOf(decidedBy: string, body: { decision: 'approve' | 'reject'; reason?: string }, decidedAt = new Date().toISOString()): ModerationReview {
  return {
    decision: body.decision === 'approve' ? 'approved' : 'rejected',
    ...(body.reason ? { reason: body.reason } : {}),
    decidedAt,
    decidedBy,
  };
}

export const moderationKeys = {
  /** A township's moderation queue (gsi3pk). */
  queue: (townshipId: string) => `MOD#${townshipId}`,
};

/**
 * Paths are root first (city, county, …): the queue partition is the third org of the path, whatever its type: the
 * township for everything in a township, however deep (村, 党总支, 支部), or a county-level party org (a 县委 with its
 * 机关 branches). Everything below it is a key prefix, so any org in the tree lists its part with one Query.
 */
const QUEUE_LEVEL = 2;

/** The queue partition and the sort-key prefix of an org at or below the queue level; undefined above it. */
export function queueScope(orgPath: readonly string[]): { pk: string; prefix: string } | undefined {
  const anchor = orgPath[QUEUE_LEVEL];
  if (!anchor) return undefined;
  return { pk: moderationKeys.queue(anchor), prefix: orgPath.slice(QUEUE_LEVEL + 1).map((id) => `${id}/`).join('') };
}

/** The index keys of a queued item; none when its org is not under a township (nobody could list it). */
export function queueKeys(orgPath: readonly string[], queuedAt: string, kind: ModerationKind, id: string): { gsi3pk: string; gsi3sk: string } | Record<string, never> {
  const scope = queueScope(orgPath);
  if (!scope) return {};
  return { gsi3pk: scope.pk, gsi3sk: `${scope.prefix}#${queuedAt}#${kind}#${id}` };
}

export const reflectionItemId = (themeDayId: string, userId: string) => `${themeDayId}_${userId}`;

/** Theme-day ids (ulids, seed slugs) have no `_`: the first one splits a reflection id. */
export function parseReflectionId(id: string): { themeDayId: string; userId: string } | undefined {
  const at = id.indexOf('_');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { themeDayId: id.slice(0, at), userId: id.slice(at + 1) };
}

export const toOutcome = (r: ModerationReview): ModerationOutcome => ({
  decision: r.decision,
  ...(r.reason ? { reason: r.reason } : {}),
  decidedAt: r.decidedAt,
});

