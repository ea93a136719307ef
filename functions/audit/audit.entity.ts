// Audit entries: one item per administrative change, in the partition of the org it happened in, sorted by time so a
// date filter is a key range. The entry also carries the org's path, so a reader's authority is checked on the entry.
import type { AuditEntry } from '@shared/schemas/audit';
import { recordOf, type Item } from '../core/item';

export interface AuditRecord extends AuditEntry {
  /** Ancestor ids of `orgId`, root first, ending with `orgId`. */
  orgPath: string[];
}

export const auditKeys = {
  partition: (orgId: string) => `AUDIT#${orgId}`,
  entry: (orgId: string, at: string, id: string) => ({ pk: `AUDIT#${orgId}`, sk: `${at}#${id}` }),
};

export const auditItem = (r: AuditRecord): Item => ({ ...auditKeys.entry(r.orgId, r.at, r.id), entity: 'audit', ...r });

export const toAuditRecord = (item: Item): AuditRecord => recordOf<AuditRecord>(item, { before: null, after: null });
