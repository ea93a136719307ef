// Theme day (主题党日) and attendance entities. A day's attendance records live in the day's partition (one Query
// for the roster) and on the member's own index (their history). `attVersion` on the day counts attendance
// changes, so closing can freeze figures that no concurrent check-in has moved.
import type { AttendanceStats, IdeaCategory } from '@shared/schemas/themeday';
import { queueKeys, reflectionItemId, type ModerationReview } from '../moderation/moderation.entity';

export type ThemeDayStatus = 'draft' | 'published' | 'cancelled' | 'closed';
export type AttendanceStatus = 'present' | 'absent' | 'leave' | 'online';

export interface ThemeDayRecord {
  id: string;
  branchId: string;
  path: string[];
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  agenda: string[];
  ideaIds: string[];
  onlineParticipation: boolean;
  category: IdeaCategory;
  /** Marked by township staff for the case library (百例). */
  exemplary?: boolean;
  status: ThemeDayStatus;
  publishedAt?: string;
  lateNotice?: boolean;
  cancelReason?: string;
  summary?: string;
  stats?: AttendanceStats;
  attVersion: number;
  createdBy: string;
  createdAt: string;
}

export interface AttendanceItem {
  themeDayId: string;
  userId: string;
  startsAt: string;
  rsvp?: 'attending' | 'leave';
  reason?: string;
  status?: AttendanceStatus;
  checkedInAt?: string;
  source?: 'scan' | 'manual' | 'online' | 'close';
}

/** A member's reflection (心得) on a day: one per member, a resubmission replaces it. */
export interface ReflectionRecord {
  themeDayId: string;
  userId: string;
  /** The day's branch and its path, for moderation. */
  branchId?: string;
  path?: string[];
  content: string;
  reviewStatus: 'published' | 'pending_review' | 'rejected';
  /** Set while it waits in the moderation queue. */
  queuedAt?: string;
  review?: ModerationReview;
  submittedAt: string;
}

export const themeDayKeys = {
  day: (id: string) => ({ pk: `THEMEDAY#${id}`, sk: 'THEMEDAY' }),
  branchDays: (branchId: string) => `BRANCH#${branchId}#THEMEDAYS`,
  attendance: (dayId: string, userId: string) => ({ pk: `THEMEDAY#${dayId}`, sk: `ATT#${userId}` }),
  userAttendance: (userId: string) => `USER#${userId}#ATTENDANCE`,
  code: (dayId: string, code: string) => ({ pk: `THEMEDAY#${dayId}`, sk: `CODE#${code}` }),
  reflection: (dayId: string, userId: string) => ({ pk: `THEMEDAY#${dayId}`, sk: `REFLECTION#${userId}` }),
};

export function themeDayItem(r: ThemeDayRecord): Record<string, unknown> {
  return {
    ...themeDayKeys.day(r.id),
    gsi1pk: themeDayKeys.branchDays(r.branchId),
    gsi1sk: `${r.startsAt}#${r.id}`,
    entity: 'themeday',
    ...r,
  };
}

/** The index keys an attendance item carries, written with every update so the member's history finds it. */
export function attendanceIndexKeys(userId: string, startsAt: string, dayId: string): Record<string, string> {
  return { gsi1pk: themeDayKeys.userAttendance(userId), gsi1sk: `${startsAt}#${dayId}` };
}

export const toThemeDayRecord = (item: Record<string, unknown>): ThemeDayRecord => {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, entity: _e, ...rest } = item;
  return { attVersion: 0, ideaIds: [], category: 'other', ...rest } as unknown as ThemeDayRecord;
};

export const toAttendanceItem = (item: Record<string, unknown>): AttendanceItem => ({
  themeDayId: item.themeDayId as string,
  userId: item.userId as string,
  startsAt: item.startsAt as string,
  ...(item.rsvp ? { rsvp: item.rsvp as AttendanceItem['rsvp'] } : {}),
  ...(item.reason ? { reason: item.reason as string } : {}),
  ...(item.status ? { status: item.status as AttendanceStatus } : {}),
  ...(item.checkedInAt ? { checkedInAt: item.checkedInAt as string } : {}),
  ...(item.source ? { source: item.source as AttendanceItem['source'] } : {}),
});

/** A pending reflection is in its township's moderation queue (see moderation.entity). */
export function reflectionItem(r: ReflectionRecord): Record<string, unknown> {
  return {
    ...themeDayKeys.reflection(r.themeDayId, r.userId),
    ...(r.queuedAt && r.path ? queueKeys(r.path, r.queuedAt, 'reflection', reflectionItemId(r.themeDayId, r.userId)) : {}),
    entity: 'reflection',
    ...r,
  };
}

export const toReflectionRecord = (item: Record<string, unknown>): ReflectionRecord => ({
  themeDayId: item.themeDayId as string,
  userId: item.userId as string,
  ...(item.branchId ? { branchId: item.branchId as string } : {}),
  ...(item.path ? { path: item.path as string[] } : {}),
  content: item.content as string,
  reviewStatus: item.reviewStatus as ReflectionRecord['reviewStatus'],
  ...(item.queuedAt ? { queuedAt: item.queuedAt as string } : {}),
  ...(item.review ? { review: item.review as ModerationReview } : {}),
  submittedAt: item.submittedAt as string,
});
