// zh-CN words and tag tones for the 主题党日 codes.
import type { IdeaCategory, IdeaStatus } from '@shared/schemas/themeday';

export type ThemeDayStatusCode = 'draft' | 'published' | 'cancelled' | 'closed';
export type AttendanceStatusCode = 'present' | 'absent' | 'leave' | 'online';
export type AnswerStatusCode = 'evaluating' | 'accepted' | 'declined';
export type ReportReasonCode = 'spam' | 'offensive' | 'off_topic';
import type { TagTone } from '../components/StatusTag';

export type { TagTone };

export const IDEA_CATEGORY_LABELS: Record<IdeaCategory, string> = {
  political_birthday: '政治生日',
  oath: '重温入党誓词',
  dues: '集中交纳党费',
  study: '学习研讨',
  volunteer: '志愿服务',
  visit: '参观教育',
  other: '其他',
};

export const IDEA_STATUS_LABELS: Record<IdeaStatus, string> = {
  open: '征集中',
  pending_review: '审核中',
  hidden: '已隐藏',
  evaluating: '评估中',
  accepted: '已采纳',
  declined: '未采纳',
};

export const IDEA_STATUS_TONES: Record<IdeaStatus, TagTone> = {
  open: 'info',
  pending_review: 'warning',
  hidden: 'default',
  evaluating: 'warning',
  accepted: 'success',
  declined: 'default',
};

export const ANSWER_STATUSES: AnswerStatusCode[] = ['evaluating', 'accepted', 'declined'];

export const THEME_DAY_STATUS_LABELS: Record<ThemeDayStatusCode, string> = {
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
  closed: '已结束',
};

/** A leave request as its member and the secretary read it. */
export const LEAVE_STATUS_LABELS: Record<'requested' | 'approved' | 'declined', string> = {
  requested: '请假待批准',
  approved: '请假已批准',
  declined: '请假未批准',
};

/** What members see of a published day: where it stands in time, not the secretary's workflow (已发布). */
export type DayPhaseCode = 'upcoming' | 'ongoing' | 'ended';
export const DAY_PHASE_LABELS: Record<DayPhaseCode, string> = { upcoming: '即将开始', ongoing: '进行中', ended: '已结束' };
export const DAY_PHASE_TONES: Record<DayPhaseCode, TagTone> = { upcoming: 'primary', ongoing: 'warning', ended: 'success' };

export const THEME_DAY_STATUS_TONES: Record<ThemeDayStatusCode, TagTone> = {
  draft: 'warning',
  published: 'primary',
  cancelled: 'default',
  closed: 'success',
};

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatusCode, string> = {
  present: '出席',
  absent: '缺席',
  leave: '请假',
  online: '线上参与',
};

export const ATTENDANCE_STATUS_TONES: Record<AttendanceStatusCode, TagTone> = {
  present: 'success',
  absent: 'danger',
  leave: 'warning',
  online: 'info',
};

export const REPORT_REASON_LABELS: Record<ReportReasonCode, string> = {
  spam: '垃圾广告',
  offensive: '不友善内容',
  off_topic: '与主题无关',
};
