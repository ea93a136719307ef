// Reading the audit log: one org's entries, newest first, for staff over that org. Only the org's own partition is
// read (one Query a page, however big the subtree): an org change is kept at the parent it happened in, a station's at
// its org, so a township's log shows what was done to its villages and branches directly under it; deeper changes are
// read at the org they happened in.
import type { AuditEntry } from '@shared/schemas/audit';
import { ROLE_SETS } from '@shared/roles';
import { endOfShanghaiDay, shanghaiInstant, toUtc } from '@shared/time';
import { NotFoundError } from '../core/errors';
import { queryPage, type Page } from '../core/pagination';
import { requireRole, type Principal } from '../core/policy';
import { getOrg } from '../orgs/orgs.repository';
import { auditKeys, toAuditRecord } from './audit.entity';

export async function listAudit(p: Principal, q: { orgId: string; from?: string; to?: string; limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
  const org = await getOrg(q.orgId);
  if (!org) throw new NotFoundError('组织不存在');
  requireRole(p, ROLE_SETS.staff, org.path);
  // Sort keys start with the UTC instant: a date range is a key range ('~' sorts after the `#<id>` that follows).
  const from = q.from ? toUtc(shanghaiInstant(q.from)) : '0';
  const to = q.to ? `${toUtc(endOfShanghaiDay(q.to))}~` : '9';
  const page = await queryPage({ pk: auditKeys.partition(org.id), skBetween: [from, to], forward: false, limit: q.limit, cursor: q.cursor }, toAuditRecord);
  return { items: page.items.map(({ orgPath: _p, ...entry }) => entry), nextCursor: page.nextCursor };
}
