// Org administration (组织管理): township admins on their subtree, admins on everything (ROLE_SETS.staff).
//
// A move rewrites the org and every org and station of its subtree (new path, new township) in one transaction, so
// grants, pickers, routing and assessments follow at once; a subtree too big for one transaction is refused (move its
// parts first). Records below the org written before the move (theme days, ideas, notices, concerns, aggregates) keep
// the path they were written with: the history of a place stays readable by whoever was responsible for it then, and
// what happens after the move is the new ancestors'. Audit entries are kept at the parent the change happened in.
import { CHILD_TYPES, type CreateOrgBody, type Org, type UpdateOrgBody } from '@shared/schemas/orgs';
import { ORG_TYPE_LABELS } from '@shared/labels';
import { ROLE_SETS } from '@shared/roles';
import type { AreaKind } from '@shared/schemas/orgs';
import { auditPut } from '../audit/audit';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import { requireRole, type Principal } from '../core/policy';
import { listSessions } from '../bookings/sessions.repository';
import { listStationQueue } from '../concerns/concerns.repository';
import { orgUnder, stationOf, type OrgRecord, type StationRecord } from './org.entity';
import { allChildren, listStations } from './orgs.repository';
import { archive, insertOrg, nameHolder, readOrg, replaceSubtree, type OrgWrite } from './org-admin.repository';

/** Orgs and stations a move rewrites in its one transaction (of 100 items: the rest are the claims and the audit entry). */
export const MAX_MOVE_ITEMS = 90;

const AREA_KINDS: Partial<Record<Org['type'], readonly AreaKind[]>> = {
  county: ['county', 'district'],
  township: ['township', 'street'],
  village: ['village', 'community'],
};

/** The fields clients see and the audit log records. */
export const view = (o: OrgRecord): Org => ({
  id: o.id, name: o.name, type: o.type, parentId: o.parentId,
  ...(o.kind ? { kind: o.kind } : {}), ...(o.sector ? { sector: o.sector } : {}), ...(o.archivedAt ? { archivedAt: o.archivedAt } : {}),
});

export async function requireOrg(id: string, field = 'orgId'): Promise<OrgRecord> {
  const org = await readOrg(id);
  if (!org) throw field === 'orgId' ? new NotFoundError('组织不存在') : new ValidationError('上级组织不存在', [{ path: field, message: '组织不存在' }]);
  return org;
}

export function requireActive(org: OrgRecord): void {
  if (org.archivedAt) throw new InvalidStateError(`「${org.name}」已归档，不能再修改或在其下新建组织、驿站`);
}

function requireFits(parent: Pick<OrgRecord, 'type'>, type: Org['type']): void {
  if (!CHILD_TYPES[parent.type].includes(type)) {
    throw new ValidationError(`${ORG_TYPE_LABELS[parent.type]}下不能设立${ORG_TYPE_LABELS[type]}`, [{ path: 'type', message: `可设立：${CHILD_TYPES[parent.type].map((t) => ORG_TYPE_LABELS[t]).join('、') || '无'}` }]);
  }
}

async function nameTaken(parentId: string | null, name: string): Promise<ConflictError> {
  const holder = await nameHolder(parentId, name);
  const existing = holder ? await readOrg(holder) : undefined;
  return new ConflictError(`同一上级组织下已有「${name}」`, [{ path: 'name', message: existing ? `${existing.name}（${existing.id}）` : name }]);
}

const changedMeanwhile = () => new ConflictError('该组织刚被他人修改，请刷新后重试');

/** Audit entries of an org change are kept at its parent (a root's at itself). */
const auditOrgOf = async (org: OrgRecord) => (org.parentId ? ((await readOrg(org.parentId)) ?? org) : org);

/** The rules of a new org's fields under its parent (also the import's row check): throws ValidationError. */
export function checkNewOrg(parent: Pick<OrgRecord, 'type'>, body: Pick<CreateOrgBody, 'type' | 'kind' | 'sector'>): void {
  requireFits(parent, body.type);
  if (body.kind && !AREA_KINDS[body.type]?.includes(body.kind)) throw new ValidationError('类别与组织类型不符', [{ path: 'kind', message: `${ORG_TYPE_LABELS[body.type]}不能选此类别` }]);
  if (body.type === 'branch' && !body.sector) throw new ValidationError('请选择党支部所属领域', [{ path: 'sector', message: '党支部必填' }]);
  if (body.type !== 'branch' && body.sector) throw new ValidationError('只有党支部有所属领域', [{ path: 'sector', message: '仅党支部可填' }]);
}

export async function createOrg(p: Principal, body: CreateOrgBody): Promise<Org> {
  const parent = await requireOrg(body.parentId, 'parentId');
  requireRole(p, ROLE_SETS.staff, parent.path);
  requireActive(parent);
  checkNewOrg(parent, body);
  const org = orgUnder(parent, { id: newId(), name: body.name, type: body.type, ...(body.kind ? { kind: body.kind } : {}), ...(body.sector ? { sector: body.sector } : {}) });
  const result = await insertOrg(org, auditPut(p, { action: 'org.create', org: parent, target: { kind: 'org', id: org.id }, after: view(org) }));
  if (result === 'name_taken') throw await nameTaken(parent.id, org.name);
  if (result !== 'ok') throw changedMeanwhile();
  return view(org);
}

