import type * as z from 'zod';
import type { PageQuery } from '@shared/schemas/common';
import type {
  AttendanceRecord,
  AttendanceStats,
  CancelThemeDayBody,
  CheckInCode,
  CheckInResult,
  CreateThemeDayBody,
  ListThemeDaysQuery,
  OnlineParticipation,
  PoliticalBirthday,
  PublishResult,
  RsvpBody,
  ThemeDay,
} from '@shared/schemas/themeday';
import type { ModerationDecisionBody, ModerationOutcome } from '@shared/schemas/moderation';
import { AlreadyModeratedError, ConflictError, ContentRejectedError, ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from '../core/errors';
import { cancellationCode, isCancelled, transact } from '../core/batch';
import { newCode, newId } from '../core/ids';
import type { Page } from '../core/pagination';
import { holds, requireRole, requireVisible, type Principal } from '../core/policy';
import { DAY_MS, HOUR_MS, toUtc } from '../core/time';
import { aggregateUpdates } from '../assessments/aggregates';
import { notify } from '../notifications/notify';
import { contentChecker } from '../content/content-check';
import { getIdeas } from '../ideas/ideas.repository';
import { BRANCH_READERS, requireBranch } from '../orgs/branches';
import { getOrg } from '../orgs/orgs.repository';
import { allMemberGrants, displayNames, hasGrant, listMemberGrants, profilesById } from '../users/users.repository';
import { BRANCH_MODERATORS, parseReflectionId, reviewOf, toOutcome } from '../moderation/moderation.entity';
import type { AttendanceItem, AttendanceStatus, ReflectionRecord, ThemeDayRecord } from './themeday.entity';
import {
  allAttendance,
  attendanceOf,
  backfillAttendance,
  closeDay,
  getAttendance,
  getCheckInCode,
  getReflection,
  getThemeDay,
  getThemeDays,
  listBranchThemeDays,
  putCheckInCode,
  putThemeDay,
  reflectionDecision,
  reflectionPut,
  transitionThemeDay,
  userAttendance,
  writeAttendance,
} from './themedays.repository';

/** A preview published less than this before the start is marked late. */
const LATE_NOTICE_MS = 3 * DAY_MS;
/** Check-in codes are shown from an hour before the start and live two minutes at most. */
const CHECK_IN_OPENS_MS = HOUR_MS;
const CODE_TTL_MS = 120 * 1000;
/** Reflections (补课) are accepted from the start until a week after the end. */
const ONLINE_WINDOW_MS = 7 * DAY_MS;

const isMember = (p: Principal | undefined, day: ThemeDayRecord) => holds(p, ['member'], day.path);
const readsDrafts = (p: Principal | undefined, path: string[]) => holds(p, BRANCH_READERS, path);

function toRecord(a: AttendanceItem, displayName?: string): z.infer<typeof AttendanceRecord> {
  return {
    themeDayId: a.themeDayId,
    userId: a.userId,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(a.rsvp ? { rsvp: a.rsvp } : {}),
    ...(a.reason ? { reason: a.reason } : {}),
    ...(a.status ? { status: a.status } : {}),
    ...(a.checkedInAt ? { checkedInAt: a.checkedInAt } : {}),
    ...(a.source ? { source: a.source } : {}),
  };
}

function toParticipation(r: ReflectionRecord): z.infer<typeof OnlineParticipation> {
  return {
    themeDayId: r.themeDayId,
    userId: r.userId,
    content: r.content,
    reviewStatus: r.reviewStatus,
    ...(r.review ? { review: toOutcome(r.review) } : {}),
    submittedAt: r.submittedAt,
  };
}

function toThemeDay(r: ThemeDayRecord, extra: Partial<ThemeDay> = {}): ThemeDay {
  return {
    id: r.id,
    branchId: r.branchId,
    title: r.title,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    location: r.location,
    agenda: r.agenda,
    ideaIds: r.ideaIds,
    onlineParticipation: r.onlineParticipation,
    category: r.category,
    ...(r.exemplary ? { exemplary: true } : {}),
    status: r.status,
    ...(r.publishedAt ? { publishedAt: r.publishedAt, lateNotice: Boolean(r.lateNotice) } : {}),
    ...(r.cancelReason ? { cancelReason: r.cancelReason } : {}),
    ...(r.status === 'closed' ? { summary: r.summary, stats: r.stats } : {}),
    createdAt: r.createdAt,
    ...extra,
  };
}

/** The day if the caller may see it: published, cancelled and closed days are public; drafts are the branch's. */
async function visibleDay(principal: Principal | undefined, id: string): Promise<ThemeDayRecord> {
  const day = await getThemeDay(id);
  if (!day || (day.status === 'draft' && !readsDrafts(principal, day.path))) throw new NotFoundError('主题党日不存在');
  return day;
}

async function secretaryDay(principal: Principal, id: string): Promise<ThemeDayRecord> {
  const day = await visibleDay(principal, id);
  requireRole(principal, ['secretary'], day.path);
  return day;
}

async function memberDay(principal: Principal, id: string): Promise<ThemeDayRecord> {
  const day = await visibleDay(principal, id);
  if (!isMember(principal, day)) throw new ForbiddenError('只有本支部党员可以参加');
  return day;
}

const notOpen = (day: ThemeDayRecord) =>
  new InvalidStateError(
    day.status === 'closed' ? '本次主题党日已结束，出勤已冻结' : day.status === 'cancelled' ? '本次主题党日已取消' : '主题党日尚未发布',
  );

export async function createThemeDay(principal: Principal, branchId: string, body: z.infer<typeof CreateThemeDayBody>): Promise<ThemeDay> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ['secretary'], branch.path);
  const span = Date.parse(body.endsAt) - Date.parse(body.startsAt);
  if (span <= 0) throw new ValidationError('结束时间须晚于开始时间', [{ path: 'endsAt', message: '须晚于开始时间' }]);
  if (span > DAY_MS) throw new ValidationError('一次主题党日不超过 24 小时', [{ path: 'endsAt', message: '不超过 24 小时' }]);
  const ideaIds = [...new Set(body.ideaIds ?? [])];
  if (ideaIds.length) {
    const ideas = await getIdeas(ideaIds);
    const foreign = ideaIds.filter((id) => !ideas.some((i) => i.id === id && i.branchId === branchId));
    if (foreign.length) throw new ValidationError('所选创意不属于本支部', [{ path: 'ideaIds', message: `未找到：${foreign.join('、')}` }]);
  }
  const record: ThemeDayRecord = {
    id: newId(),
    branchId,
    path: branch.path,
    title: body.title,
    startsAt: toUtc(body.startsAt),
    endsAt: toUtc(body.endsAt),
    location: body.location,
    agenda: body.agenda,
    ideaIds,
    onlineParticipation: body.onlineParticipation,
    category: body.category ?? 'other',
    status: 'draft',
    attVersion: 0,
    createdBy: principal.userId,
    createdAt: new Date().toISOString(),
  };
  await putThemeDay(record);
  return toThemeDay(record, { branchName: branch.name });
}

