// Attendance: RSVP, check-in codes and check-in, the secretary's corrections, the roster and a member's history.
import { requireQuotaLeft, spendQuota } from '../quotas/quota';
import type { PageQuery } from '@shared/schemas/common';
import { MINUTE_MS, shanghaiDate, shanghaiTime } from '@shared/time';
import { THEMEDAY_RULES } from '@shared/rules/themeday';
import { type AttendanceRecord, type CheckInCode, type CheckInResult, type RsvpBody } from '@shared/schemas/themeday';
import { noRead, readTogether, type BatchRead } from '../core/batch';
import { InvalidStateError, NotFoundError, ValidationError } from '../core/errors';
import { newCode } from '../core/ids';
import type { Page } from '../core/pagination';
import type { Principal } from '../core/policy';
import { displayNames, displayNamesRead, hasGrant, listMemberGrants } from '../users/users.repository';
import { memberDay, moderatorsDay, notOpen, secretaryDay } from './access';
import { getAttendance, getCheckInCode, putCheckInCode, rosterRead, userAttendance, writeAttendance } from './attendance.repository';
import { outboxPut } from '../notifications/outbox.entity';
import type { AttendanceStatus, ThemeDayRecord } from './themeday.entity';
import { getThemeDay, getThemeDays } from './themedays.repository';
import { toAttendanceRecord } from './views';
import type { Infer } from '@shared/schemas/lazy';

const { checkInOpensMinutes, checkInCodeSeconds } = THEMEDAY_RULES;

export async function rsvp(principal: Principal, id: string, body: RsvpBody): Promise<AttendanceRecord> {
  const day = await memberDay(principal, id);
  if (day.status !== 'published') throw notOpen(day);
  if (Date.parse(day.endsAt) <= Date.now()) throw new InvalidStateError('活动已结束，不能再报名或请假');
  const result =
    body.response === 'leave'
      ? await writeAttendance(day, principal.userId, { rsvp: 'leave', reason: body.reason, leaveStatus: 'requested' }, ['leaveDecidedBy'])
      : await writeAttendance(day, principal.userId, { rsvp: 'attending' }, ['reason', 'leaveStatus', 'leaveDecidedBy']);
  if (!result.ok) throw notOpen(day);
  return toAttendanceRecord(result.record, principal.user.displayName);
}

export async function createCheckInCode(principal: Principal, id: string): Promise<CheckInCode> {
  const day = await secretaryDay(principal, id);
  if (day.status !== 'published') throw notOpen(day);
  const now = Date.now();
  if (now < Date.parse(day.startsAt) - checkInOpensMinutes * MINUTE_MS) {
    throw new InvalidStateError(`开始前 ${checkInOpensMinutes / 60} 小时才能开启签到`);
  }
  if (now > Date.parse(day.endsAt)) throw new InvalidStateError('活动已结束，不能再签到');
  const code = newCode(6);
  const expiresAt = new Date(Math.min(now + checkInCodeSeconds * 1000, Date.parse(day.endsAt))).toISOString();
  await putCheckInCode(day.id, code, expiresAt, principal.userId);
  return { code, expiresAt, qrText: `checkin:${day.id}:${code}` };
}

/** Checks the caller in; a repeated scan is harmless and says so (`repeated`), with the time of the first. */
export async function checkIn(principal: Principal, id: string, code: string): Promise<CheckInResult> {
  const day = await memberDay(principal, id);
  if (day.status !== 'published') throw notOpen(day);
  await requireQuotaLeft(principal.userId, 'wrongCheckInCode');
  const stored = await getCheckInCode(day.id, code.toUpperCase());
  if (!stored || Date.parse(stored.expiresAt) < Date.now()) {
    await spendQuota(principal.userId, 'wrongCheckInCode');
    throw new ValidationError('签到码无效或已过期，请扫描书记手机上的最新二维码', [{ path: 'code', message: '签到码无效或已过期' }]);
  }
  const at = new Date().toISOString();
  const result = await writeAttendance(day, principal.userId, { status: 'present', checkedInAt: at, source: 'scan' }, [], {
    expression: 'attribute_not_exists(#status) OR #status <> :present',
    values: { ':present': 'present' },
  });
  if (result.ok) return { status: 'present', checkedInAt: at, repeated: false };
  if (result.reason === 'day_not_open') throw notOpen((await getThemeDay(id)) ?? day);
  const existing = await getAttendance(day.id, principal.userId);
  return { status: 'present', checkedInAt: existing?.checkedInAt ?? at, repeated: true };
}

