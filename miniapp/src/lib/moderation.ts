// 内容审核: which orgs' queues a user sees, and the zh-CN words of the page.
import type { Org, User } from '@shared/schemas/people';
import type { ModerationItem, ModerationKind } from '@shared/schemas/moderation';
import { moderatedOrgIds } from './grants';
import { childOrgs, lookupOrg, uniqueById } from './orgs';

export const MODERATION_KIND_LABELS: Record<ModerationKind, string> = { idea: '创意', reflection: '心得', concern: '说事' };

/** 待复核 (the content check held it) or 被举报 n 次. */
export function whyText(item: Pick<ModerationItem, 'why' | 'reportCount'>): string {
  return item.why === 'reported' ? `被举报 ${item.reportCount ?? 0} 次` : '待复核';
}

const QUEUE_TYPES = new Set<Org['type']>(['township', 'village', 'branch']);

/** The townships under an org above them (a county, or the city): the queue is kept per township. */
async function townshipsUnder(org: Org): Promise<Org[]> {
  if (org.type === 'county') return childOrgs(org.id, 'township');
  const counties = await childOrgs(org.id, 'county');
  return (await Promise.all(counties.map((c) => childOrgs(c.id, 'township')))).flat();
}

/** The queues the user may open: their branch as secretary, the org they run as staff (or its townships). */
export async function moderationScopes(user: User | null): Promise<Org[]> {
  const orgs = (await Promise.all(moderatedOrgIds(user).map(lookupOrg))).filter((o): o is Org => o !== null);
  const scopes = (await Promise.all(orgs.map((o) => (QUEUE_TYPES.has(o.type) ? Promise.resolve([o]) : townshipsUnder(o))))).flat();
  return uniqueById(scopes);
}
