// Records as the API shows them.
import type { AttendanceRecord, OnlineParticipation, ThemeDay } from '@shared/schemas/themeday';
import { toOutcome } from '../moderation/moderation.entity';
import type { AttendanceItem, ReflectionRecord, ThemeDayRecord } from './themeday.entity';

export function toAttendanceRecord(a: AttendanceItem, displayName?: string): AttendanceRecord {
  return {
    themeDayId: a.themeDayId,
    userId: a.userId,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(a.rsvp ? { rsvp: a.rsvp } : {}),
    ...(a.reason ? { reason: a.reason } : {}),
    ...(a.rsvp === 'leave' ? { leaveStatus: a.leaveStatus ?? 'requested' } : {}),
    ...(a.status ? { status: a.status } : {}),
    ...(a.checkedInAt ? { checkedInAt: a.checkedInAt } : {}),
    ...(a.source ? { source: a.source } : {}),
  };
}

export function toParticipation(r: ReflectionRecord): OnlineParticipation {
  return {
    themeDayId: r.themeDayId,
    userId: r.userId,
    content: r.content,
    reviewStatus: r.reviewStatus,
    ...(r.review ? { review: toOutcome(r.review) } : {}),
    submittedAt: r.submittedAt,
  };
}

export function toThemeDay(r: ThemeDayRecord, extra: Partial<ThemeDay> = {}): ThemeDay {
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
