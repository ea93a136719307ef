// Guidance (乡镇指导): township staff's comments and ratings on a theme day, kept in the day's partition.
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

export const guidanceKeys = {
  guidance: (dayId: string, id: string) => ({ pk: themeDayKeys.partition(dayId), sk: `GUIDANCE#${id}` }),
  /** Sort-key prefix of a day's guidance. */
  prefix: 'GUIDANCE#',
};

export const guidanceItem = (r: GuidanceRecord): Item => ({ ...guidanceKeys.guidance(r.themeDayId, r.id), entity: 'guidance', ...r });

export const toGuidanceRecord = (item: Item): GuidanceRecord => recordOf<GuidanceRecord>(item);