export async function getThemeDayFor(principal: Principal | undefined, id: string): Promise<ThemeDay> {
  const day = await visibleDay(principal, id);
  const member = principal && isMember(principal, day);
  const [branch, ideas, mine, reflection] = await Promise.all([
    getOrg(day.branchId),
    day.ideaIds.length ? getIdeas(day.ideaIds) : Promise.resolve([]),
    member ? getAttendance(day.id, principal.userId) : Promise.resolve(undefined),
    member && day.onlineParticipation ? getReflection(day.id, principal.userId) : Promise.resolve(undefined),
  ]);
  return toThemeDay(day, {
    branchName: branch?.name,
    // Only ideas that are visible make it into a public preview.
    ideas: ideas.filter((i) => i.moderation === 'visible').map((i) => ({ id: i.id, title: i.title })),
    ...(mine ? { mine: toRecord(mine) } : {}),
    ...(reflection ? { myReflection: toParticipation(reflection) } : {}),
  });
}

export async function listThemeDays(
  principal: Principal | undefined,
  branchId: string,
  q: z.infer<typeof ListThemeDaysQuery> & z.infer<typeof PageQuery>,
): Promise<Page<ThemeDay>> {
  const branch = await requireBranch(branchId);
  const page = await listBranchThemeDays(branchId, {
    from: q.from ? toUtc(q.from) : undefined,
    to: q.to ? toUtc(q.to) : undefined,
    includeDrafts: readsDrafts(principal, branch.path),
    limit: q.limit,
    cursor: q.cursor,
  });
  const mine =
    principal && holds(principal, ['member'], branch.path) && page.items.length
      ? await Promise.all(page.items.map((d) => getAttendance(d.id, principal.userId)))
      : [];
  return {
    items: page.items.map((d, i) => toThemeDay(d, { branchName: branch.name, ...(mine[i] ? { mine: toRecord(mine[i]!) } : {}) })),
    nextCursor: page.nextCursor,
  };
}

