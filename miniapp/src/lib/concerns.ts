// Helpers of the 群众说事 pages: zh-CN words for the codes, the state machine's allowed moves, who may handle
// concerns where, Asia/Shanghai display of UTC times, page paths, and the org/station look-ups the pickers need.
import Taro from '@tarojs/taro';
import type { Concern, ConcernCategory, ConcernStatus, TimelineEntry } from '@shared/schemas/concerns';
import type { Org, Station, User } from '@shared/schemas/people';
import { api } from '../api/client';
import { lookupOrg } from '../api/orgs';

// ---------------------------------------------------------------------------------------------------------------
// Words

export const CONCERN_CATEGORY_LABELS: Record<ConcernCategory, string> = {
  environment: '环境卫生',
  traffic: '道路交通',
  dispute: '邻里纠纷',
  social_security: '社会保障',
  village_affairs: '村务管理',
  other: '其他',
};

export const CONCERN_STATUS_LABELS: Record<ConcernStatus, string> = {
  submitted: '已受理',
  in_progress: '处理中',
  resolved: '已办结',
  closed: '已评价',
  transferred: '已转办',
  rejected: '不予受理',
};

export type Tone = 'default' | 'primary' | 'info' | 'success' | 'warning' | 'danger';

export const CONCERN_STATUS_TONES: Record<ConcernStatus, Tone> = {
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
// Who handles concerns

/** Stations the user is an official of (an official grant names the station itself). */
export const officialStationIds = (user: User | null): string[] =>
  [...new Set((user?.grants ?? []).filter((g) => g.role === 'official').map((g) => g.orgId))];

/** Townships the user administers: they handle concerns at every station below. */
export const townshipAdminIds = (user: User | null): string[] =>
  [...new Set((user?.grants ?? []).filter((g) => g.role === 'township_admin').map((g) => g.orgId))];

export const isConcernHandler = (user: User | null) => officialStationIds(user).length > 0 || townshipAdminIds(user).length > 0;

// ---------------------------------------------------------------------------------------------------------------
// Times (Asia/Shanghai has no daylight saving time)

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');
const shanghai = (iso: string) => new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);

/** `2026年11月25日 09:30` */
export function formatDateTime(iso: string): string {
  const d = shanghai(iso);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `11月25日 09:30` */
export function formatShort(iso: string): string {
  const d = shanghai(iso);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The deadline line of a concern: 「承诺 11月28日 09:30 前办结」, or when it was due for overdue ones. */
export function dueText(c: Pick<Concern, 'dueAt' | 'overdue' | 'status'>): string {
  if (!isOpenStatus(c.status)) return `承诺 ${formatShort(c.dueAt)} 前办结`;
  return c.overdue ? `已超过承诺时限（${formatShort(c.dueAt)}）` : `承诺 ${formatShort(c.dueAt)} 前办结`;
}

// ---------------------------------------------------------------------------------------------------------------
// Orgs and stations

/** Child orgs of one org, optionally of one type (the API returns up to 50 a page; a township has fewer villages). */
export async function childOrgs(parentId: string | undefined, type?: Org['type']): Promise<Org[]> {
  const items = (await api('listOrgs', { query: { ...(parentId ? { parentId } : {}), limit: 50 } })).items;
  return type ? items.filter((o) => o.type === type) : items;
}

/** The township's own station and those of its villages. */
export async function stationsOfTownship(townshipId: string): Promise<Station[]> {
  const villages = await childOrgs(townshipId, 'village');
  const lists = await Promise.all(
    [townshipId, ...villages.map((v) => v.id)].map((orgId) => api('listStations', { query: { orgId, limit: 50 } }).then((r) => r.items)),
  );
  const all = lists.flat();
  all.forEach((s) => stationCache.set(s.id, Promise.resolve(s)));
  return all;
}

const stationCache = new Map<string, Promise<Station | null>>();

export function lookupStation(stationId: string): Promise<Station | null> {
  let hit = stationCache.get(stationId);
  if (!hit) {
    hit = api('getStation', { params: { stationId } }).catch(() => {
      stationCache.delete(stationId);
      return null;
    });
    stationCache.set(stationId, hit);
  }
  return hit;
}

/** The township a station belongs to (a village station's township is the village's parent). */
export async function townshipOfStation(stationId: string): Promise<string | null> {
  const station = await lookupStation(stationId);
  if (!station) return null;
  const org = await lookupOrg(station.orgId);
  if (!org) return null;
  if (org.type === 'township') return org.id;
  if (org.type === 'village') return org.parentId;
  return null;
}

/** A village with the township and county above it: what the village picker starts from. */
export interface VillagePlace {
  countyId: string;
  townshipId: string;
  townshipName: string;
  villageId: string;
  villageName: string;
}

export async function placeOfVillage(villageId: string): Promise<VillagePlace | null> {
  const village = await lookupOrg(villageId);
  if (village?.type !== 'village' || !village.parentId) return null;
  const township = await lookupOrg(village.parentId);
  if (!township?.parentId) return null;
  return { countyId: township.parentId, townshipId: township.id, townshipName: township.name, villageId: village.id, villageName: village.name };
}

/** Stations the user handles concerns at: their own as an official, then every station of the townships they run. */
export async function handledStations(user: User | null): Promise<Station[]> {
  const own = (await Promise.all(officialStationIds(user).map(lookupStation))).filter((s): s is Station => s !== null);
  const ofTownships = (await Promise.all(townshipAdminIds(user).map(stationsOfTownship))).flat();
  const seen = new Set<string>();
  return [...own, ...ofTownships].filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

export const CS_PAGES = {
  tab: '/pages/concerns/index',
  detail: '/packages/concerns/detail/index',
  queue: '/packages/concerns-admin/queue/index',
  handle: '/packages/concerns-admin/handle/index',
} as const;

type CsPage = (typeof CS_PAGES)[Exclude<keyof typeof CS_PAGES, 'tab'>];

export function goCs(page: CsPage, query: Record<string, string> = {}): Promise<unknown> {
  const q = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return Taro.navigateTo({ url: q ? `${page}?${q}` : page });
}

/** Replaces the current page (e.g. from the detail to the handling view). */
export function replaceCs(page: CsPage, query: Record<string, string> = {}): Promise<unknown> {
  const q = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return Taro.redirectTo({ url: q ? `${page}?${q}` : page });
}
