// 群众说事: residents' concerns, routed to a station, tracked to resolution with a promised deadline.
import * as z from 'zod';
import { Id, PhoneNumber } from './common';
import { ModerationOutcome } from './moderation';
import { CONCERN_RULES } from '../rules/concerns';

export const CONCERN_CATEGORIES = ['environment', 'traffic', 'dispute', 'social_security', 'village_affairs', 'other'] as const;
export const ConcernCategory = z.enum(CONCERN_CATEGORIES);
export type ConcernCategory = z.infer<typeof ConcernCategory>;

export const CONCERN_STATUSES = ['submitted', 'in_progress', 'resolved', 'closed', 'transferred', 'rejected'] as const;
export const ConcernStatus = z.enum(CONCERN_STATUSES);
export type ConcernStatus = z.infer<typeof ConcernStatus>;

// Also here for the mini-program; functions import the rules alone (../rules/concerns).
export { CONCERN_RULES };

const PHOTOS = CONCERN_RULES.photos;
export const PhotoContentType = z.enum(PHOTOS.types, { error: '照片须为 JPG、PNG 或 WebP 格式' });

/** Photo ids from photo-uploads, already uploaded by the caller: at most `photos.max` at a time. */
export const PhotoIds = z.array(Id).max(PHOTOS.max, `最多 ${PHOTOS.max} 张照片`);

export const PhotoUploadBody = z.strictObject({
  contentType: PhotoContentType,
  size: z.number().int().min(1, '照片是空的').max(PHOTOS.maxBytes, `照片不能超过 ${PHOTOS.maxBytes / 1024 / 1024} MB`),
});

/** A short-lived presigned PUT: send the file's bytes with exactly these headers before `expiresAt`. */
export const PhotoUpload = z.object({
  photoId: Id,
  uploadUrl: z.string(),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
export type PhotoUpload = z.infer<typeof PhotoUpload>;

/** A photo as shown: a short-lived presigned GET, handed out only to those who may see it. */
export const Photo = z.object({ id: Id, url: z.string() });
export type Photo = z.infer<typeof Photo>;

export const CreateConcernBody = z.strictObject({
  villageId: Id,
  category: ConcernCategory,
  title: z.string().trim().min(1, '标题不能为空').max(CONCERN_RULES.titleMax, `标题最多 ${CONCERN_RULES.titleMax} 个字`),
  content: z.string().trim().min(5, '请至少写 5 个字').max(2000, '内容最多 2000 个字'),
  contactPhone: PhoneNumber.optional(),
  photos: PhotoIds.optional(),
});

/** The resident adds information (text and photos) while the concern is open. */
export const ConcernFollowUpBody = z.strictObject({
  note: z.string().trim().min(1, '请填写补充内容').max(1000, '补充内容最多 1000 个字'),
  photos: PhotoIds.optional(),
});

export const TimelineEntry = z.object({
  at: z.string(),
  /** `review_approve` / `review_reject`: township staff decided on content the check wanted a person to see. */
  action: z.enum(['submitted', 'start', 'resolve', 'transfer', 'reject', 'feedback_satisfied', 'feedback_unsatisfied', 'review_approve', 'review_reject', 'follow_up']),
  /** Who, by role and name: 「驻点干部 · 沈局长」 or 「群众」. Never a phone number. */
  by: z.string(),
  note: z.string().optional(),
  toStationName: z.string().optional(),
  /** The entry's photos, for the resident and the handlers only. */
  photos: z.array(Photo).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Concern = z.object({
  id: Id,
  trackingNo: z.string(),
  villageId: Id,
  villageName: z.string().optional(),
  stationId: Id,
  stationName: z.string().optional(),
  category: ConcernCategory,
  title: z.string(),
  content: z.string(),
  status: ConcernStatus,
  /** Content check asked for a person to look at it: routed all the same, marked for the handlers. */
  pendingReview: z.boolean().optional(),
  /** The moderation decision on it, once township staff made one. */
  review: ModerationOutcome.optional(),
  /** The deadline promised to the resident when it was filed: a transfer never moves it. */
  dueAt: z.string(),
  /** Since a transfer: the receiving station's own deadline (the full time again from the transfer). */
  transferDueAt: z.string().optional(),
  /** Open past the deadline of the station holding it (transferDueAt once transferred, else dueAt). */
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Shown to the author and the handling officials only, and only masked. */
  contactPhoneMasked: z.string().optional(),
  rejectReason: z.string().optional(),
  feedback: z.object({ satisfied: z.boolean(), rating: z.number().int(), comment: z.string().optional(), at: z.string() }).optional(),
  timeline: z.array(TimelineEntry).optional(),
  /** Whether the caller may act as a handler (an official of the station or township staff above it). */
  canHandle: z.boolean().optional(),
  /** Whether the caller raised it (and may give feedback once it is resolved). */
  mine: z.boolean().optional(),
});
export type Concern = z.infer<typeof Concern>;

export const ConcernTransitionBody = z.strictObject({
  action: z.enum(['start', 'resolve', 'transfer', 'reject']),
  note: z.string().trim().min(1, '请填写处理说明').max(1000, '说明最多 1000 个字'),
  toStationId: Id.optional(),
  /** Photos of the result: with `resolve` only. */
  photos: PhotoIds.optional(),
});

export const ConcernFeedbackBody = z.strictObject({
  satisfied: z.boolean(),
  rating: z.number().int().min(1, '评分为 1–5').max(5, '评分为 1–5'),
  comment: z.string().trim().max(500, '最多 500 个字').optional(),
});

export const StationConcernsQuery = z.object({
  status: ConcernStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
