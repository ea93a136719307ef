// Helpers of the 群众说事 pages: zh-CN words for the codes, the state machine's allowed moves, the deadline line, and
// the stations a user handles concerns at.
import type { Concern, ConcernStatus, TimelineEntry } from '@shared/schemas/concerns';
import type { Station, User } from '@shared/schemas/people';
import { formatShort } from '@shared/time';
import { officialStationIds, townshipAdminIds } from './grants';
import type { TagTone } from './themeday-labels';
import { lookupStations, stationsOfTownship, uniqueById } from './orgs';

// ---------------------------------------------------------------------------------------------------------------
// Words

import { CONCERN_CATEGORY_LABELS } from '@shared/labels';
export { CONCERN_CATEGORY_LABELS };

import { CONCERN_STATUS_LABELS } from '@shared/labels';
export { CONCERN_STATUS_LABELS };

export const CONCERN_STATUS_TONES: Record<ConcernStatus, TagTone> = {
  submitted: 'info',
  in_progress: 'primary',
  resolved: 'success',
  closed: 'default',
  transferred: 'warning',
  rejected: 'danger',
};

export const TIMELINE_ACTION_LABELS: Record<TimelineEntry['action'], string> = {
  submitted: '提交说事',
  start: '开始办理',
  resolve: '办结',
  transfer: '转办',
  reject: '不予受理',
  feedback_satisfied: '评价：满意',
  feedback_unsatisfied: '评价：不满意，重新办理',
  review_approve: '内容审核通过',
  review_reject: '内容审核未通过',
  follow_up: '补充说明',
};

// ---------------------------------------------------------------------------------------------------------------
// The state machine (mirrors functions/concerns: anything else is 409 INVALID_STATE)

export type HandleAction = 'start' | 'resolve' | 'transfer' | 'reject';

const MOVES: Record<HandleAction, ConcernStatus[]> = {
  start: ['submitted', 'transferred'],
  resolve: ['in_progress'],
  transfer: ['submitted', 'transferred', 'in_progress'],
  reject: ['submitted', 'transferred', 'in_progress'],
};

const ACTION_ORDER: HandleAction[] = ['start', 'resolve', 'transfer', 'reject'];

/** The moves a handler may make on a concern in this status, in the order the buttons show. */
export const allowedActions = (status: ConcernStatus): HandleAction[] => ACTION_ORDER.filter((a) => MOVES[a].includes(status));

export const ACTION_LABELS: Record<HandleAction, string> = {
  start: '开始办理',
  resolve: '办结',
  transfer: '转办',
  reject: '不予受理',
};

/** What the required note is called for each move. */
export const ACTION_NOTE_LABELS: Record<HandleAction, string> = {
  start: '办理说明',
  resolve: '办结情况',
  transfer: '转办说明',
  reject: '不予受理的理由',
};

export const ACTION_NOTE_HINTS: Record<HandleAction, string> = {
  start: '例如：已安排人员，预计两天内处理完毕',
  resolve: '说明办理结果，群众会看到',
  transfer: '说明转办原因，群众会看到转去了哪里',
  reject: '请写清理由和可以反映的渠道，群众会看到',
};

export const ACTION_DONE: Record<HandleAction, string> = {
  start: '已开始办理',
  resolve: '已办结',
  transfer: '已转办',
  reject: '已标记不予受理',
};

/** Statuses still waiting for someone to act. */
export const isOpenStatus = (s: ConcernStatus) => s === 'submitted' || s === 'in_progress' || s === 'transferred';

// ---------------------------------------------------------------------------------------------------------------
// Deadlines and handlers

/**
 * The deadline line of a concern: 「承诺 11月28日 09:30 前办结」, or when it was due for overdue ones. A transferred one
 * shows both: the promise made to the resident, which a transfer never moves, and the receiving station's own.
 */
export function dueText(c: Pick<Concern, 'dueAt' | 'transferDueAt' | 'overdue' | 'status'>): string {
  if (c.transferDueAt) {
    const own = isOpenStatus(c.status) && c.overdue ? `转办后时限 ${formatShort(c.transferDueAt)} 已过` : `转办后 ${formatShort(c.transferDueAt)} 前办结`;
    return `原承诺 ${formatShort(c.dueAt)}${promiseLapsed(c) ? '（已超期）' : ''} · ${own}`;
  }
  if (!isOpenStatus(c.status)) return `承诺 ${formatShort(c.dueAt)} 前办结`;
  return c.overdue ? `已超过承诺时限（${formatShort(c.dueAt)}）` : `承诺 ${formatShort(c.dueAt)} 前办结`;
}

/** The promise made to the resident has passed with the concern still open (whoever holds it now). */
export const promiseLapsed = (c: Pick<Concern, 'dueAt' | 'status'>, now = Date.now()): boolean => isOpenStatus(c.status) && Date.parse(c.dueAt) < now;

/** Stations the user handles concerns at: their own as an official, then every station of the townships they run. */
export async function handledStations(user: User | null): Promise<Station[]> {
  const own = await lookupStations(officialStationIds(user));
  const ofTownships = (await Promise.all(townshipAdminIds(user).map(stationsOfTownship))).flat();
  return uniqueById([...own, ...ofTownships]);
}
