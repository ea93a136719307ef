// 内容审核: the queue a secretary (their branch) or township staff (their subtree) works through, and the decision,
// which each feature applies to its own item (ideas, themedays, concerns services).
import { ROLE_SETS } from '@shared/roles';
import type { PageQuery, Role } from '@shared/schemas/common';
import type { ModerationDecisionBody, ModerationDecisionResult, ModerationItem, ModerationKind } from '@shared/schemas/moderation';
import { readTogether } from '../core/batch';
import { ValidationError, NotFoundError } from '../core/errors';
import type { Page } from '../core/pagination';
import { holds, requireRole, type Principal } from '../core/policy';
import { decideConcern } from '../concerns/concerns.service';
import { toConcernRecord } from '../concerns/concern.entity';
import { decideIdea } from '../ideas/ideas.service';
import { toIdeaRecord } from '../ideas/idea.entity';
import { getOrg } from '../orgs/orgs.repository';
import { decideReflection } from '../themedays/reflections.service';
import { toReflectionRecord } from '../themedays/themeday.entity';
import { themeDaysRead } from '../themedays/themedays.repository';
import { displayNamesRead } from '../users/users.repository';
import { queueScope, reflectionItemId } from './moderation.entity';
import { listQueue } from './moderation.repository';
import type { Infer } from '@shared/schemas/lazy';

/** A queued item before names are filled in; `path` is what authorizes it. */
type Row = Omit<ModerationItem, 'authorName' | 'orgName'> & { path: readonly string[]; moderators: readonly Role[] };

function toRow(raw: Record<string, unknown>): Row | undefined {
  switch (raw.entity) {
    case 'idea': {
      const r = toIdeaRecord(raw);
      const reported = r.moderation === 'hidden';
      return {
        kind: 'idea', id: r.id, orgId: r.branchId, authorId: r.authorId, title: r.title, content: r.content,
        why: reported ? 'reported' : 'content_check', ...(reported ? { reportCount: r.reportCount } : {}),
        queuedAt: r.queuedAt ?? r.createdAt, path: r.path, moderators: ROLE_SETS.branchModerators,
      };
    }
    case 'reflection': {
      const r = toReflectionRecord(raw);
      if (!r.path || !r.branchId) return undefined;
      return {
        kind: 'reflection', id: reflectionItemId(r.themeDayId, r.userId), orgId: r.branchId, authorId: r.userId, title: '', content: r.content,
        why: 'content_check', themeDayId: r.themeDayId, queuedAt: r.queuedAt ?? r.submittedAt, path: r.path, moderators: ROLE_SETS.branchModerators,
      };
    }
    case 'concern': {
      const r = toConcernRecord(raw);
      if (!r.villagePath) return undefined;
      return {
        kind: 'concern', id: r.id, orgId: r.villageId, authorId: r.authorId, title: r.title, content: r.content, why: 'content_check',
        trackingNo: r.trackingNo, queuedAt: r.queuedAt ?? r.createdAt, path: r.villagePath, moderators: ROLE_SETS.concernModerators,
      };
    }
    default:
      return undefined;
  }
}

const QUEUE_ORG_TYPES = new Set(['township', 'village', 'branch', 'committee', 'general_branch']);

export async function listModeration(principal: Principal, orgId: string, q: Infer<typeof PageQuery>): Promise<Page<ModerationItem>> {
  const org = await getOrg(orgId);
  if (!org) throw new NotFoundError('组织不存在');
  requireRole(principal, ROLE_SETS.branchModerators, org.path);
  const scope = queueScope(org.path);
  if (!scope || !QUEUE_ORG_TYPES.has(org.type)) {
    throw new ValidationError('请选择乡镇（街道）、村（社区）、党委、党总支或支部查看审核', [{ path: 'orgId', message: '审核按乡镇（街道）、村（社区）、党委、党总支或支部查看' }]);
  }
  const page = await listQueue(scope, q.limit, q.cursor);
  // Every row is authorized on its own record: a secretary's branch prefix never holds a concern, and a village
  // grant that is not township staff's must not see one either.
  const rows = page.items.map(toRow).filter((r): r is Row => !!r && holds(principal, r.moderators, r.path));
  const dayIds = [...new Set(rows.flatMap((r) => (r.themeDayId ? [r.themeDayId] : [])))];
  const [[names, days], orgs] = await Promise.all([
    readTogether([displayNamesRead([...new Set(rows.map((r) => r.authorId))]), themeDaysRead(dayIds)]),
    Promise.all([...new Set(rows.map((r) => r.orgId))].map(getOrg)),
  ]);
  const dayTitles = new Map(days.map((d) => [d.id, d.title]));
  const orgNames = new Map(orgs.flatMap((o) => (o ? [[o.id, o.name] as const] : [])));
  return {
    items: rows.map(({ path: _p, moderators: _m, ...r }) => ({
      ...r,
      ...(r.kind === 'reflection' ? { title: dayTitles.get(r.themeDayId!) ?? '主题党日心得' } : {}),
      authorName: names.get(r.authorId) ?? '',
      ...(orgNames.has(r.orgId) ? { orgName: orgNames.get(r.orgId) } : {}),
    })),
    nextCursor: page.nextCursor,
  };
}

const DECIDERS = { idea: decideIdea, reflection: decideReflection, concern: decideConcern } as const;

/** Each feature checks its own record's moderators and that it still waits (404 / 409 otherwise). */
export async function decideModeration(
  principal: Principal,
  kind: ModerationKind,
  id: string,
  body: ModerationDecisionBody,
): Promise<ModerationDecisionResult> {
  return { kind, id, outcome: await DECIDERS[kind](principal, id, body) };
}
