// The dry run: every row of the file checked against the file and the tree as it is, with the same rules as the
// screens (checkNewOrg, CreateStationBody), and resolved into planned rows. Paths name orgs below the import root
// ("城关镇/东村"); an org is known by its name under its parent, a station by its name in its org, a member by their
// phone in their branch: rows already there are skipped, so a second import of the same file changes nothing.
import { createHash, createHmac } from 'node:crypto';
import { AREA_KIND_LABELS, ORG_TYPE_LABELS, SECTOR_LABELS, STATION_TYPE_LABELS } from '@shared/labels';
import { IMPORT_SHEETS, type ImportCheck, type ImportCounts, type RowError } from '@shared/schemas/ledger';
import { DateString, type OrgType } from '@shared/schemas/common';
import { CreateStationBody } from '@shared/schemas/orgs';
import { shanghaiDate } from '@shared/time';
import { batchRead, readTogether, type Key } from '../core/batch';
import { ValidationError } from '../core/errors';
import { encryptPhone, maskPhone } from '../core/phone';
import { secrets } from '../core/secrets';
import { orgKeys, toOrg, type OrgRecord } from '../orgs/org.entity';
import { checkNewOrg } from '../orgs/org-admin.service';
import { listStations } from '../orgs/orgs.repository';
import { importKeys, noCounts, type PlannedRow } from './import.entity';
import type { Sheets, SheetRow } from './sheets';

/** What an org path stands for while planning: an org of the tree, or one the file creates. */
interface Known { id: string; type: OrgType; exists: boolean }

const reverse = <K extends string>(labels: Record<K, string>, aliases: Record<string, K> = {}) => {
  const map = new Map<string, K>(Object.entries(aliases) as [string, K][]);
  for (const [k, v] of Object.entries(labels) as [K, string][]) map.set(v, k), map.set(k, k);
  return (s: string) => map.get(s);
};
const orgTypeOf = reverse(ORG_TYPE_LABELS, { 区: 'county', 县: 'county', 乡镇: 'township', 街道: 'township', 村: 'village', 社区: 'village', 支部: 'branch' });
const kindOf = reverse(AREA_KIND_LABELS);
const sectorOf = reverse(SECTOR_LABELS, { 两新: 'private_enterprise' });
const stationTypeOf = reverse(STATION_TYPE_LABELS);
const STATUS = new Map([['正式', 'full'], ['正式党员', 'full'], ['预备', 'probationary'], ['预备党员', 'probationary']] as const);
const PHONE = /^1[3-9]\d{9}$/;

/** Ids of created rows are derived from their natural key: a resumed or repeated import writes the same items. */
export const derivedId = (...parts: string[]) => `i${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 25)}`;
export const normPath = (s: string) => s.split(/[/／]/).map((p) => p.trim()).filter(Boolean).join('/');
const joinPath = (parent: string, name: string) => (parent ? `${parent}/${name}` : name);
const depth = (path: string) => (path ? path.split('/').length : 0);

export interface Plan {
  /** Rows to apply, in phases that must run in order (parents before children); rows within a phase are independent. */
  phases: PlannedRow[][];
  check: ImportCheck;
}