/** Every org and station below `org`, breadth first; refused past what one transaction can rewrite. */
async function subtree(org: OrgRecord): Promise<{ orgs: OrgRecord[]; stations: StationRecord[] }> {
  const orgs: OrgRecord[] = [];
  const stations: StationRecord[] = [];
  const tooBig = () => new InvalidStateError(`「${org.name}」下级组织和驿站超过 ${MAX_MOVE_ITEMS} 个，请先分批移动其下级组织`);
  for (let level = [org]; level.length; ) {
    const [children, own] = await Promise.all([Promise.all(level.map((o) => allChildren(o.id))), Promise.all(level.map((o) => listStations(o.id, MAX_MOVE_ITEMS + 1)))]);
    stations.push(...own.flatMap((pg) => pg.items));
    level = children.flat();
    orgs.push(...level);
    if (orgs.length + stations.length > MAX_MOVE_ITEMS || own.some((pg) => pg.nextCursor)) throw tooBig();
  }
  return { orgs, stations };
}

/** The subtree as it is under `root`'s new place: paths and townships recomputed from the parents, by type. */
function replanted(root: OrgRecord, below: { orgs: OrgRecord[]; stations: StationRecord[] }) {
  const placed = new Map<string, OrgRecord>([[root.id, root]]);
  const orgs = below.orgs.map((o) => {
    const next = { ...o, ...orgUnder(placed.get(o.parentId!)!, o) };
    placed.set(o.id, next);
    return next;
  });
  const stations = below.stations.map((s) => stationOf(placed.get(s.orgId)!, s));
  return { orgs, stations };
}

export async function updateOrg(p: Principal, orgId: string, body: UpdateOrgBody): Promise<Org> {
  const org = await requireOrg(orgId);
  requireRole(p, ROLE_SETS.staff, org.path);
  requireActive(org);
  if (body.sector && org.type !== 'branch') throw new ValidationError('只有党支部有所属领域', [{ path: 'sector', message: '仅党支部可填' }]);
  const moving = body.parentId !== undefined && body.parentId !== org.parentId;
  let parent = org.parentId ? await requireOrg(org.parentId, 'parentId') : null;
  if (moving) {
    if (body.parentId === org.id) throw new ValidationError('不能移动到自身之下', [{ path: 'parentId', message: '不能是本组织' }]);
    parent = await requireOrg(body.parentId!, 'parentId');
    if (parent.path.includes(org.id)) throw new ValidationError(`不能把「${org.name}」移动到其下级组织「${parent.name}」之下`, [{ path: 'parentId', message: '不能是本组织的下级' }]);
    requireRole(p, ROLE_SETS.staff, parent.path);
    requireActive(parent);
    requireFits(parent, org.type);
  }
  const base = { ...org, name: body.name ?? org.name, ...(body.sector ? { sector: body.sector } : {}) };
  const next: OrgRecord = { ...base, ...orgUnder(parent, base) };
  const below = moving ? replanted(next, await subtree(org)) : { orgs: [], stations: [] };
  // A sector change is recorded as a rename: both only change the org's own fields.
  const action = moving ? 'org.move' : 'org.rename';
  const at = moving ? parent! : await auditOrgOf(org);
  const result: OrgWrite = await replaceSubtree(org, next, below, auditPut(p, { action, org: at, target: { kind: 'org', id: org.id }, before: view(org), after: view(next) }));
  if (result === 'name_taken') throw await nameTaken(next.parentId, next.name);
  if (result !== 'ok') throw changedMeanwhile();
  return view(next);
}

/** What keeps an org from being archived: active children, and its stations' open concerns and future sessions. */
async function obstacles(org: OrgRecord): Promise<{ path: string; message: string }[]> {
  const [children, stations] = await Promise.all([allChildren(org.id, false), listStations(org.id, 20)]);
  const now = new Date().toISOString();
  const perStation = await Promise.all(
    stations.items.map(async (s) => {
      const [concerns, sessions] = await Promise.all([
        listStationQueue(s.id, { overdueBefore: '9999', limit: 10 }),
        listSessions(s.id, now, '9999', 10),
      ]);
      return [
        ...concerns.items.map((c) => ({ path: 'concerns', message: `${s.name}：未办结诉求 ${c.trackingNo}「${c.title}」` })),
        ...sessions.items.filter((x) => x.status === 'open').map((x) => ({ path: 'sessions', message: `${s.name}：${x.startsAt} 的驻点接待（${x.host}）` })),
      ];
    }),
  );
  return [...children.map((c) => ({ path: 'children', message: `下级组织「${c.name}」` })), ...perStation.flat()];
}

export async function archiveOrg(p: Principal, orgId: string): Promise<Org> {
  const org = await requireOrg(orgId);
  requireRole(p, ROLE_SETS.staff, org.path);
  if (org.archivedAt) return view(org);
  const blocking = await obstacles(org);
  if (blocking.length) throw new ConflictError(`「${org.name}」还有未完成的事项，不能归档：${blocking.map((b) => b.message).join('；')}`, blocking);
  const next: OrgRecord = { ...org, archivedAt: new Date().toISOString() };
  const done = await archive(org, next, auditPut(p, { action: 'org.archive', org: await auditOrgOf(org), target: { kind: 'org', id: org.id }, before: view(org), after: view(next) }));
  if (!done) throw changedMeanwhile();
  return view(next);
}
