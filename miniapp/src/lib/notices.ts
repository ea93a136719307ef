// Helpers of the 党务公开, 三项考核 and 百例 pages and the home feed: zh-CN words for the codes, page paths, org walks
// (which branch / village / township a user belongs to, where they may publish), Asia/Shanghai months and rates.
import Taro, { useShareAppMessage } from '@tarojs/taro';
import type { Notice } from '@shared/schemas/notices';
import type { Org, User } from '@shared/schemas/people';
import { api } from '../api/client';
import { lookupOrg } from '../api/orgs';
import { branchIdsOf, shanghaiDate, shanghaiParts } from './themeday';

// ---------------------------------------------------------------------------------------------------------------
// Words

export type NoticeCategory = Notice['category'];

export const NOTICE_CATEGORIES: NoticeCategory[] = ['party', 'village', 'finance', 'other'];

export const NOTICE_CATEGORY_LABELS: Record<NoticeCategory, string> = {
  party: '党务',
  village: '村务',
  finance: '财务',
  other: '其他',
};

/** Tone names shared with the 主题党日 tags (`td-tag--<tone>`). */
export const NOTICE_CATEGORY_TONES: Record<NoticeCategory, 'danger' | 'info' | 'warning' | 'default'> = {
  party: 'danger',
  village: 'info',
  finance: 'warning',
  other: 'default',
};

/** What a notice list is called for each kind of org. */
export const ORG_NOTICE_TITLES: Record<Org['type'], string> = {
  city: '市级公开',
  county: '区县公开',
  township: '乡镇公开',
  village: '村务公开',
  branch: '党务公开',
};

// ---------------------------------------------------------------------------------------------------------------
// Pages (subpackages `packages/notices`, `packages/notices-admin`, `packages/assessments`, `packages/cases`)

export const NT_PAGES = {
  list: '/packages/notices/list/index',
  detail: '/packages/notices/detail/index',
  form: '/packages/notices-admin/form/index',
  assessments: '/packages/assessments/view/index',
  assessmentBranch: '/packages/assessments/branch/index',
  assessmentDay: '/packages/assessments/day/index',
  cases: '/packages/cases/list/index',
  caseDetail: '/packages/cases/detail/index',
} as const;

type NtPage = (typeof NT_PAGES)[keyof typeof NT_PAGES];

export function ntUrl(page: NtPage, query: Record<string, string | undefined> = {}): string {
  const q = Object.entries(query)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return q ? `${page}?${q}` : page;
}

export function goNt(page: NtPage, query: Record<string, string | undefined> = {}): Promise<unknown> {
  return Taro.navigateTo({ url: ntUrl(page, query) });
}

/** Replaces the current page (after a form is saved). */
export function replaceNt(page: NtPage, query: Record<string, string | undefined> = {}): Promise<unknown> {
  return Taro.redirectTo({ url: ntUrl(page, query) });
}

