// Deadlines and transfers of concerns. The resident keeps the promise made when they filed (dueAt); a receiving
// station gets its own deadline (transferDueAt), and a station that let its own deadline pass stays answerable for it.
import { CONCERN_RULES, type ConcernCategory } from '@shared/schemas/concerns';
import { ROLE_SETS } from '@shared/roles';
import { DAY_MS } from '@shared/time';
import { ForbiddenError, ValidationError } from '../core/errors';
import { holds, type Principal } from '../core/policy';
import type { StationRecord } from '../orgs/org.entity';
import { getStation } from '../orgs/orgs.repository';
import { stationDueAt, type ConcernRecord } from './concern.entity';

/** 承诺时限 in days per category (CONCERN_RULES); CONCERN_DEADLINE_DAYS (JSON) overrides any of them. */
const DEADLINE_DAYS: Record<ConcernCategory, number> = {
  ...CONCERN_RULES.deadlineDays,
  ...(process.env.CONCERN_DEADLINE_DAYS ? (JSON.parse(process.env.CONCERN_DEADLINE_DAYS) as Partial<Record<ConcernCategory, number>>) : {}),
};

export const dueFrom = (category: ConcernCategory, from = Date.now()) => new Date(from + DEADLINE_DAYS[category] * DAY_MS).toISOString();

/**
 * Who may send a concern where. Within the sending station's township: whoever handles it. Across townships: only
 * staff (a township admin or an admin) whose grants cover both stations, so another township's officials never
 * receive, and see, a concern that nobody answerable for them sent.
 */
function requireTransferAllowed(p: Principal, from: Pick<StationRecord, 'path' | 'townshipId'>, to: StationRecord): void {
  if (from.townshipId && from.townshipId === to.townshipId) return;
  if (holds(p, ROLE_SETS.staff, from.path) && holds(p, ROLE_SETS.staff, to.path)) return;
  throw new ForbiddenError('只能转办给本乡镇的驻点；跨乡镇转办须由同时管辖两地的乡镇管理员或管理员办理');
}

/** The concern as moved to another station: the original promise kept, the receiver's own deadline added. */
export async function transferred(p: Principal, c: ConcernRecord, toStationId: string | undefined, now = Date.now()): Promise<{ next: ConcernRecord; to: StationRecord }> {
  if (!toStationId) throw new ValidationError('请选择转办的驻点', [{ path: 'toStationId', message: '转办时必填' }]);
  if (toStationId === c.stationId) throw new ValidationError('不能转办给当前驻点', [{ path: 'toStationId', message: '须为其他驻点' }]);
  const [to, from] = await Promise.all([getStation(toStationId), getStation(c.stationId)]);
  if (!to) throw new ValidationError('转办的驻点不存在', [{ path: 'toStationId', message: '驻点不存在' }]);
  // The holding station's township as it is now; its record is gone only if deleted by hand.
  requireTransferAllowed(p, { path: c.stationPath, townshipId: from?.townshipId ?? null }, to);
  // Passed on after its own deadline: the sender let it lapse, and it is counted against the sender from now on.
  const lapsed = Date.parse(stationDueAt(c)) < now && !(c.lapsedStationIds ?? []).includes(c.stationId);
  const next: ConcernRecord = {
    ...c,
    status: 'transferred',
    stationId: to.id,
    stationPath: to.path,
    transferDueAt: dueFrom(c.category, now),
    ...(lapsed ? { lapsedStationIds: [...(c.lapsedStationIds ?? []), c.stationId] } : {}),
  };
  return { next, to };
}
