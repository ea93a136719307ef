import { ROLE_SETS } from '@shared/roles';
import type { CreateNoticeBody, Notice, UpdateNoticeBody } from '@shared/schemas/notices';
import { toUtc } from '@shared/time';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import type { Page } from '../core/pagination';
import { holds, requireRole, type Principal } from '../core/policy';
import { getOrg, type OrgRecord } from '../orgs/orgs.repository';
import { displayNames } from '../users/users.repository';
import type { NoticeRecord } from './notice.entity';
import { getNotice, listOrgNotices, saveNotice } from './notices.repository';
import type { Infer } from '@shared/schemas/lazy';

/** A secretary publishes for their own branch; township staff for the township and anything under it. */
function requirePublisher(principal: Principal, org: Pick<OrgRecord, 'type' | 'path'>): void {
  if (org.type === 'branch' && holds(principal, ROLE_SETS.branchLeaders, org.path)) return;
  requireRole(principal, ROLE_SETS.noticePublishers, org.path);
}

const isLive = (n: NoticeRecord, now = Date.now()) => n.status === 'published' && (!n.expiresAt || Date.parse(n.expiresAt) > now);

function toNotice(n: NoticeRecord, orgName?: string, authorName?: string): Notice {
  return {
    id: n.id,
    orgId: n.orgId,
    ...(orgName ? { orgName } : {}),
    title: n.title,
    body: n.body,
    category: n.category,
    pinned: n.pinned,
    ...(n.expiresAt ? { expiresAt: n.expiresAt } : {}),
    publishedAt: n.publishedAt,
    updatedAt: n.updatedAt,
    ...(authorName ? { authorName } : {}),
  };
}

function checkExpiry(expiresAt: string | null | undefined): string | undefined {
  if (!expiresAt) return undefined;
  if (Date.parse(expiresAt) <= Date.now()) throw new ValidationError('到期时间须晚于现在', [{ path: 'expiresAt', message: '须晚于现在' }]);
  return toUtc(expiresAt);
}

export async function createNotice(principal: Principal, orgId: string, body: Infer<typeof CreateNoticeBody>): Promise<Notice> {
  const org = await getOrg(orgId);
  if (!org) throw new NotFoundError('组织不存在');
  requirePublisher(principal, org);
  const now = new Date().toISOString();
  const record: NoticeRecord = {
    id: newId(),
    orgId,
    path: org.path,
    title: body.title,
    body: body.body,
    category: body.category,
    pinned: body.pinned ?? false,
    expiresAt: checkExpiry(body.expiresAt),
    status: 'published',
    publishedAt: now,
    updatedAt: now,
    authorId: principal.userId,
    updatedBy: principal.userId,
  };
  await saveNotice(record);
  return toNotice(record, org.name, principal.user.displayName);
}

export async function listNotices(orgId: string, limit: number, cursor?: string): Promise<Page<Notice>> {
  const org = await getOrg(orgId);
  if (!org) throw new NotFoundError('组织不存在');
  const page = await listOrgNotices(orgId, limit, cursor);
  return { items: page.items.map((n) => toNotice(n, org.name)), nextCursor: page.nextCursor };
}

/** Public: withdrawn and expired notices are gone for everyone (the audit copy is not served). */
export async function getPublicNotice(id: string): Promise<Notice> {
  const n = await getNotice(id);
  if (!n || !isLive(n)) throw new NotFoundError('公告不存在或已撤回');
  const [org, names] = await Promise.all([getOrg(n.orgId), displayNames([n.authorId])]);
  return toNotice(n, org?.name, names.get(n.authorId));
}

async function editable(principal: Principal, id: string): Promise<NoticeRecord> {
  const n = await getNotice(id);
  if (!n || n.status !== 'published') throw new NotFoundError('公告不存在或已撤回');
  requirePublisher(principal, { type: (await getOrg(n.orgId))?.type ?? 'branch', path: n.path });
  return n;
}

export async function updateNotice(principal: Principal, id: string, body: Infer<typeof UpdateNoticeBody>): Promise<Notice> {
  const n = await editable(principal, id);
  const next: NoticeRecord = {
    ...n,
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.body !== undefined ? { body: body.body } : {}),
    ...(body.category !== undefined ? { category: body.category } : {}),
    ...(body.pinned !== undefined ? { pinned: body.pinned } : {}),
    updatedAt: new Date().toISOString(),
    updatedBy: principal.userId,
  };
  if (body.expiresAt === null) delete next.expiresAt;
  else if (body.expiresAt !== undefined) next.expiresAt = checkExpiry(body.expiresAt);
  if (!(await saveNotice(next, n.updatedAt))) throw new ConflictError('公告刚被他人修改，请刷新后重试');
  return toNotice(next, (await getOrg(n.orgId))?.name);
}

export async function withdrawNotice(principal: Principal, id: string): Promise<void> {
  const n = await editable(principal, id);
  const now = new Date().toISOString();
  const withdrawn: NoticeRecord = { ...n, status: 'withdrawn', withdrawnAt: now, withdrawnBy: principal.userId, updatedAt: now, updatedBy: principal.userId };
  if (!(await saveNotice(withdrawn, n.updatedAt))) throw new ConflictError('公告刚被他人修改，请刷新后重试');
}
