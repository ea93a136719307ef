// The collective dues register (集中交纳党费): one row per branch, month and member, kept by the secretary. A register
// of payments made offline: amounts are what the member declared, in fen (integers: no float drift in totals).
//   pk DUES#<branchId>#<month>   sk <userId>
import { batchRead, foundItems, type BatchRead } from '../core/batch';
import { recordOf, type Item } from '../core/item';

export interface DuesRecord {
  branchId: string;
  month: string;
  userId: string;
  amountFen: number;
  paid: boolean;
  paidOn?: string;
  /** The secretary who marked it, and their name then (the register reads no profile for it). */
  markedBy: string;
  markedByName: string;
  updatedAt: string;
}

export const duesKeys = {
  register: (branchId: string, month: string) => `DUES#${branchId}#${month}`,
  row: (branchId: string, month: string, userId: string) => ({ pk: duesKeys.register(branchId, month), sk: userId }),
};

/** The rows of these members in a month's register, as part of a batch (see core/batch). */
export function duesRowsRead(branchId: string, month: string, userIds: string[]): BatchRead<Map<string, DuesRecord>> {
  const keys = userIds.map((id) => duesKeys.row(branchId, month, id));
  return batchRead(keys, (found) => new Map(foundItems(found, keys).map(toDuesRecord).map((r) => [r.userId, r])));
}

export const duesItem = (r: DuesRecord): Item => ({ ...duesKeys.row(r.branchId, r.month, r.userId), entity: 'dues', ...r });
export const toDuesRecord = (item: Item): DuesRecord => recordOf<DuesRecord>(item);

export const toFen = (yuan: number) => Math.round(yuan * 100);
export const toYuan = (fen: number) => fen / 100;
