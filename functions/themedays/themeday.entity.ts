// Theme day (主题党日) and attendance entities. A day's attendance records live in the day's partition (one Query
// for the roster) and on the member's own index (their history). `attVersion` on the day counts attendance
// changes, so closing can freeze figures that no concurrent check-in has moved.
import type { AttendanceStats, IdeaCategory } from '@shared/schemas/themeday';
import { recordOf, type Item } from '../core/item';
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
  closedAt?: string;
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
  /** A leave request's decision; a record from before approvals (no field) waits like a new one. */
  leaveStatus?: 'requested' | 'approved' | 'declined';
  leaveDecidedBy?: string;
  status?: AttendanceStatus;
  checkedInAt?: string;
  source?: 'scan' | 'manual' | 'online' | 'close';
}

export interface CheckInCodeRecord {
  expiresAt: string;
  createdBy: string;
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

const DAY_PK = (id: string) => `THEMEDAY#${id}`;

export const themeDayKeys = {
  /** The day's partition: the day, its attendance, codes, reflections, guidance and case entry. */
  partition: DAY_PK,
  day: (id: string) => ({ pk: DAY_PK(id), sk: 'THEMEDAY' }),
  branchDays: (branchId: string) => `BRANCH#${branchId}#THEMEDAYS`,
  attendance: (dayId: string, userId: string) => ({ pk: DAY_PK(dayId), sk: `ATT#${userId}` }),
  /** Sort-key prefix of a day's attendance records (its roster is one Query). */
  attendancePrefix: 'ATT#',
  userAttendance: (userId: string) => `USER#${userId}#ATTENDANCE`,
  code: (dayId: string, code: string) => ({ pk: DAY_PK(dayId), sk: `CODE#${code}` }),
  reflection: (dayId: string, userId: string) => ({ pk: DAY_PK(dayId), sk: `REFLECTION#${userId}` }),
  /** Marks a month in which the branch held (closed) a day: the assessment's 每月开展 counts each month once. */
  heldMonth: (branchId: string, month: string) => ({ pk: `BRANCH#${branchId}#HELD`, sk: month }),
};

export function themeDayItem(r: ThemeDayRecord): Item {
  return {
    ...themeDayKeys.day(r.id),
    gsi1pk: themeDayKeys.branchDays(r.branchId),
    gsi1sk: `${r.startsAt}#${r.id}`,
    entity: 'themeday',
    ...r,
  };
}

/**
 * What every write of an attendance record sets besides its own fields: who and which day, and the index keys of the
 * member's history, so a record created by any write (RSVP, check-in, correction, closing) is found there.
 */
export function attendanceBase(day: Pick<ThemeDayRecord, 'id' | 'startsAt'>, userId: string): Item {
  return {
    gsi1pk: themeDayKeys.userAttendance(userId),
    gsi1sk: `${day.startsAt}#${day.id}`,
    entity: 'attendance',
    themeDayId: day.id,
    userId,
    startsAt: day.startsAt,
  };
}

/** A check-in code; removed by TTL an hour after it expires. */
export function checkInCodeItem(dayId: string, code: string, expiresAt: string, createdBy: string): Item {
  return {
    ...themeDayKeys.code(dayId, code),
    entity: 'checkin_code',
    expiresAt,
    createdBy,
    ttl: Math.floor(Date.parse(expiresAt) / 1000) + 3600,
  };
}

/**
 * Whether a day was ever announced. Only such a day is public (also once cancelled or closed); a draft cancelled
 * before publishing never is. Every read outside the branch checks this, not the status.
 */
export const wasPublished = (d: Pick<ThemeDayRecord, 'publishedAt'>): boolean => Boolean(d.publishedAt);

/** Who reads a day beyond the public: `drafts` adds live drafts, `all` also drafts withdrawn before publishing. */
export type DayReach = 'public' | 'drafts' | 'all';

export const toThemeDayRecord = (item: Item): ThemeDayRecord => recordOf<ThemeDayRecord>(item, { attVersion: 0, ideaIds: [], category: 'other' });

export const toAttendanceItem = (item: Item): AttendanceItem => recordOf<AttendanceItem>(item);

export const toCheckInCode = (item: Item): CheckInCodeRecord => recordOf<CheckInCodeRecord>(item);

/** A pending reflection is in its township's moderation queue (see moderation.entity). */
export function reflectionItem(r: ReflectionRecord): Item {
  return {
    ...themeDayKeys.reflection(r.themeDayId, r.userId),
    ...(r.queuedAt && r.path ? queueKeys(r.path, r.queuedAt, 'reflection', reflectionItemId(r.themeDayId, r.userId)) : {}),
    entity: 'reflection',
    ...r,
  };
}

export const toReflectionRecord = (item: Item): ReflectionRecord => recordOf<ReflectionRecord>(item);
