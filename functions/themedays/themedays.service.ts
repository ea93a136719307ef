// A theme day's lifecycle: draft → published → closed (figures frozen), or cancelled. Attendance is in
// ./attendance.service, reflections in ./reflections.service.
import { ROLE_SETS } from '@shared/roles';
import { DAY_MS, HOUR_MS, shanghaiDate, shanghaiTime, toUtc } from '@shared/time';
import {
  THEMEDAY_RULES,
  type AttendanceStats,
  type CancelThemeDayBody,
  type CreateThemeDayBody,
  type ListThemeDaysQuery,
  type PublishResult,
  type ThemeDay,
} from '@shared/schemas/themeday';
import { summaryOnTime } from '@shared/rules/themeday';
import { ConflictError, InvalidStateError, ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import type { Page } from '../core/pagination';
import { requireRole, type Principal } from '../core/policy';
import { noRead, readTogether } from '../core/batch';
import { retrying, TRY_AGAIN } from '../core/transact';
import { aggregateUpdates } from '../assessments/aggregates';
import { outboxPut } from '../notifications/outbox.entity';
import { getIdeas, ideasRead } from '../ideas/ideas.repository';
import { requireBranch } from '../orgs/branches';
import { getOrg } from '../orgs/orgs.repository';
import { branchMemberships } from '../users/users.repository';
import { dayReach, isMember, notOpen, secretaryDay, visibleDay } from './access';
import { allAttendance, backfillAttendance, memberDaysRead } from './attendance.repository';
import { reflectionRead } from './reflections.repository';
import type { AttendanceItem, AttendanceStatus, ThemeDayRecord } from './themeday.entity';
import { closeDay, heldInMonth, listBranchThemeDays, markHeldMonth, putThemeDay, transitionThemeDay } from './themedays.repository';
import { toAttendanceRecord, toParticipation, toThemeDay } from './views';
import type { Infer } from '@shared/schemas/lazy';

const { lateNoticeDays, maxHours } = THEMEDAY_RULES;

export async function createThemeDay(principal: Principal, branchId: string, body: Infer<typeof CreateThemeDayBody>): Promise<ThemeDay> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.branchLeaders, branch.path);
  const span = Date.parse(body.endsAt) - Date.parse(body.startsAt);
  if (span <= 0) throw new ValidationError('结束时间须晚于开始时间', [{ path: 'endsAt', message: '须晚于开始时间' }]);
  if (span > maxHours * HOUR_MS) {
    throw new ValidationError(`一次主题党日不超过 ${maxHours} 小时`, [{ path: 'endsAt', message: `不超过 ${maxHours} 小时` }]);
  }
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
  const me = principal && isMember(principal, day) ? principal.userId : undefined;
  // Read once the caller may see the day: its ideas and, for a member, their own record and reflection, in one batch.
  const [branch, [ideas, mine, reflection]] = await Promise.all([
    getOrg(day.branchId),
    readTogether(
      [
        ideasRead(day.ideaIds),
        me ? memberDaysRead(me, [day.id]) : noRead(new Map<string, AttendanceItem>()),
        me && day.onlineParticipation ? reflectionRead(day.id, me) : noRead(undefined),
      ],
      { consistent: true },
    ),
  ]);
  const myRecord = mine.get(day.id);
  return toThemeDay(day, {
    branchName: branch?.name,
    // Only ideas that are visible make it into a public preview.
    ideas: ideas.filter((i) => i.moderation === 'visible').map((i) => ({ id: i.id, title: i.title })),
    ...(myRecord ? { mine: toAttendanceRecord(myRecord) } : {}),
    ...(reflection ? { myReflection: toParticipation(reflection) } : {}),
  });
}

export async function listThemeDays(
  principal: Principal | undefined,
  branchId: string,
  q: Infer<typeof ListThemeDaysQuery>,
): Promise<Page<ThemeDay>> {
  const branch = await requireBranch(branchId);
  const page = await listBranchThemeDays(branchId, {
    from: q.from ? toUtc(q.from) : undefined,
    to: q.to ? toUtc(q.to) : undefined,
    reach: dayReach(principal, branch.path),
    limit: q.limit,
    cursor: q.cursor,
  });
  // A member's own record of every day on the page, in one batch.
  const [mine] = await readTogether(
    [principal && isMember(principal, branch) ? memberDaysRead(principal.userId, page.items.map((d) => d.id)) : noRead(new Map<string, AttendanceItem>())],
    { consistent: true },
  );
  return {
    items: page.items.map((d) => {
      const record = mine.get(d.id);
      return toThemeDay(d, { branchName: branch.name, ...(record ? { mine: toAttendanceRecord(record) } : {}) });
    }),
    nextCursor: page.nextCursor,
  };
}

