// Practices of issue 15: the township overview of 群众说事, the collective dues register (集中交纳党费) and the
// "1+X" political birthday. Month-based reads take `?month=YYYY-MM` (Asia/Shanghai).
import * as z from 'zod/mini';
import { DateString, Id, MonthString } from './common';
import { lazy, type Infer } from './lazy';

export const MonthQuery = lazy(() => z.object({ month: MonthString() }));

// ── 群众说事 township overview ─────────────────────────────────────────────────────────────────────────────────────
export const StationOverview = lazy(() => z.object({
  stationId: Id(),
  stationName: z.string(),
  /** Filed at the station, or transferred to it, in the month. */
  received: z.int(),
  resolved: z.int(),
  /** Concerns whose deadline at this station fell in the month and that were not finished by it (still open, or finished late). */
  overdue: z.int(),
  /** Mean hours from filing to 办结 of the month's resolved concerns; null when none. */
  avgResolveHours: z.nullable(z.number()),
  feedbackCount: z.int(),
  satisfied: z.int(),
  /** satisfied / feedbackCount; null without feedback. */
  satisfactionRate: z.nullable(z.number()),
  avgRating: z.nullable(z.number()),
}));
export const OverdueConcern = lazy(() => z.object({
  id: Id(),
  trackingNo: z.string(),
  title: z.string(),
  stationId: Id(),
  stationName: z.string(),
  /** The deadline of the station holding it. */
  dueAt: z.string(),
  daysOverdue: z.int(),
}));
export const ConcernOverview = lazy(() => z.object({
  orgId: Id(),
  month: MonthString(),
  stations: z.array(StationOverview()),
  total: z.omit(StationOverview(), { stationId: true, stationName: true }),
  /** The longest overdue open concerns of the township (at most 10), oldest deadline first. */
  worstOverdue: z.array(OverdueConcern()),
}));
export type ConcernOverview = Infer<typeof ConcernOverview>;

// ── 集中交纳党费 register ─────────────────────────────────────────────────────────────────────────────────────────
/** Yuan with at most two decimals, stored as fen. */
export const Yuan = lazy(() => z.number().check(
  z.gte(0, '金额不能为负'),
  z.lte(100000, '金额过大'),
  z.refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, '金额最多两位小数'),
));
export const DuesEntry = lazy(() => z.object({
  userId: Id(),
  displayName: z.string(),
  /** What the member declared for the month (元); null until recorded. */
  amount: z.nullable(z.number()),
  paid: z.boolean(),
  paidOn: z.optional(DateString()),
  markedBy: z.optional(z.string()),
}));
export const DuesRegister = lazy(() => z.object({
  branchId: Id(),
  month: MonthString(),
  items: z.array(DuesEntry()),
  expected: z.int(),
  paidCount: z.int(),
  unpaidCount: z.int(),
  totalPaid: z.number(),
}));
export type DuesRegister = Infer<typeof DuesRegister>;
export const MarkDuesBody = lazy(() => z.strictObject({
  amount: Yuan(),
  paid: z.boolean(),
  /** The day it was handed in; today when paid and left out. */
  paidOn: z.optional(DateString()),
}));
export const DuesReminderResult = lazy(() => z.object({ reminded: z.int() }));

// ── "1+X" political birthday ─────────────────────────────────────────────────────────────────────────────────────
export const BIRTHDAY_EXTRAS = ['gift_book', 'talk', 'visit'] as const;
export const BirthdayExtra = lazy(() => z.enum(BIRTHDAY_EXTRAS));
export const BIRTHDAY_EXTRA_LABELS: Record<Infer<typeof BirthdayExtra>, string> = { gift_book: '赠送书籍', talk: '谈心谈话', visit: '走访慰问' };
/** A year in a path: digits, read as a number. */
export const BirthdayYear = lazy(() => z.string().check(z.regex(/^(19|20)\d{2}$/, '年份格式应为 YYYY')));
export const CelebrateBody = lazy(() => z.strictObject({
  /** The "1": re-taking the oath before the flag (重温入党誓词). Required: without it, it is not a 1+X. */
  oath: z.literal(true, { message: '须完成重温入党誓词' }),
  extras: z.array(BirthdayExtra()).check(z.maxLength(3), z.refine((a) => new Set(a).size === a.length, '选项重复')),
  note: z.optional(z.string().check(z.trim(), z.maxLength(200))),
}));
export const Celebration = lazy(() => z.object({
  userId: Id(),
  branchId: Id(),
  year: z.int(),
  oath: z.boolean(),
  extras: z.array(BirthdayExtra()),
  note: z.optional(z.string()),
  celebratedAt: z.string(),
}));
export const BirthdayCard = lazy(() => z.object({
  userId: Id(),
  displayName: z.string(),
  branchName: z.string(),
  joinedPartyOn: DateString(),
  year: z.int(),
  years: z.int(),
  celebration: z.nullable(Celebration()),
}));