export async function listAttendance(
  principal: Principal,
  id: string,
  q: Infer<typeof PageQuery>,
): Promise<Page<AttendanceRecord>> {
  return (await attendanceWith(principal, id, q, noRead(undefined))).page;
}

/** The roster page with one more read folded into its batch (the 台账 export reads the day's figures with it). */
export async function attendanceWith<T>(
  principal: Principal,
  id: string,
  q: Infer<typeof PageQuery>,
  also: BatchRead<T>,
): Promise<{ page: Page<AttendanceRecord>; also: T }> {
  const day = await moderatorsDay(principal, id);
  const page = await listMemberGrants(day.branchId, q.limit, q.cursor);
  const ids = page.items.map((g) => g.userId);
  // Strongly consistent only with the extra read, which stands for getThemeDay's consistent GetItem.
  const [records, names, extra] = await readTogether([rosterRead(day.id, ids), displayNamesRead(ids), also], { consistent: also.keys.length > 0 });
  return {
    page: {
      items: ids.map((userId) =>
        toAttendanceRecord(records.get(userId) ?? { themeDayId: day.id, userId, startsAt: day.startsAt }, names.get(userId)),
      ),
      nextCursor: page.nextCursor,
    },
    also: extra,
  };
}

export async function correctAttendance(
  principal: Principal,
  id: string,
  userId: string,
  status: AttendanceStatus,
): Promise<AttendanceRecord> {
  const day = await secretaryDay(principal, id);
  if (day.status !== 'published') throw notOpen(day);
  if (!(await hasGrant(userId, { role: 'member', orgId: day.branchId }))) throw new NotFoundError('该党员不在本支部');
  const result = await writeAttendance(day, userId, { status, source: 'manual' });
  if (!result.ok) throw notOpen((await getThemeDay(id)) ?? day);
  return toAttendanceRecord(result.record, (await displayNames([userId])).get(userId));
}

export async function myAttendance(principal: Principal, q: Infer<typeof PageQuery>) {
  const page = await userAttendance(principal.userId, q.limit, q.cursor);
  const days = new Map((await getThemeDays(page.items.map((a) => a.themeDayId))).map((d) => [d.id, d]));
  return {
    items: page.items
      .filter((a) => days.has(a.themeDayId))
      .map((a) => {
        const d = days.get(a.themeDayId)!;
        return { ...toAttendanceRecord(a), themeDay: { id: d.id, title: d.title, startsAt: d.startsAt, status: d.status, branchId: d.branchId } };
      }),
    nextCursor: page.nextCursor,
  };
}

/**
 * The secretary approves or declines a member's leave request (a decision can be changed while the day is open); the
 * member hears of it through the outbox. Only an approved leave counts as leave at the close.
 */
export async function decideLeave(
  principal: Principal,
  id: string,
  userId: string,
  decision: 'approve' | 'decline',
): Promise<AttendanceRecord> {
  const day = await secretaryDay(principal, id);
  if (day.status !== 'published') throw notOpen(day);
  const leaveStatus = decision === 'approve' ? 'approved' : 'declined';
  const result = await writeAttendance(
    day,
    userId,
    { leaveStatus, leaveDecidedBy: principal.userId },
    [],
    { expression: 'rsvp = :leave', values: { ':leave': 'leave' } },
    [leaveMessage(day, userId, leaveStatus)],
  );
  if (!result.ok) {
    if (result.reason === 'day_not_open') throw notOpen((await getThemeDay(id)) ?? day);
    throw new NotFoundError('该党员没有请假申请');
  }
  return toAttendanceRecord(result.record, (await displayNames([userId])).get(userId));
}

function leaveMessage(day: ThemeDayRecord, userId: string, leaveStatus: 'approved' | 'declined') {
  return outboxPut({
    subject: `themeday#${day.id}`,
    template: 'leave_decided',
    data: { thing1: day.title, time2: `${shanghaiDate(day.startsAt)} ${shanghaiTime(day.startsAt)}`, phrase3: leaveStatus === 'approved' ? '已批准' : '未批准' },
    page: 'pages/themeday/index',
    to: { users: [userId] },
  });
}