export async function planImport(root: OrgRecord, sheets: Sheets): Promise<Plan> {
  const errors: RowError[] = [];
  const toCreate: ImportCounts = noCounts();
  const existing: ImportCounts = noCounts();
  const known = new Map<string, Known>([['', { id: root.id, type: root.type, exists: true }]]);
  const failed = new Set<string>(); // paths whose own row has an error: their children say so instead of "unknown"
  const err = (sheet: keyof typeof IMPORT_SHEETS, r: SheetRow, column: string, message: string) => errors.push({ sheet: IMPORT_SHEETS[sheet], row: r.row, column, message });
  const parentMissing = (path: string) => (failed.has(path) ? `「${path}」所在行有错误，请先修正该行` : `找不到「${path}」：系统中和文件中都没有这个组织`);

  // Organisations, level by level: a row's parent is the root, an org of the tree, or a row of the file above it.
  const orgRows = sheets.orgs.map((r) => ({ r, parent: normPath(r.cells['上级组织'] ?? ''), name: (r.cells['名称'] ?? '').trim() }));
  const seen = new Map<string, number>();
  const byLevel = new Map<number, typeof orgRows>();
  for (const o of orgRows) {
    const path = joinPath(o.parent, o.name);
    if (!o.name) err('orgs', o.r, '名称', '名称不能为空');
    else if (o.name.length > 40 || o.name.includes('/')) err('orgs', o.r, '名称', '名称最多 40 个字，且不能含「/」');
    else if (seen.has(path)) err('orgs', o.r, '名称', `与第 ${seen.get(path)} 行重复：同一上级组织下已有「${o.name}」`);
    else {
      seen.set(path, o.r.row);
      byLevel.set(depth(o.parent), [...(byLevel.get(depth(o.parent)) ?? []), o]);
      continue;
    }
    failed.add(path);
  }
  const orgPhases: PlannedRow[][] = [];
  for (const level of [...byLevel.keys()].sort((a, b) => a - b)) {
    const rows = byLevel.get(level)!;
    const placed = rows.map((o) => ({ ...o, at: known.get(o.parent) }));
    // Which of them the tree has already: their name claims, then those orgs (two batches for the whole level).
    const claims = placed.filter((o) => o.at?.exists).map((o) => orgKeys.name(o.at!.id, o.name));
    const [holders] = await readTogether([batchRead(claims, (f) => claims.map((k) => f.get(k)?.orgId as string | undefined))], { consistent: true });
    const holderKeys = holders.filter((h): h is string => !!h).map((h) => orgKeys.org(h));
    const [orgsFound] = await readTogether([batchRead(holderKeys, (f) => new Map(holderKeys.flatMap((k) => (f.get(k) ? [[toOrg(f.get(k)!).id, toOrg(f.get(k)!)] as const] : []))))], { consistent: true });
    let claimAt = 0;
    const phase: PlannedRow[] = [];
    for (const o of placed) {
      const path = joinPath(o.parent, o.name);
      const type = orgTypeOf(o.r.cells['类型'] ?? '');
      const kindText = o.r.cells['类别'] ?? '';
      const sectorText = o.r.cells['领域'] ?? '';
      const orgKind = kindText ? kindOf(kindText) : undefined;
      const sector = sectorText ? sectorOf(sectorText) : undefined;
      const holder = o.at?.exists ? orgsFound.get(holders[claimAt++] ?? '') : undefined;
      const fail = (column: string, message: string) => (err('orgs', o.r, column, message), failed.add(path));
      if (!o.at) { fail('上级组织', parentMissing(o.parent)); continue; }
      if (!type) { fail('类型', `未知的组织类型「${o.r.cells['类型'] ?? ''}」，可填：${Object.values(ORG_TYPE_LABELS).join('、')}`); continue; }
      if (kindText && !orgKind) { fail('类别', `未知的类别「${kindText}」，可填：${Object.values(AREA_KIND_LABELS).join('、')}`); continue; }
      if (sectorText && !sector) { fail('领域', `未知的领域「${sectorText}」，可填：${Object.values(SECTOR_LABELS).join('、')}`); continue; }
      if (holder) {
        if (holder.type !== type) { fail('类型', `系统中「${o.parent || root.name}」下已有「${o.name}」，类型为${ORG_TYPE_LABELS[holder.type]}`); continue; }
        known.set(path, { id: holder.id, type, exists: true });
        existing.orgs++;
        continue;
      }
      try {
        checkNewOrg({ type: o.at.type }, { type, ...(orgKind ? { kind: orgKind } : {}), ...(sector ? { sector } : {}) });
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        const column = ({ type: '类型', kind: '类别', sector: '领域' } as Record<string, string>)[e.details?.[0]?.path ?? 'type'] ?? '类型';
        fail(column, e.message);
        continue;
      }
      const id = derivedId(root.id, 'org', path);
      known.set(path, { id, type, exists: false });
      phase.push({ kind: 'org', sheet: IMPORT_SHEETS.orgs, row: o.r.row, id, parentId: o.at.id, name: o.name, type, ...(orgKind ? { orgKind } : {}), ...(sector ? { sector } : {}) });
      toCreate.orgs++;
    }
    if (phase.length) orgPhases.push(phase);
  }

  const stations = await planStations(root, sheets.stations, known, parentMissing, err, toCreate, existing);
  const members = await planMembers(root, sheets.members, known, parentMissing, err, toCreate, existing);
  errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return { phases: [...orgPhases, stations, members].filter((p) => p.length), check: { toCreate, existing, errors } };
}

