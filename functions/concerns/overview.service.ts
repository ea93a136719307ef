// The township overview of 群众说事 per station and month, from the running rows of overview.entity: the township,
// its station rows for the month and its open concerns past their deadline: three requests, however many concerns.
import { ROLE_SETS } from '@shared/roles';
import type { ConcernOverview, StationOverview } from '@shared/schemas/practices';
import { DAY_MS, HOUR_MS, shanghaiMonth } from '@shared/time';
import { NotFoundError } from '../core/errors';
import { requireRole, type Principal } from '../core/policy';
import { queryPartition } from '../core/reads';
import { recordOf } from '../core/item';
import { getOrg } from '../orgs/orgs.repository';
import { OVERVIEW_FIELDS, overviewKeys, type OpenConcernRecord, type OverviewFigures } from './overview.entity';
import type { Infer } from '@shared/schemas/lazy';

const WORST = 10;
export type Row = Omit<Infer<typeof StationOverview>, 'stationId' | 'stationName'>;

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function figuresOf(f: OverviewFigures, overdueOpen: number): Row {
  return {
    received: f.received,
    resolved: f.resolved,
    overdue: f.overdueDone + overdueOpen,
    avgResolveHours: f.resolved ? round(f.resolveMsSum / f.resolved / HOUR_MS) : null,
    feedbackCount: f.feedbackCount,
    satisfied: f.satisfied,
    satisfactionRate: f.feedbackCount ? round(f.satisfied / f.feedbackCount, 3) : null,
    avgRating: f.feedbackCount ? round(f.ratingSum / f.feedbackCount, 2) : null,
  };
}

const zero = (): OverviewFigures => Object.fromEntries(OVERVIEW_FIELDS.map((k) => [k, 0])) as OverviewFigures;

export async function concernOverview(principal: Principal, townshipId: string, month: string, now = new Date()): Promise<ConcernOverview> {
  const township = await getOrg(townshipId);
  if (township?.type !== 'township') throw new NotFoundError('乡镇不存在');
  requireRole(principal, ROLE_SETS.staff, township.path);
  const nowIso = now.toISOString();
  const [rows, overdueOpen] = await Promise.all([
    queryPartition(overviewKeys.stationRows(month, townshipId)),
    // Open concerns sort by their station's deadline: the overdue ones are the range before now.
    queryPartition(overviewKeys.openConcerns(townshipId), { between: ['0', nowIso] }).then((items) => items.map((i) => recordOf<OpenConcernRecord>(i))),
  ]);
  const names = new Map<string, string>();
  const figures = new Map<string, OverviewFigures>();
  for (const r of rows) {
    const f = zero();
    for (const k of OVERVIEW_FIELDS) f[k] = Number(r[k] ?? 0);
    figures.set(String(r.sk), f);
    names.set(String(r.sk), String(r.stationName ?? r.sk));
  }
  const openInMonth = new Map<string, number>();
  for (const c of overdueOpen) {
    if (shanghaiMonth(c.dueAt) !== month) continue;
    openInMonth.set(c.stationId, (openInMonth.get(c.stationId) ?? 0) + 1);
    names.set(c.stationId, names.get(c.stationId) ?? c.stationName);
  }
  const stationIds = [...names.keys()].sort((a, b) => names.get(a)!.localeCompare(names.get(b)!, 'zh'));
  const total = zero();
  for (const f of figures.values()) for (const k of OVERVIEW_FIELDS) total[k] += f[k];
  const totalOpen = [...openInMonth.values()].reduce((a, b) => a + b, 0);
  return {
    orgId: townshipId,
    month,
    stations: stationIds.map((id) => ({ stationId: id, stationName: names.get(id)!, ...figuresOf(figures.get(id) ?? zero(), openInMonth.get(id) ?? 0) })),
    total: figuresOf(total, totalOpen),
    worstOverdue: overdueOpen.slice(0, WORST).map((c) => ({
      id: c.id,
      trackingNo: c.trackingNo,
      title: c.title,
      stationId: c.stationId,
      stationName: c.stationName,
      dueAt: c.dueAt,
      daysOverdue: Math.floor((now.getTime() - Date.parse(c.dueAt)) / DAY_MS),
    })),
  };
}
