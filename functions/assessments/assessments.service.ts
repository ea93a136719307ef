// The three assessments (三项考核), guidance (乡镇指导) and the case library (百例).
// An assessment reads running aggregates, never theme days: a township is two Queries (its branches, their rows),
// a county or the city two as well (its children, their totals), whatever the number of days behind them.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { Assessment, AssessmentFigures, CaseSummary, Guidance } from '@shared/schemas/notices';
import type { IdeaCategory } from '@shared/schemas/themeday';
import type { PageQuery } from '@shared/schemas/common';
import { cancellationCode, transact } from '../core/batch';
import { TABLE, ddb } from '../core/dynamo';
import { InvalidStateError, NotFoundError, ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import { queryPage, type Page } from '../core/pagination';
import { holds, requireRole, type Principal } from '../core/policy';
import { getOrg, allChildren, townshipBranches, type OrgRecord } from '../orgs/orgs.repository';
import { themeDayKeys } from '../themedays/themeday.entity';
import { getThemeDay } from '../themedays/themedays.repository';
import { displayNames } from '../users/users.repository';
import { aggKeys, emptyFigures, FIGURE_FIELDS, toFigures, type Figures } from './aggregate.entity';
import { aggregateUpdates } from './aggregates';

const STAFF = ['township_admin', 'admin'] as const;

function present(f: Figures): z.infer<typeof AssessmentFigures> {
  return { ...f, attendanceRate: f.expected ? Math.round((f.present / f.expected) * 10_000) / 10_000 : null };
}

function sum(rows: Figures[]): Figures {
  const total = emptyFigures();
  for (const r of rows) for (const k of FIGURE_FIELDS) total[k] += r[k];
  return total;
}

async function queryAll(pk: string, skPrefix?: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':p': skPrefix } : {}) },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

export async function getAssessment(principal: Principal, orgId: string, period: string): Promise<Assessment> {
  const org = await getOrg(orgId);
  if (!org) throw new NotFoundError('组织不存在');
  // Township staff above the org, or the secretary of the branch itself.
  if (!holds(principal, STAFF, org.path) && !(org.type === 'branch' && holds(principal, ['secretary'], org.path))) {
    requireRole(principal, STAFF, org.path);
  }

  let rows: Assessment['rows'];
  if (org.type === 'city' || org.type === 'county') {
    const [children, totals] = await Promise.all([allChildren(org.id), queryAll(aggKeys.childTotals(period, org.id))]);
    const byChild = new Map(totals.map((t) => [t.sk as string, toFigures(t)]));
    rows = children.map((c) => ({ branchId: c.id, orgId: c.id, name: c.name, type: c.type, ...present(byChild.get(c.id) ?? emptyFigures()) }));
  } else {
    const township = org.path[2]!;
    const prefix = org.type === 'township' ? undefined : org.path[3];
    const [branches, aggRows] = await Promise.all([
      branchesUnder(org),
      queryAll(aggKeys.branchRows(period, township), prefix ? `${prefix}#` : undefined),
    ]);
    const byBranch = new Map(aggRows.map((r) => [r.branchId as string, toFigures(r)]));
    rows = branches.map((b) => ({ branchId: b.id, orgId: b.id, name: b.name, type: 'branch' as const, ...present(byBranch.get(b.id) ?? emptyFigures()) }));
  }
  const totals = present(sum(rows.map((r) => toFigures(r as unknown as Record<string, unknown>))));
  return { orgId: org.id, period, rows, totals };
}

async function branchesUnder(org: OrgRecord): Promise<OrgRecord[]> {
  if (org.type === 'branch') return [org];
  if (org.type === 'village') return (await allChildren(org.id)).filter((c) => c.type === 'branch');
  return townshipBranches(org.id);
}

// --- Guidance (乡镇指导) -------------------------------------------------------------------------------

const guidanceKey = (dayId: string, id: string) => ({ pk: `THEMEDAY#${dayId}`, sk: `GUIDANCE#${id}` });