type Err = (sheet: keyof typeof IMPORT_SHEETS, r: SheetRow, column: string, message: string) => void;

async function planStations(root: OrgRecord, rows: SheetRow[], known: Map<string, Known>, parentMissing: (p: string) => string, err: Err, toCreate: ImportCounts, existing: ImportCounts): Promise<PlannedRow[]> {
  const orgIds = [...new Set(rows.map((r) => known.get(normPath(r.cells['所属组织'] ?? ''))).filter((k) => k?.exists).map((k) => k!.id))];
  const namesByOrg = new Map<string, Set<string>>(await Promise.all(orgIds.map(async (id) => [id, await allStationNames(id)] as const)));
  const villages = [...new Set(rows.flatMap((r) => servesOf(r)).map((v) => known.get(v)).filter((k) => k?.exists && k.type === 'village').map((k) => k!.id))];
  const servedKeys: Key[] = villages.map((v) => orgKeys.servedBy(v));
  const [served] = await readTogether([batchRead(servedKeys, (f) => new Set(villages.filter((_, i) => f.get(servedKeys[i]!))))], { consistent: true });
  const inFile = new Map<string, number>();
  const servedInFile = new Map<string, number>();
  const out: PlannedRow[] = [];
  for (const r of rows) {
    const orgPath = normPath(r.cells['所属组织'] ?? '');
    const org = known.get(orgPath);
    const name = (r.cells['名称'] ?? '').trim();
    const typeText = r.cells['类型'] ?? '';
    const stationType = stationTypeOf(typeText);
    if (!org) { err('stations', r, '所属组织', parentMissing(orgPath)); continue; }
    if (!stationType) { err('stations', r, '类型', `未知的驿站类型「${typeText}」，可填：${Object.values(STATION_TYPE_LABELS).join('、')}`); continue; }
    const key = `${org.id}/${name}`;
    if (inFile.has(key)) { err('stations', r, '名称', `与第 ${inFile.get(key)} 行重复：「${orgPath || root.name}」下已有驿站「${name}」`); continue; }
    inFile.set(key, r.row);
    if (org.exists && namesByOrg.get(org.id)?.has(name)) { existing.stations++; continue; }
    const serves: string[] = [];
    let bad = false;
    for (const v of servesOf(r)) {
      const village = known.get(v);
      const problem = !village ? parentMissing(v) : village.type !== 'village' ? `「${v}」不是村（社区）` : served.has(village.id) ? `「${v}」已由其他驿站服务` : servedInFile.has(village.id) ? `「${v}」已由第 ${servedInFile.get(village.id)} 行的驿站服务` : undefined;
      if (problem) { err('stations', r, '服务村社区', problem); bad = true; continue; }
      serves.push(village!.id);
      servedInFile.set(village!.id, r.row);
    }
    const body = CreateStationBody().safeParse({
      orgId: org.id, name, stationType, address: r.cells['地址'] ?? '',
      ...(r.cells['承办单位'] ? { hostDepartment: r.cells['承办单位'] } : {}),
      ...(r.cells['开放时间'] ? { openingHours: r.cells['开放时间'] } : {}),
      ...(serves.length ? { serves } : {}),
    });
    if (!body.success) {
      const columns: Record<string, string> = { name: '名称', address: '地址', hostDepartment: '承办单位', openingHours: '开放时间', serves: '服务村社区', stationType: '类型' };
      for (const issue of body.error.issues) err('stations', r, columns[String(issue.path[0])] ?? '名称', issue.message);
      continue;
    }
    if (bad) continue;
    const { orgId: _o, ...fields } = body.data;
    out.push({ kind: 'station', sheet: IMPORT_SHEETS.stations, row: r.row, id: derivedId(root.id, 'station', org.id, name), orgId: org.id, fields });
    toCreate.stations++;
  }
  return out;
}

const servesOf = (r: SheetRow) => (r.cells['服务村社区'] ?? '').split(/[;；,，、\n]/).map(normPath).filter(Boolean);

