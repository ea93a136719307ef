// 群众说事: residents' concerns, routed to a station, tracked to resolution with a promised deadline.
import * as z from 'zod/mini';
import { Id, PhoneNumber } from './common';
import { ModerationOutcome } from './moderation';
import { CONCERN_RULES } from '../rules/concerns';
import { lazy, type Infer } from './lazy';

export const CONCERN_CATEGORIES = ['environment', 'traffic', 'dispute', 'social_security', 'village_affairs', 'other'] as const;
export const ConcernCategory = lazy(() => z.enum(CONCERN_CATEGORIES));
export type ConcernCategory = Infer<typeof ConcernCategory>;

export const CONCERN_STATUSES = ['submitted', 'in_progress', 'resolved', 'closed', 'transferred', 'rejected'] as const;
export const ConcernStatus = lazy(() => z.enum(CONCERN_STATUSES));
export type ConcernStatus = Infer<typeof ConcernStatus>;

// Also here for the mini-program; functions import the rules alone (../rules/concerns).
export { CONCERN_RULES };

const PHOTOS = CONCERN_RULES.photos;
export const PhotoContentType = lazy(() => z.enum(PHOTOS.types, { error: '照片须为 JPG、PNG 或 WebP 格式' }));

/** Photo ids from photo-uploads, already uploaded by the caller: at most `photos.max` at a time. */
export const PhotoIds = lazy(() => z.array(Id()).check(z.maxLength(PHOTOS.max, `最多 ${PHOTOS.max} 张照片`)));

export const PhotoUploadBody = lazy(() => z.strictObject({
  contentType: PhotoContentType(),
  size: z.number().check(
    z.int(),
    z.gte(1, '照片是空的'),
    z.lte(PHOTOS.maxBytes, `照片不能超过 ${PHOTOS.maxBytes / 1024 / 1024} MB`),
  ),
}));

/** A short-lived presigned PUT: send the file's bytes with exactly these headers before `expiresAt`. */
export const PhotoUpload = lazy(() => z.object({
  photoId: Id(),
  uploadUrl: z.string(),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
}));
export type PhotoUpload = Infer<typeof PhotoUpload>;

/** A photo as shown: a short-lived presigned GET, handed out only to those who may see it. */
export const Photo = lazy(() => z.object({ id: Id(), url: z.string() }));
export type Photo = Infer<typeof Photo>;

export const CreateConcernBody = lazy(() => z.strictObject({
  villageId: Id(),
  category: ConcernCategory(),
  title: z.string().check(
    z.trim(),
    z.minLength(1, '标题不能为空'),
    z.maxLength(CONCERN_RULES.titleMax, `标题最多 ${CONCERN_RULES.titleMax} 个字`),
  ),
  content: z.string().check(z.trim(), z.minLength(5, '请至少写 5 个字'), z.maxLength(2000, '内容最多 2000 个字')),
  contactPhone: z.optional(PhoneNumber()),
  photos: z.optional(PhotoIds()),
}));

/** The resident adds information (text and photos) while the concern is open. */
export const ConcernFollowUpBody = lazy(() => z.strictObject({
  note: z.string().check(z.trim(), z.minLength(1, '请填写补充内容'), z.maxLength(1000, '补充内容最多 1000 个字')),
  photos: z.optional(PhotoIds()),
}));

export const TimelineEntry = lazy(() => z.object({
  at: z.string(),
  /** `review_approve` / `review_reject`: township staff decided on content the check wanted a person to see. */
  action: z.enum(['submitted', 'start', 'resolve', 'transfer', 'reject', 'feedback_satisfied', 'feedback_unsatisfied', 'review_approve', 'review_reject', 'follow_up']),
  /** Who, by role and name: 「驻点干部 · 沈局长」 or 「群众」. Never a phone number. */
  by: z.string(),
  note: z.optional(z.string()),
  toStationName: z.optional(z.string()),
  /** The entry's photos, for the resident and the handlers only. */
  photos: z.optional(z.array(Photo())),
}));
export type TimelineEntry = Infer<typeof TimelineEntry>;

export const Concern = lazy(() => z.object({
  id: Id(),
  trackingNo: z.string(),
  villageId: Id(),
  villageName: z.optional(z.string()),
  stationId: Id(),
  stationName: z.optional(z.string()),
  category: ConcernCategory(),
  title: z.string(),
  content: z.string(),
  status: ConcernStatus(),
  /** Content check asked for a person to look at it: routed all the same, marked for the handlers. */
  pendingReview: z.optional(z.boolean()),
  /** The moderation decision on it, once township staff made one. */
  review: z.optional(ModerationOutcome()),
  /** The deadline promised to the resident when it was filed: a transfer never moves it. */
  dueAt: z.string(),
  /** Since a transfer: the receiving station's own deadline (the full time again from the transfer). */
  transferDueAt: z.optional(z.string()),
  /** Open past the deadline of the station holding it (transferDueAt once transferred, else dueAt). */
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Shown to the author and the handling officials only, and only masked. */
  contactPhoneMasked: z.optional(z.string()),
  rejectReason: z.optional(z.string()),
  feedback: z.optional(z.object({ satisfied: z.boolean(), rating: z.number().check(z.int()), comment: z.optional(z.string()), at: z.string() })),
  timeline: z.optional(z.array(TimelineEntry())),
  /** Whether the caller may act as a handler (an official of the station or township staff above it). */
  canHandle: z.optional(z.boolean()),
  /** Whether the caller raised it (and may give feedback once it is resolved). */
  mine: z.optional(z.boolean()),
}));
export type Concern = Infer<typeof Concern>;

export const ConcernTransitionBody = lazy(() => z.strictObject({
  action: z.enum(['start', 'resolve', 'transfer', 'reject']),
  note: z.string().check(z.trim(), z.minLength(1, '请填写处理说明'), z.maxLength(1000, '说明最多 1000 个字')),
  toStationId: z.optional(Id()),
  /** Photos of the result: with `resolve` only. */
  photos: z.optional(PhotoIds()),
}));

export const ConcernFeedbackBody = lazy(() => z.strictObject({
  satisfied: z.boolean(),
  rating: z.number().check(z.int(), z.gte(1, '评分为 1–5'), z.lte(5, '评分为 1–5')),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(500, '最多 500 个字'))),
}));

export const StationConcernsQuery = lazy(() => z.object({
  status: z.optional(ConcernStatus()),
  overdue: z.optional(z.enum(['true', 'false'])),
}));