export async function publishThemeDay(principal: Principal, id: string): Promise<PublishResult> {
  const day = await secretaryDay(principal, id);
  const now = Date.now();
  if (day.status !== 'draft') throw new InvalidStateError(day.status === 'published' ? '已经发布过了' : '当前状态不能发布');
  if (Date.parse(day.endsAt) <= now) throw new InvalidStateError('活动已结束，不能再发布预告');
  const publishedAt = new Date(now).toISOString();
  const lateNotice = Date.parse(day.startsAt) - now < lateNoticeDays * DAY_MS;
  const updated = await transitionThemeDay(id, ['draft'], 'published', { publishedAt, lateNotice }, [previewMessage(day)]);
  if (!updated) throw new InvalidStateError('当前状态不能发布');
  return { status: 'published', publishedAt, lateNotice };
}

/** Members who asked to hear about new previews get one message, sent from the outbox after the publish. */
function previewMessage(day: ThemeDayRecord) {
  const when = `${shanghaiDate(day.startsAt)} ${shanghaiTime(day.startsAt)}`;
  return outboxPut({
    subject: `themeday#${day.id}`,
    template: 'theme_day_published',
    data: { thing1: day.title, time2: when, thing3: day.location },
    page: 'pages/themeday/index',
    to: { branchMembers: day.branchId },
  });
}

export async function cancelThemeDay(principal: Principal, id: string, body: Infer<typeof CancelThemeDayBody>): Promise<ThemeDay> {
  await secretaryDay(principal, id);
  const updated = await transitionThemeDay(id, ['draft', 'published'], 'cancelled', { cancelReason: body.reason });
  if (!updated) throw new InvalidStateError('已结束或已取消的主题党日不能取消');
  return toThemeDay(updated);
}

/** Final status per expected member: what was recorded, else leave for an approved leave request, else absent. */
export function computeStats(
  day: Pick<ThemeDayRecord, 'startsAt'>,
  members: { userId: string; createdAt: string; leftAt?: string }[],
  records: AttendanceItem[],
): { stats: AttendanceStats; finals: Map<string, AttendanceStatus> } {
  const byUser = new Map(records.map((r) => [r.userId, r]));
  // Expected: members of the branch when the day started (who left count until the end of the day they left), plus
  // anyone who took part (they were members then).
  const expected = new Set(members.filter((m) => m.createdAt <= day.startsAt && !(m.leftAt && m.leftAt <= day.startsAt)).map((m) => m.userId));
  for (const r of records) if (r.status && r.status !== 'absent') expected.add(r.userId);
  const finals = new Map<string, AttendanceStatus>();
  for (const userId of expected) {
    const r = byUser.get(userId);
    finals.set(userId, r?.status ?? (r?.rsvp === 'leave' && r.leaveStatus === 'approved' ? 'leave' : 'absent'));
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

/**
 * Counts and freezes the figures. Attendance that moves while we count (or a day that changes) makes the close fail
 * and count again; a retried close (flaky network) gets the same frozen figures.
 */
export function closeThemeDay(principal: Principal, id: string, summary: string): Promise<{ status: 'closed'; stats: AttendanceStats }> {
  return retrying(
    async () => {
      const day = await secretaryDay(principal, id);
      if (day.status === 'closed' && day.stats) return { status: 'closed' as const, stats: day.stats };
      if (day.status !== 'published') throw notOpen(day);
      if (Date.now() < Date.parse(day.startsAt)) throw new InvalidStateError('活动开始后才能结束并统计');
      const [members, records] = await Promise.all([branchMemberships(day.branchId), allAttendance(day.id)]);
      const { stats, finals } = computeStats(day, members, records);
      const closedAt = new Date().toISOString();
      const month = shanghaiDate(day.startsAt).slice(0, 7);
      const firstInMonth = !(await heldInMonth(day.branchId, month));
      const delta = {
        expected: stats.expected,
        present: stats.present,
        leave: stats.leave,
        online: stats.online,
        themeDaysHeld: 1,
        monthsHeld: firstInMonth ? 1 : 0,
        previewsOnTime: day.lateNotice ? 0 : 1,
        summariesOnTime: summaryOnTime(day, summary, closedAt) ? 1 : 0,
      };
      const also = [...aggregateUpdates(await requireBranch(day.branchId), day.startsAt, delta), ...(firstInMonth ? [markHeldMonth(day.branchId, month, day.id)] : [])];
      if (!(await closeDay(day, { stats, summary, closedAt }, also))) return TRY_AGAIN;
      const recorded = new Map(records.map((r) => [r.userId, r.status]));
      await backfillAttendance(
        day,
        [...finals].filter(([userId]) => !recorded.get(userId)).map(([userId, status]) => ({ userId, status })),
      );
      return { status: 'closed' as const, stats };
    },
    () => new ConflictError('签到仍在进行，请稍后再结束'),
  );
}
