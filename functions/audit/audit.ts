// Writing the audit log. Callers add `auditPut(...)` to the transaction of the change itself: an entry exists exactly
// when the change does.
import type { AuditAction } from '@shared/schemas/audit';
import { TABLE } from '../core/dynamo';
import { newId } from '../core/ids';
import type { Principal } from '../core/policy';
import type { TransactItems } from '../core/transact';
import { auditItem, type AuditRecord } from './audit.entity';

export interface AuditChange {
  action: AuditAction;
  /** The org the change happened in, with its path (root first, itself last). */
  org: { id: string; path: string[] };
  target: { kind: string; id: string };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export function auditRecord(by: Principal, change: AuditChange, at = new Date().toISOString()): AuditRecord {
  return {
    id: newId(),
    orgId: change.org.id,
    orgPath: change.org.path,
    action: change.action,
    target: change.target,
    actorId: by.userId,
    actorName: by.user.displayName,
    before: change.before ?? null,
    after: change.after ?? null,
    at,
  };
}

/** The Put that records `change`, for the change's own transaction; `at` when the caller needs to know it. */
export const auditPut = (by: Principal, change: AuditChange, at?: string): TransactItems[number] => ({
  Put: { TableName: TABLE, Item: auditItem(auditRecord(by, change, at)) },
});
