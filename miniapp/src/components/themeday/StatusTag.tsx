// Status chips for theme days, ideas and attendance, drawn by the app's one StatusTag.
import type { IdeaStatus } from '@shared/schemas/themeday';
import {
  ATTENDANCE_STATUS_LABELS,
  ATTENDANCE_STATUS_TONES,
  IDEA_STATUS_LABELS,
  IDEA_STATUS_TONES,
  THEME_DAY_STATUS_LABELS,
  THEME_DAY_STATUS_TONES,
  type AttendanceStatusCode,
  type ThemeDayStatusCode,
} from '../../lib/themeday-labels';
import StatusTag from '../StatusTag';

export function ThemeDayStatusTag({ status, id }: { status: ThemeDayStatusCode; id?: string }) {
  return <StatusTag id={id} tone={THEME_DAY_STATUS_TONES[status]} label={THEME_DAY_STATUS_LABELS[status]} />;
}

export function IdeaStatusTag({ status, id }: { status: IdeaStatus; id?: string }) {
  return <StatusTag id={id} tone={IDEA_STATUS_TONES[status]} label={IDEA_STATUS_LABELS[status]} />;
}

export function AttendanceStatusTag({ status, id }: { status: AttendanceStatusCode; id?: string }) {
  return <StatusTag id={id} tone={ATTENDANCE_STATUS_TONES[status]} label={ATTENDANCE_STATUS_LABELS[status]} />;
}
