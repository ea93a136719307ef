// Running aggregates for the three assessments, per branch and per org, for each month and year. They change in
// the same transaction as the event that moves them (a day closing, guidance given), so they never drift, and an
// assessment reads a couple of partitions instead of every theme day.
//
//   branch row   pk AGG#<period>#<townshipId>   sk <villageId>#<branchId>   (a township's branches: one partition)
//   child total  pk AGGT#<period>#<parentId>    sk <childId>                (city → counties, county → townships)
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
  branchRow: (period: string, path: OrgPath) => ({ pk: `AGG#${period}#${path.township}`, sk: `${path.village}#${path.branch}` }),
  childTotals: (period: string, parentId: string) => `AGGT#${period}#${parentId}`,
  childTotal: (period: string, parentId: string, childId: string) => ({ pk: `AGGT#${period}#${parentId}`, sk: childId }),
};

/** A branch's ancestors by level: the tree is city → county → township → village → branch. */
export interface OrgPath {
  city: string;
  county: string;
  township: string;
  village: string;
  branch: string;
}

export function branchPath(path: string[]): OrgPath {
  if (path.length !== 5) throw new Error(`a branch path has 5 levels, got ${path.length}`);
  const [city, county, township, village, branch] = path as [string, string, string, string, string];
  return { city, county, township, village, branch };
}

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
