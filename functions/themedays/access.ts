// Who may see and act on a theme day, and the refusal for a day that is not open.
import { ROLE_SETS } from '@shared/roles';
import { ForbiddenError, InvalidStateError, NotFoundError } from '../core/errors';
import { holds, requireRole, type Principal } from '../core/policy';
import { wasPublished, type DayReach, type ThemeDayRecord } from './themeday.entity';
import { getThemeDay, knownDay, type DayIdentity } from './themedays.repository';

export const isMember = (p: Principal | undefined, day: Pick<ThemeDayRecord, 'path'>) => holds(p, ROLE_SETS.branchMembers, day.path);

/**
 * How far the caller reads a branch's days: anyone reads those once published; its people and staff read live drafts;
 * a draft withdrawn before publishing was never announced, so only those who run the branch keep it.
 */
export function dayReach(p: Principal | undefined, path: readonly string[]): DayReach {
  if (holds(p, ROLE_SETS.branchModerators, path)) return 'all';
  return holds(p, ROLE_SETS.branchReaders, path) ? 'drafts' : 'public';
}

export function readsDay(p: Principal | undefined, day: Pick<ThemeDayRecord, 'path' | 'status' | 'publishedAt'>): boolean {
  if (wasPublished(day)) return true;
  const reach = dayReach(p, day.path);
  return reach === 'all' || (reach === 'drafts' && day.status === 'draft');
}

/** The day if the caller may see it (`readsDay`), else 404: an unpublished day's existence is the branch's. */
export async function visibleDay(principal: Principal | undefined, id: string): Promise<ThemeDayRecord> {
  const day = await getThemeDay(id);
  if (!day || !readsDay(principal, day)) throw new NotFoundError('主题党日不存在');
  return day;
}

export async function secretaryDay(principal: Principal, id: string): Promise<ThemeDayRecord> {
  const day = await visibleDay(principal, id);
  requireRole(principal, ROLE_SETS.branchLeaders, day.path);
  return day;
}

/**
 * The day's identity for its moderators (the roster). Moderators read drafts too, so for them a day this container
 * has seen needs no read; anyone else, or an unseen day, goes through visibleDay and gets its refusal.
 */
export async function moderatorsDay(principal: Principal, id: string): Promise<DayIdentity> {
  const known = knownDay(id);
  if (known && holds(principal, ROLE_SETS.branchModerators, known.path)) return known;
  const day = await visibleDay(principal, id);
  requireRole(principal, ROLE_SETS.branchModerators, day.path);
  return day;
}

export async function memberDay(principal: Principal, id: string): Promise<ThemeDayRecord> {
  const day = await visibleDay(principal, id);
  if (!isMember(principal, day)) throw new ForbiddenError('只有本支部党员可以参加');
  return day;
}

export const notOpen = (day: Pick<ThemeDayRecord, 'status'>) =>
  new InvalidStateError(
    day.status === 'closed' ? '本次主题党日已结束，出勤已冻结' : day.status === 'cancelled' ? '本次主题党日已取消' : '主题党日尚未发布',
  );
