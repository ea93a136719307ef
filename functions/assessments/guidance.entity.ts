// Guidance (乡镇指导): township staff's visits to branches. On a theme day, one visit per official and day (in the
// day's partition) with their comments beside it: repeated comments on one visit do not count again. A visit not tied
// to a day (经常性、随机式、蹲点式调研督查) is kept in the branch's own partition, newest first by date.
import type { GuidanceKind } from '@shared/schemas/notices';
import { recordOf, type Item } from '../core/item';
import { themeDayKeys } from '../themedays/themeday.entity';

export interface GuidanceRecord {
  id: string;
  themeDayId: string;
  comment: string;
  rating: number;
  /** The user id of who gave it. */
  by: string;
  createdAt: string;
}

/** One official's visit to a day: what the assessment counts, with the rating of their latest comment. */
export interface GuidanceVisitRecord {
  themeDayId: string;
  by: string;
  rating: number;
  firstAt: string;
}

/** A visit to a branch not tied to a day. */
export interface BranchVisitRecord {
  id: string;
  branchId: string;
  kind: GuidanceKind;
  /** Asia/Shanghai date of the visit. */
  visitedOn: string;
  comment: string;
  rating: number;
  by: string;
  createdAt: string;
}

export const guidanceKeys = {
  guidance: (dayId: string, id: string) => ({ pk: themeDayKeys.partition(dayId), sk: `GUIDANCE#${id}` }),
  /** Sort-key prefix of a day's guidance. */
  prefix: 'GUIDANCE#',
  visit: (dayId: string, userId: string) => ({ pk: themeDayKeys.partition(dayId), sk: `GUIDANCE_VISIT#${userId}` }),
  branchVisits: (branchId: string) => `ORG#${branchId}#VISITS`,
  branchVisit: (r: Pick<BranchVisitRecord, 'branchId' | 'visitedOn' | 'id'>) => ({ pk: `ORG#${r.branchId}#VISITS`, sk: `${r.visitedOn}#${r.id}` }),
};

export const guidanceItem = (r: GuidanceRecord): Item => ({ ...guidanceKeys.guidance(r.themeDayId, r.id), entity: 'guidance', ...r });
export const visitItem = (r: GuidanceVisitRecord): Item => ({ ...guidanceKeys.visit(r.themeDayId, r.by), entity: 'guidance_visit', ...r });
export const branchVisitItem = (r: BranchVisitRecord): Item => ({ ...guidanceKeys.branchVisit(r), entity: 'branch_visit', ...r });

export const toGuidanceRecord = (item: Item): GuidanceRecord => recordOf<GuidanceRecord>(item);
export const toVisitRecord = (item: Item): GuidanceVisitRecord => recordOf<GuidanceVisitRecord>(item);
export const toBranchVisit = (item: Item): BranchVisitRecord => recordOf<BranchVisitRecord>(item);
