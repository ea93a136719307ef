// 主题党日: ideas (创意征集), theme days (预告公示), attendance, online participation, political birthdays.
import * as z from 'zod/mini';
import { THEMEDAY_RULES } from '../rules/themeday';
import { DateString, DateTimeString, Id, LimitedText, MonthString, RangeQuery } from './common';
import { ModerationOutcome } from './moderation';
import { lazy, type Infer } from './lazy';

// Also here for the mini-program; functions import the rules alone (../rules/themeday).
export { THEMEDAY_RULES };

export const IDEA_CATEGORIES = ['political_birthday', 'oath', 'dues', 'study', 'volunteer', 'visit', 'other'] as const;
export const IdeaCategory = lazy(() => z.enum(IDEA_CATEGORIES));
export type IdeaCategory = Infer<typeof IdeaCategory>;

/** open → (answer) evaluating | accepted | declined; moderation can make any of them pending_review or hidden. */
export const IDEA_STATUSES = ['open', 'pending_review', 'hidden', 'evaluating', 'accepted', 'declined'] as const;
export const IdeaStatus = lazy(() => z.enum(IDEA_STATUSES));
export type IdeaStatus = Infer<typeof IdeaStatus>;

export const AnswerStatus = lazy(() => z.enum(['evaluating', 'accepted', 'declined']));

const Text = LimitedText;

export const CreateIdeaBody = lazy(() => z.strictObject({
  title: Text(1, 40, '标题'),
  content: Text(1, 1000, '内容'),
  category: IdeaCategory(),
}));

export type CreateIdeaBody = Infer<typeof CreateIdeaBody>;
export const IdeaAnswer = lazy(() => z.object({
  status: AnswerStatus(),
  reply: z.string(),
  answeredAt: z.string(),
}));

export const Idea = lazy(() => z.object({
  id: Id(),
  branchId: Id(),
  authorId: Id(),
  authorName: z.string(),
  title: z.string(),
  content: z.string(),
  category: IdeaCategory(),
  status: IdeaStatus(),
  supportCount: z.number().check(z.int()),
  supportedByMe: z.boolean(),
  reportedByMe: z.optional(z.boolean()),
  answer: z.optional(IdeaAnswer()),
  /** The last moderation decision (审核结果), shown to the author with its reason. */
  review: z.optional(ModerationOutcome()),
  createdAt: z.string(),
}));
export type Idea = Infer<typeof Idea>;

export const ListIdeasQuery = lazy(() => z.object({
  sort: z._default(z.enum(['new', 'hot']), 'new'),
  status: z.optional(IdeaStatus()),
}));

export const SupportResult = lazy(() => z.object({ supportCount: z.number().check(z.int()), supportedByMe: z.boolean() }));

export type SupportResult = Infer<typeof SupportResult>;
export const AnswerIdeaBody = lazy(() => z.strictObject({ status: AnswerStatus(), reply: Text(1, 500, '回复') }));

export const ReportIdeaBody = lazy(() => z.strictObject({ reason: z.enum(['spam', 'offensive', 'off_topic']) }));
export const ReportResult = lazy(() => z.object({ reported: z.literal(true) }));

export const THEME_DAY_STATUSES = ['draft', 'published', 'cancelled', 'closed'] as const;
export const ThemeDayStatus = lazy(() => z.enum(THEME_DAY_STATUSES));

export const AttendanceStats = lazy(() => z.object({
  expected: z.number().check(z.int()),
  present: z.number().check(z.int()),
  leave: z.number().check(z.int()),
  online: z.number().check(z.int()),
  absent: z.number().check(z.int()),
  /** present ÷ expected, 0–1, four decimals. Leave and online are shown apart and never count as present. */
  attendanceRate: z.number(),
}));
export type AttendanceStats = Infer<typeof AttendanceStats>;

export const CreateThemeDayBody = lazy(() => z.strictObject({
  title: Text(1, 60, '主题'),
  startsAt: DateTimeString(),
  endsAt: DateTimeString(),
  location: Text(1, 100, '地点'),
  agenda: z.array(Text(1, 100, '议程')).check(z.minLength(1, '至少一项议程'), z.maxLength(20, '议程最多 20 项')),
  ideaIds: z.optional(z.array(Id()).check(z.maxLength(20))),
  onlineParticipation: z.boolean(),
  /** What kind of theme day it is (the case library groups by it); defaults to 其他. */
  category: z.optional(IdeaCategory()),
}));

export const RSVP_RESPONSES = ['attending', 'leave'] as const;
export const RsvpBody = lazy(() => z.strictObject({ response: z.enum(RSVP_RESPONSES), reason: z.optional(Text(1, 200, '请假理由')) }).check(
  z.refine((b) => b.response !== 'leave' || !!b.reason, { message: '请假需填写理由', path: ['reason'] }),
));

export type RsvpBody = Infer<typeof RsvpBody>;
export const ATTENDANCE_STATUSES = ['present', 'absent', 'leave', 'online'] as const;
export const AttendanceStatus = lazy(() => z.enum(ATTENDANCE_STATUSES));