export async function publishThemeDay(principal: Principal, id: string): Promise<z.infer<typeof PublishResult>> {
  const day = await secretaryDay(principal, id);
  const now = Date.now();
  if (day.status !== 'draft') throw new InvalidStateError(day.status === 'published' ? '已经发布过了' : '当前状态不能发布');
  if (Date.parse(day.endsAt) <= now) throw new InvalidStateError('活动已结束，不能再发布预告');
  const publishedAt = new Date(now).toISOString();
  const lateNotice = Date.parse(day.startsAt) - now < LATE_NOTICE_MS;
  const updated = await transitionThemeDay(id, ['draft'], 'published', { publishedAt, lateNotice });
  if (!updated) throw new InvalidStateError('当前状态不能发布');
  await notifyMembers(day);
  return { status: 'published', publishedAt, lateNotice };
}

/** Members who asked to hear about new previews get one message; a branch is tens of members. */
async function notifyMembers(day: ThemeDayRecord): Promise<void> {
  const members = await allMemberGrants(day.branchId);
  const when = new Date(Date.parse(day.startsAt) + 8 * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ');
  for (let i = 0; i < members.length; i += 10) {
    await Promise.all(
      members.slice(i, i + 10).map((m) =>
        notify(m.userId, 'theme_day_published', { thing1: day.title, time2: when, thing3: day.location }, 'pages/themeday/index'),
      ),
    );
  }
}

export async function cancelThemeDay(principal: Principal, id: string, body: z.infer<typeof CancelThemeDayBody>): Promise<ThemeDay> {
  await secretaryDay(principal, id);
  const updated = await transitionThemeDay(id, ['draft', 'published'], 'cancelled', { cancelReason: body.reason });
  if (!updated) throw new InvalidStateError('已结束或已取消的主题党日不能取消');
  return toThemeDay(updated);
}

export async function rsvp(principal: Principal, id: string, body: z.infer<typeof RsvpBody>): Promise<z.infer<typeof AttendanceRecord>> {
  const day = await memberDay(principal, id);
  if (day.status !== 'published') throw notOpen(day);
  if (Date.parse(day.endsAt) <= Date.now()) throw new InvalidStateError('活动已结束，不能再报名或请假');
  const result =
    body.response === 'leave'
      ? await writeAttendance(day, principal.userId, { rsvp: 'leave', reason: body.reason })
      : await writeAttendance(day, principal.userId, { rsvp: 'attending' }, ['reason']);
  if (!result.ok) throw notOpen(day);
  return toRecord(result.record, principal.user.displayName);
}

export async function createCheckInCode(principal: Principal, id: string): Promise<z.infer<typeof CheckInCode>> {
  const day = await secretaryDay(principal, id);
  if (day.status !== 'published') throw notOpen(day);
  const now = Date.now();
  if (now < Date.parse(day.startsAt) - CHECK_IN_OPENS_MS) throw new InvalidStateError('开始前 1 小时才能开启签到');
  if (now > Date.parse(day.endsAt)) throw new InvalidStateError('活动已结束，不能再签到');
  const code = newCode(6);
  const expiresAt = new Date(Math.min(now + CODE_TTL_MS, Date.parse(day.endsAt))).toISOString();
  await putCheckInCode(day.id, code, expiresAt, principal.userId);
  return { code, expiresAt, qrText: `checkin:${day.id}:${code}` };
}

export async function checkIn(principal: Principal, id: string, code: string): Promise<{ status: number; body: z.infer<typeof CheckInResult> }> {
  const day = await memberDay(principal, id);
  if (day.status !== 'published') throw notOpen(day);
  const stored = await getCheckInCode(day.id, code.toUpperCase());
  if (!stored || Date.parse(stored.expiresAt) < Date.now()) {
    throw new ValidationError('签到码无效或已过期，请扫描书记手机上的最新二维码', [{ path: 'code', message: '签到码无效或已过期' }]);
  }
  const at = new Date().toISOString();
  const result = await writeAttendance(day, principal.userId, { status: 'present', checkedInAt: at, source: 'scan' }, [], {
    expression: 'attribute_not_exists(#status) OR #status <> :present',
    values: { ':present': 'present' },
  });
  if (result.ok) return { status: 201, body: { status: 'present', checkedInAt: at, repeated: false } };
  if (result.reason === 'day_not_open') throw notOpen((await getThemeDay(id)) ?? day);
  // Already present: a repeated scan is harmless.
  const existing = await getAttendance(day.id, principal.userId);
  return { status: 200, body: { status: 'present', checkedInAt: existing?.checkedInAt ?? at, repeated: true } };
}

export async function listAttendance(
  principal: Principal,
  id: string,
  q: z.infer<typeof PageQuery>,
): Promise<Page<z.infer<typeof AttendanceRecord>>> {
  const day = await visibleDay(principal, id);
  requireRole(principal, ['secretary', 'township_admin', 'admin'], day.path);
  const page = await listMemberGrants(day.branchId, q.limit, q.cursor);
  const ids = page.items.map((g) => g.userId);
  const [records, names] = await Promise.all([attendanceOf(day.id, ids), displayNames(ids)]);
  return {
    items: ids.map((userId) => toRecord(records.get(userId) ?? { themeDayId: day.id, userId, startsAt: day.startsAt }, names.get(userId))),
    nextCursor: page.nextCursor,
  };
}

export async function correctAttendance(
  principal: Principal,
  id: string,
  userId: string,
  status: AttendanceStatus,
): Promise<z.infer<typeof AttendanceRecord>> {
  const day = await secretaryDay(principal, id);
  if (day.status !== 'published') throw notOpen(day);
  if (!(await hasGrant(userId, { role: 'member', orgId: day.branchId }))) throw new NotFoundError('该党员不在本支部');
  const result = await writeAttendance(day, userId, { status, source: 'manual' });
  if (!result.ok) throw notOpen((await getThemeDay(id)) ?? day);
  return toRecord(result.record, (await displayNames([userId])).get(userId));
}

export async function participateOnline(principal: Principal, id: string, content: string): Promise<z.infer<typeof OnlineParticipation>> {
  const day = await memberDay(principal, id);
  if (!day.onlineParticipation) throw new InvalidStateError('本次主题党日未开放线上参与');
  if (day.status !== 'published') throw notOpen(day);
  const now = Date.now();
  if (now < Date.parse(day.startsAt)) throw new InvalidStateError('活动开始后才能提交心得');
  if (now > Date.parse(day.endsAt) + ONLINE_WINDOW_MS) throw new InvalidStateError('已超过活动结束后 7 天，不能再提交心得');
  const verdict = await contentChecker().check(content, 'reflection', principal.openid);
  if (verdict === 'risky') throw new ContentRejectedError();
  const reviewStatus = verdict === 'review' ? 'pending_review' : 'published';
  const at = new Date(now).toISOString();
  const record: ReflectionRecord = {
    themeDayId: day.id,
    userId: principal.userId,
    branchId: day.branchId,
    path: day.path,
    content,
    reviewStatus,
    // A "review" verdict queues it for the branch's moderators; a resubmission replaces the entry.
    ...(reviewStatus === 'pending_review' ? { queuedAt: at } : {}),
    submittedAt: at,
  };
  const reflection = reflectionPut(record);
  // Online counts apart from presence: a member who was there stays present; the reflection is kept either way.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await getAttendance(day.id, principal.userId);
    const result =
      current?.status === 'present'
        ? await writeAttendance(day, principal.userId, {}, [], { expression: '#status = :present', values: { ':present': 'present' } }, [reflection])
        : await writeAttendance(day, principal.userId, { status: 'online', source: 'online' }, [], {
            expression: 'attribute_not_exists(#status) OR #status <> :present',
            values: { ':present': 'present' },
          }, [reflection]);
    if (result.ok) return toParticipation(record);
    if (result.reason === 'day_not_open') throw notOpen((await getThemeDay(id)) ?? day);
  }
  throw new ConflictError('提交冲突，请重试');
}

