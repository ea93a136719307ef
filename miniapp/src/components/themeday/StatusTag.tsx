// Status chips for theme days, ideas and attendance, drawn by the app's one StatusTag.
import type { IdeaStatus } from '@shared/schemas/themeday';
import {
  ATTENDANCE_STATUS_LABELS,
  ATTENDANCE_STATUS_TONES,
  DAY_PHASE_LABELS,
  DAY_PHASE_TONES,
  IDEA_STATUS_LABELS,
  IDEA_STATUS_TONES,
  THEME_DAY_STATUS_LABELS,
  THEME_DAY_STATUS_TONES,
  type AttendanceStatusCode,
  type ThemeDayStatusCode,
} from '../../lib/themeday-labels';
import { dayPhase } from '../../lib/themeday';
import StatusTag from '../StatusTag';

/**
 * A day's status. Given its times (`phase`), a published day says 即将开始 / 进行中 / 已结束 as members see it;
 * without, the secretary's workflow word (已发布).
 */
export function ThemeDayStatusTag({ status, id, phase }: { status: ThemeDayStatusCode; id?: string; phase?: { startsAt: string; endsAt: string } }) {
  if (phase && status === 'published') {
    const p = dayPhase(phase, Date.now());
    return <StatusTag id={id} tone={DAY_PHASE_TONES[p]} label={DAY_PHASE_LABELS[p]} />;
  }
  return <StatusTag id={id} tone={THEME_DAY_STATUS_TONES[status]} label={THEME_DAY_STATUS_LABELS[status]} />;
}

export function IdeaStatusTag({ status, id }: { status: IdeaStatus; id?: string }) {
  return <StatusTag id={id} tone={IDEA_STATUS_TONES[status]} label={IDEA_STATUS_LABELS[status]} />;
}

export function AttendanceStatusTag({ status, id }: { status: AttendanceStatusCode; id?: string }) {
  return <StatusTag id={id} tone={ATTENDANCE_STATUS_TONES[status]} label={ATTENDANCE_STATUS_LABELS[status]} />;
}
