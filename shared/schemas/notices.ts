// 党务公开 notices, township guidance, the case library and the three assessments.
import * as z from 'zod';
import { DateString, DateTimeString, Id, MonthString, OrgType } from './common';
import { IdeaCategory } from './themeday';

export const NOTICE_CATEGORIES = ['party', 'village', 'finance', 'other'] as const;
export const NoticeCategory = z.enum(NOTICE_CATEGORIES);

const Title = z.string().trim().min(1, '标题不能为空').max(60, '标题最多 60 个字');
const Body = z.string().trim().min(1, '正文不能为空').max(10_000, '正文最多 10000 个字');

export const CreateNoticeBody = z.strictObject({
  title: Title,
  body: Body,
  category: NoticeCategory,
  pinned: z.boolean().optional(),
  expiresAt: DateTimeString.optional(),
});

export const UpdateNoticeBody = z.strictObject({
  title: Title.optional(),
  body: Body.optional(),
  category: NoticeCategory.optional(),
  pinned: z.boolean().optional(),
  expiresAt: DateTimeString.nullable().optional(),
});

export const Notice = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string().optional(),
  title: z.string(),
  body: z.string(),
  category: NoticeCategory,
  pinned: z.boolean(),
  expiresAt: z.string().optional(),
  publishedAt: z.string(),
  updatedAt: z.string(),
  authorName: z.string().optional(),
});
export type Notice = z.infer<typeof Notice>;

export const GuidanceBody = z.strictObject({
  comment: z.string().trim().min(1, '指导意见不能为空').max(1000, '指导意见最多 1000 个字'),
  rating: z.number().int().min(1, '评分为 1–5').max(5, '评分为 1–5'),
});
export const Guidance = z.object({
  id: Id,
  themeDayId: Id,
  comment: z.string(),
  rating: z.number().int(),
  byName: z.string(),
  createdAt: z.string(),
});
export type Guidance = z.infer<typeof Guidance>;

/** 经常性、随机式、蹲点式调研督查: guidance visits not tied to a theme day. */
export const GUIDANCE_KINDS = ['regular', 'random', 'stationed'] as const;
export const GuidanceKind = z.enum(GUIDANCE_KINDS);
export type GuidanceKind = z.infer<typeof GuidanceKind>;

export const BranchVisitBody = GuidanceBody.extend({ kind: GuidanceKind, visitedOn: DateString });
export const BranchVisit = z.object({
  id: Id,
  branchId: Id,
  kind: GuidanceKind,
  visitedOn: DateString,
  comment: z.string(),
  rating: z.number().int(),
  byName: z.string(),
  createdAt: z.string(),
});
export type BranchVisit = z.infer<typeof BranchVisit>;

export const ExemplaryResult = z.object({ themeDayId: Id, exemplary: z.literal(true), category: IdeaCategory });

export const CaseSummary = z.object({
  themeDayId: Id,
  branchId: Id,
  branchName: z.string(),
  title: z.string(),
  category: IdeaCategory,
  startsAt: z.string(),
  summary: z.string().optional(),
  markedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const AssessmentQuery = z
  .object({ month: MonthString.optional(), year: z.string().regex(/^\d{4}$/, '年份格式应为 YYYY').optional() })
  .refine((q) => Boolean(q.month) !== Boolean(q.year), { message: '请指定 month 或 year 之一', path: ['month'] });

/** The three assessments for one org (a branch, or an org whose figures sum its branches). */
export const AssessmentFigures = z.object({
  expected: z.number().int(),
  present: z.number().int(),
  leave: z.number().int(),
  online: z.number().int(),
  /** present ÷ expected over closed days, 0–1; leave and online shown apart, never counted as present. */
  attendanceRate: z.number().nullable(),
  themeDaysHeld: z.number().int(),
  /** Months with at least one day held, per branch (a township sums its branches'): 每月开展. */
  monthsHeld: z.number().int(),
  /** Days whose preview went out on time (not 预告不及时). */
  previewsOnTime: z.number().int(),
  /** Days with a 百例-style summary written in time (THEMEDAY_RULES.summaryWithinDays, summaryMinChars). */
  summariesOnTime: z.number().int(),
  /** Guidance visits (乡镇指导): one per official and day, or a visit recorded against a branch. */
  guidanceCount: z.number().int(),
  guidanceRatingSum: z.number().int(),
  /** The visits' average 1–5 rating, one decimal; null without visits. */
  guidanceAverage: z.number().nullable(),
});

export const AssessmentRow = AssessmentFigures.extend({
  /** The branch (for a township, village or branch) or the child org (for a county or the city) the row sums. */
  branchId: Id,
  orgId: Id,
  name: z.string(),
  type: OrgType,
});

export const Assessment = z.object({
  orgId: Id,
  period: z.string(),
  /** The period's months so far (1 for a month, up to 12 for a year): a branch's monthsHeld is out of this. */
  monthsInPeriod: z.number().int(),
  rows: z.array(AssessmentRow),
  totals: AssessmentFigures,
});
export type Assessment = z.infer<typeof Assessment>;