/** Final status per expected member: what was recorded, else leave for an RSVP'd leave, else absent. */
export function computeStats(
  day: Pick<ThemeDayRecord, 'startsAt'>,
  members: { userId: string; createdAt: string }[],
  records: AttendanceItem[],
): { stats: AttendanceStats; finals: Map<string, AttendanceStatus> } {
  const byUser = new Map(records.map((r) => [r.userId, r]));
  // Expected: members of the branch when the day started, plus anyone who took part (they were members then).
  const expected = new Set(members.filter((m) => m.createdAt <= day.startsAt).map((m) => m.userId));
  for (const r of records) if (r.status && r.status !== 'absent') expected.add(r.userId);
  const finals = new Map<string, AttendanceStatus>();
  for (const userId of expected) {
    const r = byUser.get(userId);
    finals.set(userId, r?.status ?? (r?.rsvp === 'leave' ? 'leave' : 'absent'));
  }
  const count = (s: AttendanceStatus) => [...finals.values()].filter((v) => v === s).length;
  const present = count('present');
  const n = expected.size;
  return {
    stats: {
      expected: n,
      present,
      leave: count('leave'),
      online: count('online'),
      absent: count('absent'),
      attendanceRate: n ? Math.round((present / n) * 10_000) / 10_000 : 0,
    },
    finals,
  };
}

