// The three assessments (三项考核), guidance (乡镇指导) and the case library (百例).
// An assessment reads running aggregates, never theme days: an org in a township is two Queries (its branches, their
// rows), an org above the townships two as well (its children, their totals), whatever the depth of the tree or the
// number of days behind them.
import { ROLE_SETS } from '@shared/roles';
import { shanghaiDate, toUtc } from '@shared/time';
import type { Assessment, AssessmentFigures, BranchVisit, BranchVisitBody, CaseSummary, Guidance } from '@shared/schemas/notices';
import type { IdeaCategory } from '@shared/schemas/themeday';
import type { PageQuery } from '@shared/schemas/common';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from '../core/errors';
import { retrying, TRY_AGAIN } from '../core/transact';
import { requireBranch } from '../orgs/branches';
import { newId } from '../core/ids';
import type { Page } from '../core/pagination';
import { holds, requireRole, type Principal } from '../core/policy';
import { belowTownship } from '../orgs/org.entity';
import { getOrg, allChildren, townshipBranches, type OrgRecord } from '../orgs/orgs.repository';
import { visibleDay } from '../themedays/access';
import { wasPublished } from '../themedays/themeday.entity';
import { getThemeDay } from '../themedays/themedays.repository';
import { displayNames } from '../users/users.repository';
import { emptyFigures, FIGURE_FIELDS, type Figures } from './aggregate.entity';
import { branchRows, childTotals, dayGuidance, getVisit, listBranchVisits, listCaseRecords, putBranchVisit, putCase, putGuidance } from './assessments.repository';
import type { BranchVisitRecord } from './guidance.entity';
import type { CaseRecord } from './case.entity';
import type { Infer } from '@shared/schemas/lazy';

function present(f: Figures): Infer<typeof AssessmentFigures> {
  return {
    ...f,
    attendanceRate: f.expected ? Math.round((f.present / f.expected) * 10_000) / 10_000 : null,
    guidanceAverage: f.guidanceCount ? Math.round((f.guidanceRatingSum / f.guidanceCount) * 10) / 10 : null,
  };
}

/** Months of the period up to now (Asia/Shanghai): a past year 12, this year the months begun, a month 1. */
function monthsInPeriod(period: string): number {
  if (period.length === 7) return 1;
  const thisMonth = shanghaiDate().slice(0, 7);
  if (period < thisMonth.slice(0, 4)) return 12;
  return period === thisMonth.slice(0, 4) ? Number(thisMonth.slice(5, 7)) : 0;
}

function sum(rows: Figures[]): Figures {
  const total = emptyFigures();
  for (const r of rows) for (const k of FIGURE_FIELDS) total[k] += r[k];
  return total;
}

export async function getAssessment(principal: Principal, orgId: string, period: string): Promise<Assessment> {
  const org = await getOrg(orgId);
  if (!org) throw new NotFoundError('组织不存在');
  // Township staff above the org, or the secretary of the branch itself.
  if (!holds(principal, ROLE_SETS.assessmentReaders, org.path) && !(org.type === 'branch' && holds(principal, ROLE_SETS.branchLeaders, org.path))) {
    requireRole(principal, ROLE_SETS.assessmentReaders, org.path);
  }
  const rows = await assessmentRows(org, period);
  return {
    orgId: org.id,
    period,
    monthsInPeriod: monthsInPeriod(period),
    rows: rows.map((r) => ({ branchId: r.org.id, orgId: r.org.id, name: r.org.name, type: r.org.type, ...present(r.figures) })),
    totals: present(sum(rows.map((r) => r.figures))),
  };
}

type Row = { org: Pick<OrgRecord, 'id' | 'name' | 'type'>; figures: Figures };

/**
 * At or inside a township: every branch below the org, from the township's partitions by key prefix. Above any
 * township: the org's children with the totals it keeps of them. Two Queries either way, at any depth.
 */
async function assessmentRows(org: OrgRecord, period: string): Promise<Row[]> {
  if (org.townshipId) {
    const prefix = belowTownship(org.path, org.townshipId);
    const [branches, figures] = await Promise.all([
      org.type === 'branch' ? [org] : townshipBranches(org.townshipId, prefix),
      branchRows(period, org.townshipId, prefix),
    ]);
    return branches.map((b) => ({ org: b, figures: figures.get(b.id) ?? emptyFigures() }));
  }
  if (org.type === 'branch') {
    // A branch in no township (a county's 机关 branch): its parent keeps its total.
    const totals = org.parentId ? await childTotals(period, org.parentId) : new Map<string, Figures>();
    return [{ org, figures: totals.get(org.id) ?? emptyFigures() }];
  }
  const [children, totals] = await Promise.all([allChildren(org.id), childTotals(period, org.id)]);
  return children.map((c) => ({ org: c, figures: totals.get(c.id) ?? emptyFigures() }));
}

// --- Guidance (乡镇指导) -------------------------------------------------------------------------------

/**
 * An official's comment and rating on a day that has begun (guidance is on what was held, not on a preview). Their
 * first comment on the day is the visit the assessment counts; later ones refine its rating, not the count.
 */