/** A leave request (请假) waits for the secretary; only an approved one counts as leave, else it is absence. */
export const LEAVE_STATUSES = ['requested', 'approved', 'declined'] as const;
export const LeaveStatus = lazy(() => z.enum(LEAVE_STATUSES));

export const AttendanceRecord = lazy(() => z.object({
  themeDayId: Id(),
  userId: Id(),
  displayName: z.optional(z.string()),
  rsvp: z.optional(z.enum(RSVP_RESPONSES)),
  reason: z.optional(z.string()),
  /** Set with an RSVP of leave: the secretary's decision on it. */
  leaveStatus: z.optional(LeaveStatus()),
  /** Unset until checked in, corrected, or the day is closed. */
  status: z.optional(AttendanceStatus()),
  checkedInAt: z.optional(z.string()),
  /** How the status came about: scan, manual correction by the secretary, online reflection, or close. */
  source: z.optional(z.enum(['scan', 'manual', 'online', 'close'])),
}));
export type AttendanceRecord = Infer<typeof AttendanceRecord>;

export const OnlineParticipationBody = lazy(() => z.strictObject({ content: Text(10, 2000, '心得') }));
export const OnlineParticipation = lazy(() => z.object({
  themeDayId: Id(),
  userId: Id(),
  content: z.string(),
  /** `rejected`: a moderator did not accept it (the reason is in `review`); it no longer counts as online. */
  reviewStatus: z.enum(['published', 'pending_review', 'rejected']),
  review: z.optional(ModerationOutcome()),
  submittedAt: z.string(),
}));

export type OnlineParticipation = Infer<typeof OnlineParticipation>;

export const ThemeDay = lazy(() => z.object({
  id: Id(),
  branchId: Id(),
  branchName: z.optional(z.string()),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  agenda: z.array(z.string()),
  ideaIds: z.array(Id()),
  /** Titles of the adopted ideas, for the preview. */
  ideas: z.optional(z.array(z.object({ id: Id(), title: z.string() }))),
  onlineParticipation: z.boolean(),
  category: IdeaCategory(),
  exemplary: z.optional(z.boolean()),
  status: ThemeDayStatus(),
  publishedAt: z.optional(z.string()),
  lateNotice: z.optional(z.boolean()),
  cancelReason: z.optional(z.string()),
  summary: z.optional(z.string()),
  stats: z.optional(AttendanceStats()),
  /** The caller's own RSVP and attendance, when the caller is a member of the branch. */
  mine: z.optional(AttendanceRecord()),
  /** The caller's own reflection (心得) and how its review went, when they wrote one. */
  myReflection: z.optional(OnlineParticipation()),
  createdAt: z.string(),
}));
export type ThemeDay = Infer<typeof ThemeDay>;

export const PublishResult = lazy(() => z.object({ status: z.literal('published'), publishedAt: z.string(), lateNotice: z.boolean() }));
export type PublishResult = Infer<typeof PublishResult>;
export const CancelThemeDayBody = lazy(() => z.strictObject({ reason: Text(1, 200, '取消原因') }));

/** A branch's days by start time; either bound may be left open. */
export const ListThemeDaysQuery = RangeQuery;

export const CheckInCode = lazy(() => z.object({
  code: z.string(),
  expiresAt: z.string(),
  /** What the QR code encodes; a scan gives the member's app the day and the code. */
  qrText: z.string(),
}));
export type CheckInCode = Infer<typeof CheckInCode>;
export const CheckInBody = lazy(() => z.strictObject({ code: z.string().check(
  z.trim(),
  z.minLength(4, '签到码无效'),
  z.maxLength(16, '签到码无效'),
) }));
export const CheckInResult = lazy(() => z.object({ status: z.literal('present'), checkedInAt: z.string(), repeated: z.boolean() }));

export type CheckInResult = Infer<typeof CheckInResult>;
export const CorrectAttendanceBody = lazy(() => z.strictObject({ status: AttendanceStatus() }));
export const DecideLeaveBody = lazy(() => z.strictObject({ decision: z.enum(['approve', 'decline']) }));

export const CloseThemeDayBody = lazy(() => z.strictObject({ summary: Text(1, 2000, '总结') }));
export const CloseResult = lazy(() => z.object({ status: z.literal('closed'), stats: AttendanceStats() }));

export type CloseResult = Infer<typeof CloseResult>;
export const PoliticalBirthdaysQuery = lazy(() => z.object({ month: MonthString() }));
export const PoliticalBirthday = lazy(() => z.object({
  userId: Id(),
  displayName: z.string(),
  joinedPartyOn: DateString(),
  years: z.number().check(z.int()),
  /** The year's "1+X" record (schemas/practices: Celebration), null while not celebrated. */
  celebration: z.nullable(z.object({ oath: z.boolean(), extras: z.array(z.string()), celebratedAt: z.string() })),
}));

export type PoliticalBirthday = Infer<typeof PoliticalBirthday>;