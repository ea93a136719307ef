// 组织关系转接: a request to move a member from one branch to another. While pending it is listed on both branches
// (gsi1: the receiving branch, gsi2: the sending one); a decision removes both index keys.
import type { Transfer } from '@shared/schemas/members';
import { recordOf, type Item } from '../core/item';

export type TransferRecord = Transfer;

export const transferKeys = {
  transfer: (id: string) => ({ pk: `TRANSFER#${id}`, sk: 'TRANSFER' }),
  incoming: (branchId: string) => `ORG#${branchId}#TRANSFERS#IN`,
  outgoing: (branchId: string) => `ORG#${branchId}#TRANSFERS#OUT`,
};

export const transferItem = (r: TransferRecord): Item => ({
  ...transferKeys.transfer(r.id),
  ...(r.status === 'pending'
    ? {
        gsi1pk: transferKeys.incoming(r.toBranchId),
        gsi1sk: `${r.requestedAt}#${r.id}`,
        gsi2pk: transferKeys.outgoing(r.fromBranchId),
        gsi2sk: `${r.requestedAt}#${r.id}`,
      }
    : {}),
  entity: 'transfer',
  ...r,
});

export const toTransfer = (item: Item): TransferRecord => recordOf<TransferRecord>(item);
