// The case library (百例): an exemplary theme day's entry, in the day's partition, listed newest first all together
// (gsi2) and per category (gsi3).
import type { IdeaCategory } from '@shared/schemas/themeday';
import { recordOf, type Item } from '../core/item';
import { themeDayKeys } from '../themedays/themeday.entity';

export interface CaseRecord {
  themeDayId: string;
  branchId: string;
  branchName: string;
  title: string;
  category: IdeaCategory;
  startsAt: string;
  summary?: string;
  markedAt: string;
  markedBy: string;
}

export const caseKeys = {
  entry: (dayId: string) => ({ pk: themeDayKeys.partition(dayId), sk: 'CASE' }),
  all: 'CASES',
  byCategory: (category: IdeaCategory) => `CASES#${category}`,
};

export function caseItem(r: CaseRecord): Item {
  const sortKey = `${r.markedAt}#${r.themeDayId}`;
  return {
    ...caseKeys.entry(r.themeDayId),
    entity: 'case',
    gsi2pk: caseKeys.all,
    gsi2sk: sortKey,
    gsi3pk: caseKeys.byCategory(r.category),
    gsi3sk: sortKey,
    ...r,
  };
}

export const toCaseRecord = (item: Item): CaseRecord => recordOf<CaseRecord>(item);
