// The administrative audit log: who changed what, before and after, and when. Entries are written in the same
// transaction as the change they record, so the log never misses one.
import * as z from 'zod/mini';
import { DateTimeString, Id } from './common';
import { lazy, type Infer } from './lazy';

export const AUDIT_ACTIONS = [
  'org.create',
  'org.rename',
  'org.move',
  'org.archive',
  'station.create',
  'station.update',
  'grant.add',
  'grant.revoke',
  'invitation.create',
  'invitation.revoke',
  'member.update',
  'member.transfer.request',
  'member.transfer.accept',
  'member.transfer.decline',
  'member.leave',
  'member.bind',
  'import.apply',
  'phone.reveal',
  'dues.mark',
  'birthday.celebrate',
] as const;
export const AuditAction = lazy(() => z.enum(AUDIT_ACTIONS));
export type AuditAction = Infer<typeof AuditAction>;

export const AuditEntry = lazy(() => z.object({
  id: Id(),
  /** The org the change happened in (for a station: the org it belongs to). */
  orgId: Id(),
  action: AuditAction(),
  /** What was changed: its kind and id (an org, a station, a user, an invitation code, …). */
  target: z.object({ kind: z.string(), id: z.string() }),
  actorId: Id(),
  actorName: z.optional(z.string()),
  before: z.nullable(z.record(z.string(), z.unknown())),
  after: z.nullable(z.record(z.string(), z.unknown())),
  at: DateTimeString(),
}));
export type AuditEntry = Infer<typeof AuditEntry>;