export async function giveGuidance(principal: Principal, dayId: string, comment: string, rating: number): Promise<Guidance> {
  const day = await getThemeDay(dayId);
  if (!day || day.status === 'draft') throw new NotFoundError('主题党日不存在');
  requireRole(principal, STAFF, day.path);
  if (day.status === 'cancelled') throw new InvalidStateError('已取消的主题党日不能指导');
  const id = newId();
  const createdAt = new Date().toISOString();
  await transact([
    {
      Put: {
        TableName: TABLE,
        Item: { ...guidanceKey(dayId, id), entity: 'guidance', id, themeDayId: dayId, comment, rating, by: principal.userId, createdAt },
      },
    },
    // The guidance and the count the township's assessment shows change together.
    ...aggregateUpdates(day.path, day.startsAt, { guidanceCount: 1 }),
  ]);
  return { id, themeDayId: dayId, comment, rating, byName: principal.user.displayName, createdAt };
}

export async function listGuidance(principal: Principal | undefined, dayId: string): Promise<{ items: Guidance[] }> {
  const day = await getThemeDay(dayId);
  if (!day || (day.status === 'draft' && !holds(principal, ['member', 'secretary', ...STAFF], day.path))) throw new NotFoundError('主题党日不存在');
  const items = await queryAll(`THEMEDAY#${dayId}`, 'GUIDANCE#');
  const names = await displayNames([...new Set(items.map((i) => i.by as string))]);
  return {
    items: items.map((i) => ({
      id: i.id as string,
      themeDayId: dayId,
      comment: i.comment as string,
      rating: i.rating as number,
      byName: names.get(i.by as string) ?? '',
      createdAt: i.createdAt as string,
    })),
  };
}

// --- Case library (百例) ------------------------------------------------------------------------------

const caseKey = (dayId: string) => ({ pk: `THEMEDAY#${dayId}`, sk: 'CASE' });
const casesAll = 'CASES';
const casesOf = (category: string) => `CASES#${category}`;

export async function markExemplary(principal: Principal, dayId: string, category?: IdeaCategory) {
  const day = await getThemeDay(dayId);
  if (!day || day.status === 'draft') throw new NotFoundError('主题党日不存在');
  requireRole(principal, STAFF, day.path);
  if (day.status !== 'closed') throw new InvalidStateError('主题党日结束并统计后才能评为典型案例');
  const cat = category ?? day.category;
  const branch = await getOrg(day.branchId);
  const markedAt = new Date().toISOString();
  const sortKey = `${markedAt}#${day.id}`;
  try {
    await transact([
      {
        Put: {
          TableName: TABLE,
          Item: {
            ...caseKey(day.id),
            entity: 'case',
            // Listed newest first, all together (gsi2) and per category (gsi3).
            gsi2pk: casesAll,
            gsi2sk: sortKey,
            gsi3pk: casesOf(cat),
            gsi3sk: sortKey,
            themeDayId: day.id,
            branchId: day.branchId,
            branchName: branch?.name ?? '',
            title: day.title,
            category: cat,
            startsAt: day.startsAt,
            summary: day.summary,
            markedAt,
            markedBy: principal.userId,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: TABLE,
          Key: themeDayKeys.day(day.id),
          UpdateExpression: 'SET exemplary = :t, category = :c',
          ExpressionAttributeValues: { ':t': true, ':c': cat },
        },
      },
    ]);
  } catch (err) {
    // Marking twice is harmless.
    if (cancellationCode(err, 0) !== 'ConditionalCheckFailed') throw err;
  }
  return { themeDayId: day.id, exemplary: true as const, category: cat };
}

const toCase = (i: Record<string, unknown>): CaseSummary => ({
  themeDayId: i.themeDayId as string,
  branchId: i.branchId as string,
  branchName: i.branchName as string,
  title: i.title as string,
  category: i.category as IdeaCategory,
  startsAt: i.startsAt as string,
  ...(i.summary ? { summary: i.summary as string } : {}),
  markedAt: i.markedAt as string,
});

export function listCases(q: { category?: IdeaCategory } & z.infer<typeof PageQuery>): Promise<Page<CaseSummary>> {
  return q.category
    ? queryPage({ index: 'gsi3', pk: casesOf(q.category), forward: false, limit: q.limit, cursor: q.cursor }, toCase)
    : queryPage({ index: 'gsi2', pk: casesAll, forward: false, limit: q.limit, cursor: q.cursor }, toCase);
}

export function periodOf(q: { month?: string; year?: string }): string {
  const period = q.month ?? q.year;
  if (!period) throw new ValidationError('请指定 month 或 year 之一', [{ path: 'month', message: '必填' }]);
  return period;
}