/** A page's query parameter, decoded (the router hands them over still percent-encoded). */
export function routeParam(params: Record<string, string | undefined>, key: string): string {
  const raw = params[key] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Back to the previous page, or home when this page was opened directly (a shared card). */
export function backOrHome(): Promise<unknown> {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack();
  return Taro.switchTab({ url: '/pages/home/index' });
}

/** The weapp share card (`enableShareAppMessage` in the page config); a no-op elsewhere. */
export const useShareCard: (make: () => { title: string; path: string }) => void =
  process.env.TARO_ENV === 'weapp' ? (make) => useShareAppMessage(() => make()) : () => undefined;

// ---------------------------------------------------------------------------------------------------------------
// Orgs

/** Every child of an org (following cursors; a township has tens of villages, not thousands). */
export async function childOrgs(parentId: string | undefined, type?: Org['type']): Promise<Org[]> {
  const all: Org[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await api('listOrgs', { query: { ...(parentId ? { parentId } : {}), limit: 50, ...(cursor ? { cursor } : {}) } });
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return type ? all.filter((o) => o.type === type) : all;
}

/** The org and its ancestors, root first; empty when the org cannot be found. */
export async function orgChain(orgId: string): Promise<Org[]> {
  const chain: Org[] = [];
  let id: string | null = orgId;
  for (let depth = 0; id && depth < 6; depth++) {
    const org: Org | null = await lookupOrg(id);
    if (!org) break;
    chain.unshift(org);
    id = org.parentId;
  }
  return chain;
}

/** Mirrors the API: a secretary publishes for their own branch, township staff and admins for their subtree. */
export function canPublishIn(user: Pick<User, 'grants'> | null, chain: Org[]): boolean {
  if (!user || chain.length === 0) return false;
  const self = chain[chain.length - 1];
  const ids = new Set(chain.map((o) => o.id));
  return user.grants.some(
    (g) =>
      ((g.role === 'township_admin' || g.role === 'admin') && ids.has(g.orgId)) ||
      (g.role === 'secretary' && self.type === 'branch' && g.orgId === self.id),
  );
}

const grantOrgIds = (user: Pick<User, 'grants'> | null, roles: string[]) => [
  ...new Set((user?.grants ?? []).filter((g) => roles.includes(g.role)).map((g) => g.orgId)),
];

export const isPublisher = (user: Pick<User, 'grants'> | null) =>
  grantOrgIds(user, ['secretary', 'township_admin', 'admin']).length > 0;

/**
 * Where the user may publish, for the form's picker: their branches as a secretary; for a township admin the
 * township, its villages and their branches. An admin publishes from an org's own notice list.
 */
export async function publishTargets(user: Pick<User, 'grants'> | null): Promise<Org[]> {
  const out: Org[] = [];
  const add = (o: Org | null) => {
    if (o && !out.some((x) => x.id === o.id)) out.push(o);
  };
  for (const townshipId of grantOrgIds(user, ['township_admin'])) {
    const township = await lookupOrg(townshipId);
    add(township);
    if (township?.type !== 'township') continue;
    const villages = await childOrgs(township.id, 'village');
    const branches = await Promise.all(villages.map((v) => childOrgs(v.id, 'branch').catch(() => [] as Org[])));
    villages.forEach((v, i) => {
      add(v);
      branches[i].forEach(add);
    });
  }
  for (const branchId of grantOrgIds(user, ['secretary'])) add(await lookupOrg(branchId));
  return out;
}

/** Orgs whose 三项考核 the user may open: township staff and admins their org, secretaries their branch. */
export const assessmentRoots = (user: Pick<User, 'grants'> | null): string[] => grantOrgIds(user, ['admin', 'township_admin', 'secretary']);

/** Township staff and admins give guidance and mark cases on theme days below their org. */
export function isStaffOver(user: Pick<User, 'grants'> | null, chain: Org[]): boolean {
  const ids = new Set(chain.map((o) => o.id));
  return !!user && user.grants.some((g) => (g.role === 'township_admin' || g.role === 'admin') && ids.has(g.orgId));
}

/**
 * The orgs whose notices make up a user's feed, branch first: their branches (or, for a resident, the branches of
 * their village), their village (villageId, else the branch's parent), its township, and townships they administer.
 */
export async function feedOrgs(user: Pick<User, 'grants' | 'villageId'>): Promise<Org[]> {
  const out: Org[] = [];
  const add = (o: Org | null | undefined) => {
    if (o && !out.some((x) => x.id === o.id)) out.push(o);
  };
  const branches = (await Promise.all(branchIdsOf(user).map(lookupOrg))).filter((o): o is Org => !!o);
  let villageId = user.villageId;
  if (!villageId) villageId = branches.find((b) => b.parentId)?.parentId ?? undefined;
  const village = villageId ? await lookupOrg(villageId) : null;
  if (branches.length === 0 && village?.type === 'village') {
    branches.push(...(await childOrgs(village.id, 'branch').catch(() => [] as Org[])));
  }
  branches.forEach(add);
  if (village) {
    add(village);
    if (village.parentId) add(await lookupOrg(village.parentId));
  }
  for (const townshipId of grantOrgIds(user, ['township_admin'])) add(await lookupOrg(townshipId));
  return out;
}

export interface FeedNotice extends Notice {
  orgType: Org['type'];
}

/**
 * The newest notices of several orgs, merged (pinned first, then newest). Rejects only when every list failed; `failed` counts the
 * lists that could not be loaded.
 */
export async function loadFeed(orgs: Org[], perOrg = 5): Promise<{ items: FeedNotice[]; failed: number }> {
  const results = await Promise.allSettled(orgs.map((o) => api('listNotices', { params: { orgId: o.id }, query: { limit: perOrg } })));
  const items: FeedNotice[] = [];
  let failed = 0;
  let firstError: unknown;
  results.forEach((r, i) => {
    if (r.status === 'rejected') {
      failed++;
      firstError ??= r.reason;
      return;
    }
    for (const n of r.value.items) items.push({ ...n, orgName: n.orgName ?? orgs[i].name, orgType: orgs[i].type });
  });
  if (orgs.length > 0 && failed === orgs.length) throw firstError;
  // The API's own order across the orgs: pinned first, then newest.
  items.sort((a, b) => Number(b.pinned) - Number(a.pinned) || Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
  return { items, failed };
}

// ---------------------------------------------------------------------------------------------------------------
// Times, months, rates

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026年3月5日` in Asia/Shanghai. */
export function formatDate(iso: string): string {
  const p = shanghaiParts(iso);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** `3月5日` this year, `2025年3月5日` otherwise. */
export function formatShortDate(iso: string, now = Date.now()): string {
  const p = shanghaiParts(iso);
  return p.year === shanghaiParts(now).year ? `${p.month}月${p.day}日` : `${p.year}年${p.month}月${p.day}日`;
}

export function isExpired(n: Pick<Notice, 'expiresAt'>, now = Date.now()): boolean {
  return !!n.expiresAt && Date.parse(n.expiresAt) <= now;
}

/** `YYYY-MM` in Asia/Shanghai. */
export const currentMonth = (now = Date.now()): string => shanghaiDate(now).slice(0, 7);

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** `2026年3月` */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** The month as an ISO range in Asia/Shanghai, for `listThemeDays?from=&to=`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01T00:00:00+08:00`, to: `${month}-${pad(lastDay)}T23:59:59+08:00` };
}

/** The city reports an average attendance above 92%: the reference line of the chart. */
export const ATTENDANCE_TARGET = 0.92;

/** 出勤率 as shown: `92.3%`, or `—` when no day was closed. */
export function ratePercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** A bar's height in percent, clamped to 0–100. */
export function barPercent(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0;
  return Math.max(0, Math.min(100, rate * 100));
}

// ---------------------------------------------------------------------------------------------------------------
// The village a visitor chose on 首页, kept on the device

const HOME_VILLAGE_KEY = 'ps.home.village';

export interface ChosenVillage {
  id: string;
  name: string;
  townshipName: string;
}

export function getChosenVillage(): ChosenVillage | null {
  try {
    const v = Taro.getStorageSync(HOME_VILLAGE_KEY) as ChosenVillage | '' | undefined;
    return typeof v === 'object' && v !== null && typeof v.id === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function setChosenVillage(v: ChosenVillage): void {
  try {
    Taro.setStorageSync(HOME_VILLAGE_KEY, v);
  } catch {
    // storage unavailable: the choice lasts for this visit only
  }
}