export async function closeThemeDay(principal: Principal, id: string, summary: string): Promise<{ status: 'closed'; stats: AttendanceStats }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const day = await secretaryDay(principal, id);
    if (day.status === 'closed' && day.stats) {
      // A retried close (flaky network) gets the same frozen figures.
      return { status: 'closed', stats: day.stats };
    }
    if (day.status !== 'published') throw notOpen(day);
    if (Date.now() < Date.parse(day.startsAt)) throw new InvalidStateError('活动开始后才能结束并统计');
    const [members, records] = await Promise.all([allMemberGrants(day.branchId), allAttendance(day.id)]);
    const { stats, finals } = computeStats(day, members, records);
    const delta = {
      expected: stats.expected,
      present: stats.present,
      leave: stats.leave,
      online: stats.online,
      themeDaysHeld: 1,
      previewsOnTime: day.lateNotice ? 0 : 1,
      closedWithSummary: summary.trim() ? 1 : 0,
    };
    const closed = await closeDay(day, { stats, summary, closedAt: new Date().toISOString() }, aggregateUpdates(day.path, day.startsAt, delta));
    if (closed) {
      const recorded = new Map(records.map((r) => [r.userId, r.status]));
      await backfillAttendance(
        day,
        [...finals].filter(([userId]) => !recorded.get(userId)).map(([userId, status]) => ({ userId, status })),
      );
      return { status: 'closed', stats };
    }
    // Attendance moved while we counted (or the day changed): count again.
  }
  throw new ConflictError('签到仍在进行，请稍后再结束');
}