async function allStationNames(orgId: string): Promise<Set<string>> {
  const names = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await listStations(orgId, 50, cursor);
    page.items.forEach((s) => names.add(s.name));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

async function planMembers(root: OrgRecord, rows: SheetRow[], known: Map<string, Known>, parentMissing: (p: string) => string, err: Err, toCreate: ImportCounts, existing: ImportCounts): Promise<PlannedRow[]> {
  if (!rows.length) return [];
  const { phoneKey } = await secrets();
  const hash = (phone: string) => createHmac('sha256', phoneKey).update(`import-phone:${phone}`).digest('base64url').slice(0, 32);
  const today = shanghaiDate();
  const valid: { r: SheetRow; branch: Known; name: string; phone: string; phoneHash: string; joinedPartyOn?: string; partyStatus?: 'full' | 'probationary' }[] = [];
  const inFile = new Map<string, number>();
  for (const r of rows) {
    const path = normPath(r.cells['所属支部'] ?? '');
    const branch = known.get(path);
    const name = (r.cells['姓名'] ?? '').trim();
    const phone = (r.cells['手机号'] ?? '').replace(/[\s-]/g, '');
    const date = r.cells['入党日期'] ?? '';
    const statusText = r.cells['党员状态'] ?? '';
    const problems: [string, string][] = [];
    if (!branch) problems.push(['所属支部', parentMissing(path)]);
    else if (branch.type !== 'branch') problems.push(['所属支部', `「${path}」不是党支部`]);
    if (!name || name.length > 20) problems.push(['姓名', '姓名不能为空，最多 20 个字']);
    if (!PHONE.test(phone)) problems.push(['手机号', `手机号「${r.cells['手机号'] ?? ''}」无效：应为 11 位手机号码`]);
    if (date && !DateString().safeParse(date).success) problems.push(['入党日期', `入党日期「${date}」无效：格式应为 YYYY-MM-DD`]);
    else if (date > today) problems.push(['入党日期', '入党日期不能晚于今天']);
    if (statusText && !STATUS.has(statusText as never)) problems.push(['党员状态', `未知的党员状态「${statusText}」，可填：正式、预备`]);
    const key = `${branch?.id}/${phone}`;
    if (!problems.length && inFile.has(key)) problems.push(['手机号', `与第 ${inFile.get(key)} 行重复：同一支部下手机号不能重复`]);
    problems.forEach(([c, m]) => err('members', r, c, m));
    if (problems.length) continue;
    inFile.set(key, r.row);
    valid.push({ r, branch: branch!, name, phone, phoneHash: hash(phone), ...(date ? { joinedPartyOn: date } : {}), ...(statusText ? { partyStatus: STATUS.get(statusText as never)! } : {}) });
  }
  const claimKeys = valid.map((m) => (m.branch.exists ? importKeys.memberPhone(m.branch.id, m.phoneHash) : undefined));
  const asked = claimKeys.filter((k): k is Key => !!k);
  const [found] = await readTogether([batchRead(asked, (f) => new Set(asked.filter((k) => f.get(k)).map((k) => k.pk)))], { consistent: true });
  const out: PlannedRow[] = [];
  // By branch: a chunk then spans a few branches, and a run reads each branch once.
  const byBranch = valid.map((m, i) => ({ m, i })).sort((a, b) => a.m.branch.id.localeCompare(b.m.branch.id) || a.i - b.i);
  byBranch.forEach(({ m, i }) => {
    if (claimKeys[i] && found.has(claimKeys[i]!.pk)) return void existing.members++;
    out.push({
      kind: 'member', sheet: IMPORT_SHEETS.members, row: m.r.row, userId: derivedId(m.branch.id, m.phoneHash), branchId: m.branch.id, displayName: m.name,
      phoneHash: m.phoneHash, phoneEnc: encryptPhone(phoneKey, m.phone), phoneMasked: maskPhone(m.phone),
      ...(m.joinedPartyOn ? { joinedPartyOn: m.joinedPartyOn } : {}), ...(m.partyStatus ? { partyStatus: m.partyStatus } : {}),
    });
    toCreate.members++;
  });
  return out;
}

