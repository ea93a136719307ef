// Online participation (线上参与): a member's reflection counts as "online" unless they were there in person, and
// its moderation when the content check asks for a person.
import { ROLE_SETS } from '@shared/roles';
import { onlineWindowEnd, THEMEDAY_RULES } from '@shared/rules/themeday';
import { type OnlineParticipation } from '@shared/schemas/themeday';
import type { ModerationDecisionBody, ModerationOutcome } from '@shared/schemas/moderation';
import { AlreadyModeratedError, ConflictError, ContentRejectedError, InvalidStateError, NotFoundError } from '../core/errors';
import { requireVisible, type Principal } from '../core/policy';
import { retrying, transactWrite, TRY_AGAIN, type TransactItems } from '../core/transact';
import { aggregateUpdates } from '../assessments/aggregates';
import { requireBranch } from '../orgs/branches';
import { spendQuota } from '../quotas/quota';
import { contentChecker } from '../content/content-check';
import { parseReflectionId, reviewOf, toOutcome } from '../moderation/moderation.entity';
import { memberDay, notOpen } from './access';
import { closedDayOnline, getAttendance, writeAttendance } from './attendance.repository';
import { getReflection, reflectionDecision, reflectionPut } from './reflections.repository';
import type { AttendanceStatus, ReflectionRecord, ThemeDayRecord } from './themeday.entity';
import { getThemeDay } from './themedays.repository';
import { toParticipation } from './views';

const { onlineWindowDays } = THEMEDAY_RULES;
const PRESENT = { ':present': 'present' };

export async function participateOnline(principal: Principal, id: string, content: string): Promise<OnlineParticipation> {
  const day = await memberDay(principal, id);
  if (!day.onlineParticipation) throw new InvalidStateError('本次主题党日未开放线上参与');
  // Closing does not cut the window: 补课 stays open for the days after the end either way.
  if (day.status !== 'published' && day.status !== 'closed') throw notOpen(day);
  const now = Date.now();
  if (now < Date.parse(day.startsAt)) throw new InvalidStateError('活动开始后才能提交心得');
  if (now > Date.parse(onlineWindowEnd(day.endsAt))) {
    throw new InvalidStateError(`已超过活动结束后 ${onlineWindowDays} 天，不能再提交心得`);
  }
  await spendQuota(principal.userId, 'reflection');
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
  return retrying(
    async () => {
      const current = await getAttendance(day.id, principal.userId);
      if ((await getThemeDay(id))?.status === 'closed') {
        return (await onlineAfterClose(day, principal.userId, current?.status, reflection)) ? toParticipation(record) : TRY_AGAIN;
      }
      const result =
        current?.status === 'present'
          ? await writeAttendance(day, principal.userId, {}, [], { expression: '#status = :present', values: PRESENT }, [reflection])
          : await writeAttendance(
              day,
              principal.userId,
              { status: 'online', source: 'online' },
              [],
              { expression: 'attribute_not_exists(#status) OR #status <> :present', values: PRESENT },
              [reflection],
            );
      if (result.ok) return toParticipation(record);
      if (result.reason === 'day_not_open') {
        const now = (await getThemeDay(id)) ?? day;
        if (now.status !== 'closed') throw notOpen(now);
      }
      return TRY_AGAIN;
    },
    () => new ConflictError('提交冲突，请重试'),
  );
}

/**
 * After the close the on-site figures stay frozen: an absent member (or one on leave) who hands in a reflection moves
 * to online, in the day's figures and the assessment. A member who joined after the start was never expected: their
 * reflection is kept but not counted, as the frozen roster does not know them.
 */
async function onlineAfterClose(day: ThemeDayRecord, userId: string, from: AttendanceStatus | undefined, reflection: TransactItems[number]) {
  const delta = from === 'absent' ? { online: 1 } : from === 'leave' ? { online: 1, leave: -1 } : {};
  const figures = Object.values(delta).length ? aggregateUpdates(await requireBranch(day.branchId), day.startsAt, delta) : [];
  return closedDayOnline(day, userId, from, [reflection, ...figures]);
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
  requireVisible(principal, ROLE_SETS.branchModerators, day.path);
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
  if (!(await transactWrite([decision])).committed) throw new AlreadyModeratedError();
  return toOutcome(review);
}
