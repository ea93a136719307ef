// 党务公开: zh-CN words for the notice codes, where a user may publish, and the 首页 feed (which orgs' notices a user
// follows: their branch, village and township).
import type { Notice } from '@shared/schemas/notices';
import type { Org, User } from '@shared/schemas/people';
import { api } from '../api/client';
import { branchIdsOf, secretaryBranchIds, townshipAdminIds } from './grants';
import { childOrgs, lookupOrg } from './orgs';

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
  committee: '党务公开',
  general_branch: '党务公开',
};

// ---------------------------------------------------------------------------------------------------------------
// Publishing and the feed

/**
 * Where the user may publish, for the form's picker: their branches as a secretary; for a township admin the
 * township, its villages and their branches. An admin publishes from an org's own notice list.
 */
export async function publishTargets(user: Pick<User, 'grants'> | null): Promise<Org[]> {
  const out: Org[] = [];
  const add = (o: Org | null) => {
    if (o && !out.some((x) => x.id === o.id)) out.push(o);
  };
  for (const townshipId of townshipAdminIds(user)) {
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
  for (const branchId of secretaryBranchIds(user)) add(await lookupOrg(branchId));
  return out;
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
  for (const townshipId of townshipAdminIds(user)) add(await lookupOrg(townshipId));
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