export async function myAttendance(principal: Principal, q: z.infer<typeof PageQuery>) {
  const page = await userAttendance(principal.userId, q.limit, q.cursor);
  const days = new Map((await getThemeDays(page.items.map((a) => a.themeDayId))).map((d) => [d.id, d]));
  return {
    items: page.items
      .filter((a) => days.has(a.themeDayId))
      .map((a) => {
        const d = days.get(a.themeDayId)!;
        return { ...toRecord(a), themeDay: { id: d.id, title: d.title, startsAt: d.startsAt, status: d.status, branchId: d.branchId } };
      }),
    nextCursor: page.nextCursor,
  };
}

export async function politicalBirthdays(principal: Principal, branchId: string, month: string): Promise<{ items: z.infer<typeof PoliticalBirthday>[] }> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ['member', 'secretary', 'township_admin', 'admin'], branch.path);
  const members = await allMemberGrants(branchId);
  const profiles = await profilesById(members.map((m) => m.userId));
  const [year, mm] = month.split('-');
  const items = [...profiles.values()]
    .filter((p) => !p.deletedAt && p.joinedPartyOn?.slice(5, 7) === mm && p.joinedPartyOn.slice(0, 4) < year)
    .map((p) => ({ userId: p.id, displayName: p.displayName, joinedPartyOn: p.joinedPartyOn!, years: Number(year) - Number(p.joinedPartyOn!.slice(0, 4)) }))
    .sort((a, b) => a.joinedPartyOn.slice(5).localeCompare(b.joinedPartyOn.slice(5)) || a.displayName.localeCompare(b.displayName));
  return { items };
}

/**
 * A moderation decision on a queued reflection. Approved, it stays counted as online participation. Rejected, it
 * stops counting while the day is open (the member is no longer "online"); once the day is closed its figures are
 * frozen and stay as they were. No subscribe template fits a reflection, so the author learns it on the day's page.
 */
export async function decideReflection(principal: Principal, id: string, body: ModerationDecisionBody): Promise<ModerationOutcome> {
  const ref = parseReflectionId(id);
  const [reflection, day] = ref ? await Promise.all([getReflection(ref.themeDayId, ref.userId), getThemeDay(ref.themeDayId)]) : [];
  if (!reflection || !day) throw new NotFoundError('心得不存在');
  requireVisible(principal, BRANCH_MODERATORS, day.path);
  if (!reflection.queuedAt) throw new AlreadyModeratedError();
  const approve = body.decision === 'approve';
  const review = reviewOf(principal.userId, body);
  const decision = reflectionDecision(reflection, approve ? 'published' : 'rejected', review);
  if (!approve) {
    const result = await writeAttendance(day, reflection.userId, {}, ['status', 'source'], {
      expression: '#status = :online AND #source = :online',
      values: { ':online': 'online' },
    }, [decision]);
    if (result.ok) return toOutcome(review);
    if (result.reason === 'extra') throw new AlreadyModeratedError();
    // The day is closed (or not open), or the member was there in person: only the reflection changes.
  }
  try {
    await transact([decision]);
  } catch (err) {
    if (isCancelled(err) && cancellationCode(err, 0) === 'ConditionalCheckFailed') throw new AlreadyModeratedError();
    throw err;
  }
  return toOutcome(review);
}
