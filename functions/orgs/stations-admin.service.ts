// Station administration (驿站管理): create and update, with the villages and communities each serves. New concerns
// of a served village go to the station that serves it (one claim item per village: one station each), see stationFor.
import type { CreateStationBody, Station, UpdateStationBody } from '@shared/schemas/orgs';
import { ROLE_SETS } from '@shared/roles';
import { auditPut } from '../audit/audit';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import { requireRole, type Principal } from '../core/policy';
import { stationOf, type StationRecord } from './org.entity';
import { readOrg, readStation, saveStation, servingStationId } from './org-admin.repository';
import { requireActive, requireOrg } from './org-admin.service';

export const stationView = ({ path: _p, townshipId: _t, ...s }: StationRecord): Station => s;

/** The served villages: each a village or community (not archived) the caller administers. */
async function checkServes(p: Principal, serves: string[] | undefined): Promise<string[] | undefined> {
  if (!serves) return undefined;
  const ids = [...new Set(serves)];
  const orgs = await Promise.all(ids.map(readOrg));
  orgs.forEach((o, i) => {
    if (o?.type !== 'village' || o.archivedAt) throw new ValidationError('服务范围只能选村（社区）', [{ path: `serves.${i}`, message: `${ids[i]} 不是有效的村（社区）` }]);
    requireRole(p, ROLE_SETS.staff, o.path);
  });
  return ids;
}

async function servedElsewhere(taken: string[]): Promise<ConflictError> {
  const details = await Promise.all(
    taken.map(async (v) => {
      const [village, stationId] = await Promise.all([readOrg(v), servingStationId(v)]);
      const station = stationId ? await readStation(stationId) : undefined;
      return { path: 'serves', message: `${village?.name ?? v} 已由「${station?.name ?? stationId ?? '其他驿站'}」服务` };
    }),
  );
  return new ConflictError(`所选村（社区）已由其他驿站服务：${details.map((d) => d.message).join('；')}`, details);
}

export async function createStation(p: Principal, body: CreateStationBody): Promise<Station> {
  const org = await requireOrg(body.orgId);
  requireRole(p, ROLE_SETS.staff, org.path);
  requireActive(org);
  const { orgId: _o, serves, ...fields } = body;
  const served = await checkServes(p, serves);
  const station = stationOf(org, { id: newId(), ...fields, ...(served ? { serves: served } : {}) });
  const saved = await saveStation(undefined, station, auditPut(p, { action: 'station.create', org, target: { kind: 'station', id: station.id }, after: stationView(station) }));
  if (!saved.ok) throw await servedElsewhere(saved.taken);
  return stationView(station);
}

export async function updateStation(p: Principal, stationId: string, body: UpdateStationBody): Promise<Station> {
  const before = await readStation(stationId);
  if (!before) throw new NotFoundError('驿站不存在');
  requireRole(p, ROLE_SETS.staff, before.path);
  const org = await requireOrg(before.orgId);
  requireActive(org);
  const served = await checkServes(p, body.serves);
  const after: StationRecord = { ...before, ...body, ...(served ? { serves: served } : {}) };
  const saved = await saveStation(before, after, auditPut(p, { action: 'station.update', org, target: { kind: 'station', id: stationId }, before: stationView(before), after: stationView(after) }));
  if (!saved.ok) throw await servedElsewhere(saved.taken);
  return stationView(after);
}
