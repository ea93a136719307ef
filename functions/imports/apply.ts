// Applying planned rows with the screens' own writes (insertOrg, saveStation, a member grant) and their audit
// entries. Every row is safe to apply twice: its ids come from its natural key, so a row a failed run wrote already
// is recognised as applied, not written again.
import type { Org } from '@shared/schemas/orgs';
import { auditPut } from '../audit/audit';
import { TABLE } from '../core/dynamo';
import type { Principal } from '../core/policy';
import { failedAt, transactWrite } from '../core/transact';
import { orgUnder, stationOf, type OrgRecord } from '../orgs/org.entity';
import { insertOrg, nameHolder, readOrg, readStation, saveStation } from '../orgs/org-admin.repository';
import { view as orgView } from '../orgs/org-admin.service';
import { stationView } from '../orgs/stations-admin.service';
import { getItem } from '../core/reads';
import { grantItem, profileItem } from '../users/user.entity';
import { importKeys, memberPhoneItem, type PlannedRow } from './import.entity';

export type RowOutcome = { applied: true } | { applied: false; message: string; column: string };
const applied: RowOutcome = { applied: true };

/** Orgs a run reads as parents, once each. */
export type OrgCache = Map<string, Promise<OrgRecord | undefined>>;
const orgOf = (cache: OrgCache, id: string) => {
  if (!cache.has(id)) cache.set(id, readOrg(id));
  return cache.get(id)!;
};

export async function applyRow(p: Principal, row: PlannedRow, cache: OrgCache): Promise<RowOutcome> {
  if (row.kind === 'org') {
    const parent = await orgOf(cache, row.parentId);
    if (!parent || parent.archivedAt) return { applied: false, column: '上级组织', message: '上级组织已不存在或已归档' };
    const org = orgUnder(parent, { id: row.id, name: row.name, type: row.type, ...(row.orgKind ? { kind: row.orgKind as Org['kind'] } : {}), ...(row.sector ? { sector: row.sector as Org['sector'] } : {}) });
    const result = await insertOrg(org, auditPut(p, { action: 'org.create', org: parent, target: { kind: 'org', id: org.id }, after: orgView(org) }));
    if (result !== 'ok' && (await nameHolder(parent.id, row.name)) !== row.id) return { applied: false, column: '名称', message: `同一上级组织下已有「${row.name}」（导入期间被他人创建）` };
    return applied;
  }
  if (row.kind === 'station') {
    if (await readStation(row.id)) return applied;
    const org = await orgOf(cache, row.orgId);
    if (!org || org.archivedAt) return { applied: false, column: '所属组织', message: '所属组织已不存在或已归档' };
    const station = stationOf(org, { id: row.id, ...(row.fields as { name: string; address: string }) });
    try {
      const saved = await saveStation(undefined, station, auditPut(p, { action: 'station.create', org, target: { kind: 'station', id: station.id }, after: stationView(station) }));
      if (!saved.ok) return { applied: false, column: '服务村社区', message: '所选村（社区）已由其他驿站服务（导入期间被他人设置）' };
    } catch (e) {
      if (!(await readStation(row.id))) throw e;
    }
    return applied;
  }
  const branch = await orgOf(cache, row.branchId);
  if (!branch || branch.archivedAt) return { applied: false, column: '所属支部', message: '所属支部已不存在或已归档' };
  const at = new Date().toISOString();
  const grant = { role: 'member' as const, orgId: row.branchId };
  const outcome = await transactWrite([
    { Put: { TableName: TABLE, Item: memberPhoneItem(row.branchId, row.phoneHash, row.userId), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: {
        TableName: TABLE, ConditionExpression: 'attribute_not_exists(pk)',
        Item: profileItem({ id: row.userId, displayName: row.displayName, phoneEnc: row.phoneEnc, phoneMasked: row.phoneMasked, ...(row.joinedPartyOn ? { joinedPartyOn: row.joinedPartyOn } : {}), ...(row.partyStatus ? { partyStatus: row.partyStatus } : {}), createdAt: at, updatedAt: at }),
      },
    },
    { Put: { TableName: TABLE, Item: grantItem(row.userId, grant, at) } },
    auditPut(p, { action: 'grant.add', org: branch, target: { kind: 'user', id: row.userId }, after: grant }),
  ]);
  if (outcome.committed) return applied;
  if (failedAt(outcome, 0) && (await getItem(importKeys.memberPhone(row.branchId, row.phoneHash)))?.userId === row.userId) return applied;
  return { applied: false, column: '手机号', message: '该支部已有使用此手机号的党员（导入期间被他人添加）' };
}
