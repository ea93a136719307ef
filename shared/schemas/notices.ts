// 党务公开 notices, township guidance, the case library and the three assessments.
import * as z from 'zod/mini';
import { DateString, DateTimeString, Id, MonthString, OrgType } from './common';
import { IdeaCategory } from './themeday';
import { lazy, type Infer } from './lazy';

export const NOTICE_CATEGORIES = ['party', 'village', 'finance', 'other'] as const;
export const NoticeCategory = lazy(() => z.enum(NOTICE_CATEGORIES));

const Title = lazy(() => z.string().check(z.trim(), z.minLength(1, '标题不能为空'), z.maxLength(60, '标题最多 60 个字')));
const Body = lazy(() => z.string().check(z.trim(), z.minLength(1, '正文不能为空'), z.maxLength(10_000, '正文最多 10000 个字')));

export const CreateNoticeBody = lazy(() => z.strictObject({
  title: Title(),
  body: Body(),
  category: NoticeCategory(),
  pinned: z.optional(z.boolean()),
  expiresAt: z.optional(DateTimeString()),
}));

export const UpdateNoticeBody = lazy(() => z.strictObject({
  title: z.optional(Title()),
  body: z.optional(Body()),
  category: z.optional(NoticeCategory()),
  pinned: z.optional(z.boolean()),
  expiresAt: z.optional(z.nullable(DateTimeString())),
}));

export const Notice = lazy(() => z.object({
  id: Id(),
  orgId: Id(),
  orgName: z.optional(z.string()),
  title: z.string(),
  body: z.string(),
  category: NoticeCategory(),
  pinned: z.boolean(),
  expiresAt: z.optional(z.string()),
  publishedAt: z.string(),
  updatedAt: z.string(),
  authorName: z.optional(z.string()),
}));
export type Notice = Infer<typeof Notice>;

export const GuidanceBody = lazy(() => z.strictObject({
  comment: z.string().check(z.trim(), z.minLength(1, '指导意见不能为空'), z.maxLength(1000, '指导意见最多 1000 个字')),
  rating: z.number().check(z.int(), z.gte(1, '评分为 1–5'), z.lte(5, '评分为 1–5')),
}));
export const Guidance = lazy(() => z.object({
  id: Id(),
  themeDayId: Id(),
  comment: z.string(),
  rating: z.number().check(z.int()),
  byName: z.string(),
  createdAt: z.string(),
}));
export type Guidance = Infer<typeof Guidance>;

/** 经常性、随机式、蹲点式调研督查: guidance visits not tied to a theme day. */
export const GUIDANCE_KINDS = ['regular', 'random', 'stationed'] as const;
export const GuidanceKind = lazy(() => z.enum(GUIDANCE_KINDS));
export type GuidanceKind = Infer<typeof GuidanceKind>;

export const BranchVisitBody = lazy(() => z.extend(GuidanceBody(), { kind: GuidanceKind(), visitedOn: DateString() }));
export const BranchVisit = lazy(() => z.object({
  id: Id(),
  branchId: Id(),
  kind: GuidanceKind(),
  visitedOn: DateString(),
  comment: z.string(),
  rating: z.number().check(z.int()),
  byName: z.string(),
  createdAt: z.string(),
}));
export type BranchVisit = Infer<typeof BranchVisit>;

export const ExemplaryResult = lazy(() => z.object({ themeDayId: Id(), exemplary: z.literal(true), category: IdeaCategory() }));

export const CaseSummary = lazy(() => z.object({
  themeDayId: Id(),
  branchId: Id(),
  branchName: z.string(),
  title: z.string(),
  category: IdeaCategory(),
  startsAt: z.string(),
  summary: z.optional(z.string()),
  markedAt: z.string(),
}));
export type CaseSummary = Infer<typeof CaseSummary>;

export const AssessmentQuery = lazy(() => z.object({ month: z.optional(MonthString()), year: z.optional(z.string().check(
  z.regex(/^\d{4}$/, '年份格式应为 YYYY'),
)) }).check(
  z.refine((q) => Boolean(q.month) !== Boolean(q.year), { message: '请指定 month 或 year 之一', path: ['month'] }),
));

/** The three assessments for one org (a branch, or an org whose figures sum its branches). */
export const AssessmentFigures = lazy(() => z.object({
  expected: z.number().check(z.int()),
  present: z.number().check(z.int()),
  leave: z.number().check(z.int()),
  online: z.number().check(z.int()),
  /** present ÷ expected over closed days, 0–1; leave and online shown apart, never counted as present. */
  attendanceRate: z.nullable(z.number()),
  themeDaysHeld: z.number().check(z.int()),
  /** Months with at least one day held, per branch (a township sums its branches'): 每月开展. */
  monthsHeld: z.number().check(z.int()),
  /** Days whose preview went out on time (not 预告不及时). */
  previewsOnTime: z.number().check(z.int()),
  /** Days with a 百例-style summary written in time (THEMEDAY_RULES.summaryWithinDays, summaryMinChars). */
  summariesOnTime: z.number().check(z.int()),
  /** Guidance visits (乡镇指导): one per official and day, or a visit recorded against a branch. */
  guidanceCount: z.number().check(z.int()),
  guidanceRatingSum: z.number().check(z.int()),
  /** The visits' average 1–5 rating, one decimal; null without visits. */
  guidanceAverage: z.nullable(z.number()),
}));

export const AssessmentRow = lazy(() => z.extend(AssessmentFigures(), {
  /** The branch (for a township, village or branch) or the child org (for a county or the city) the row sums. */
  branchId: Id(),
  orgId: Id(),
  name: z.string(),
  type: OrgType(),
}));

export const Assessment = lazy(() => z.object({
  orgId: Id(),
  period: z.string(),
  /** The period's months so far (1 for a month, up to 12 for a year): a branch's monthsHeld is out of this. */
  monthsInPeriod: z.number().check(z.int()),
  rows: z.array(AssessmentRow()),
  totals: AssessmentFigures(),
}));
export type Assessment = Infer<typeof Assessment>;
