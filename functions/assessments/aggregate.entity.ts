// Running aggregates for the three assessments, per branch and per org, for each month and year. They change in
// the same transaction as the event that moves them (a day closing, guidance given), so they never drift, and an
// assessment reads a couple of partitions instead of every theme day.
//
//   branch row   pk AGG#<period>#<townshipId>   sk <ids below the township>/…/<branchId>/   (a township's branches: one
//                partition; an org inside the township reads its own by key prefix)
//   child total  pk AGGT#<period>#<orgId>       sk <childId>   (for every org above the branch's township, or above
//                the branch when it lies in no township: a county's 机关 branch is a child row of the county)
//
// Depth: an event writes one child total per org between the root and the branch's township (or the branch itself)
// plus one branch row, for each of its two periods: 2 × (depth above the township + 1) items. A county's day-closing
// transaction has room for a tree far deeper than any real one (see aggregates.ts).
import { shanghaiDate } from '@shared/time';

// Measures that can fail: monthsHeld (months with a day held, once per branch and month), previewsOnTime,
// summariesOnTime (百例-style, in time: shared/rules/themeday); guidance counts visits and sums their 1–5 ratings.
export const FIGURE_FIELDS = [
  'expected', 'present', 'leave', 'online', 'themeDaysHeld', 'monthsHeld', 'previewsOnTime', 'summariesOnTime', 'guidanceCount', 'guidanceRatingSum',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];
export type Figures = Record<FigureField, number>;

export const emptyFigures = (): Figures => Object.fromEntries(FIGURE_FIELDS.map((f) => [f, 0])) as Figures;

export const aggKeys = {
  branchRows: (period: string, townshipId: string) => `AGG#${period}#${townshipId}`,
  branchRow: (period: string, townshipId: string, belowTownship: string) => ({ pk: `AGG#${period}#${townshipId}`, sk: belowTownship }),
  childTotals: (period: string, parentId: string) => `AGGT#${period}#${parentId}`,
  childTotal: (period: string, parentId: string, childId: string) => ({ pk: `AGGT#${period}#${parentId}`, sk: childId }),
};

/** The periods an event on `startsAt` counts in: its Asia/Shanghai month and year. */
export function periodsOf(startsAt: string): string[] {
  const date = shanghaiDate(startsAt);
  return [date.slice(0, 7), date.slice(0, 4)];
}

export function toFigures(item: Record<string, unknown> | undefined): Figures {
  const f = emptyFigures();
  if (item) for (const k of FIGURE_FIELDS) f[k] = Number(item[k] ?? 0);
  return f;
}