export async function giveGuidance(principal: Principal, dayId: string, comment: string, rating: number): Promise<Guidance> {
  const day = await getThemeDay(dayId);
  if (!day || !wasPublished(day)) throw new NotFoundError('主题党日不存在');
  requireRole(principal, ROLE_SETS.staff, day.path);
  if (day.status === 'cancelled') throw new InvalidStateError('已取消的主题党日不能指导');
  if (Date.now() < Date.parse(day.startsAt)) throw new InvalidStateError('主题党日开始后才能记录指导');
  const record = { id: newId(), themeDayId: dayId, comment, rating, by: principal.userId, createdAt: new Date().toISOString() };
  const branch = await getOrg(day.branchId);
  if (!branch) throw new NotFoundError('党支部不存在');
  await retrying(
    async () => ((await putGuidance(day, branch, record, await getVisit(dayId, principal.userId))) ? true : TRY_AGAIN),
    () => new ConflictError('指导记录冲突，请重试'),
  );
  return { id: record.id, themeDayId: dayId, comment, rating, byName: principal.user.displayName, createdAt: record.createdAt };
}

/** A visit to a branch not tied to a day (经常性、随机式、蹲点式调研督查), counted in the month of its date. */
export async function recordBranchVisit(principal: Principal, branchId: string, body: Infer<typeof BranchVisitBody>): Promise<BranchVisit> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.staff, branch.path);
  if (body.visitedOn > shanghaiDate()) throw new ValidationError('不能记录未来的调研督查', [{ path: 'visitedOn', message: '不能晚于今天' }]);
  const record = { id: newId(), branchId, ...body, by: principal.userId, createdAt: new Date().toISOString() };
  await putBranchVisit(branch, toUtc(`${body.visitedOn}T12:00:00+08:00`), record);
  return toBranchVisitView(record, principal.user.displayName);
}

export async function listBranchVisitsFor(principal: Principal, branchId: string, q: Infer<typeof PageQuery>): Promise<Page<BranchVisit>> {
  const branch = await requireBranch(branchId);
  if (!holds(principal, ROLE_SETS.branchLeaders, branch.path)) requireRole(principal, ROLE_SETS.assessmentReaders, branch.path);
  const page = await listBranchVisits(branchId, q.limit, q.cursor);
  const names = await displayNames([...new Set(page.items.map((i) => i.by))]);
  return { items: page.items.map((r) => toBranchVisitView(r, names.get(r.by) ?? '')), nextCursor: page.nextCursor };
}

const toBranchVisitView = (r: BranchVisitRecord, byName: string): BranchVisit => ({
  id: r.id,
  branchId: r.branchId,
  kind: r.kind,
  visitedOn: r.visitedOn,
  comment: r.comment,
  rating: r.rating,
  byName,
  createdAt: r.createdAt,
});

export async function listGuidance(principal: Principal | undefined, dayId: string): Promise<{ items: Guidance[] }> {
  await visibleDay(principal, dayId);
  const items = await dayGuidance(dayId);
  const names = await displayNames([...new Set(items.map((i) => i.by))]);
  return {
    items: items.map((i) => ({ id: i.id, themeDayId: dayId, comment: i.comment, rating: i.rating, byName: names.get(i.by) ?? '', createdAt: i.createdAt })),
  };
}

// --- Case library (百例) ------------------------------------------------------------------------------

export async function markExemplary(principal: Principal, dayId: string, category?: IdeaCategory) {
  const day = await getThemeDay(dayId);
  if (!day || !wasPublished(day)) throw new NotFoundError('主题党日不存在');
  requireRole(principal, ROLE_SETS.staff, day.path);
  if (day.status !== 'closed') throw new InvalidStateError('主题党日结束并统计后才能评为典型案例');
  const cat = category ?? day.category;
  const branch = await getOrg(day.branchId);
  // Marking twice is harmless: the first entry stays.
  await putCase({
    themeDayId: day.id,
    branchId: day.branchId,
    branchName: branch?.name ?? '',
    title: day.title,
    category: cat,
    startsAt: day.startsAt,
    summary: day.summary,
    markedAt: new Date().toISOString(),
    markedBy: principal.userId,
  });
  return { themeDayId: day.id, exemplary: true as const, category: cat };
}

const toCase = (r: CaseRecord): CaseSummary => ({
  themeDayId: r.themeDayId,
  branchId: r.branchId,
  branchName: r.branchName,
  title: r.title,
  category: r.category,
  startsAt: r.startsAt,
  ...(r.summary ? { summary: r.summary } : {}),
  markedAt: r.markedAt,
});

export async function listCases(q: { category?: IdeaCategory } & Infer<typeof PageQuery>): Promise<Page<CaseSummary>> {
  const page = await listCaseRecords(q);
  return { items: page.items.map(toCase), nextCursor: page.nextCursor };
}

export function periodOf(q: { month?: string; year?: string }): string {
  const period = q.month ?? q.year;
  if (!period) throw new ValidationError('请指定 month 或 year 之一', [{ path: 'month', message: '必填' }]);
  return period;
}
