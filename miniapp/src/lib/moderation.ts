// 内容审核: who may open the queue, which orgs' queues they see, and the zh-CN words of the page.
import type { Org, User } from '@shared/schemas/people';
import type { ModerationItem, ModerationKind } from '@shared/schemas/moderation';
import { lookupOrg } from '../api/orgs';
import { childOrgs } from './concerns';

export const MOD_PAGES = { queue: '/packages/moderation/queue/index' } as const;

export const MODERATION_KIND_LABELS: Record<ModerationKind, string> = { idea: '创意', reflection: '心得', concern: '说事' };

/** 待复核 (the content check held it) or 被举报 n 次. */
export function whyText(item: Pick<ModerationItem, 'why' | 'reportCount'>): string {
  return item.why === 'reported' ? `被举报 ${item.reportCount ?? 0} 次` : '待复核';
}

const MODERATOR_ROLES = new Set(['secretary', 'township_admin', 'admin']);

export const canModerate = (user: User | null) => !!user?.grants.some((g) => MODERATOR_ROLES.has(g.role));

const QUEUE_TYPES = new Set<Org['type']>(['township', 'village', 'branch']);

/** The townships under an org above them (a county, or the city): the queue is kept per township. */
async function townshipsUnder(org: Org): Promise<Org[]> {
  if (org.type === 'county') return childOrgs(org.id, 'township');
  const counties = await childOrgs(org.id, 'county');
  return (await Promise.all(counties.map((c) => childOrgs(c.id, 'township')))).flat();
}

/** The queues the user may open: their branch as secretary, the org they run as staff (or its townships). */
export async function moderationScopes(user: User | null): Promise<Org[]> {
  const grants = (user?.grants ?? []).filter((g) => MODERATOR_ROLES.has(g.role));
  const orgs = (await Promise.all(grants.map((g) => lookupOrg(g.orgId)))).filter((o): o is Org => o !== null);
  const scopes = (await Promise.all(orgs.map((o) => (QUEUE_TYPES.has(o.type) ? Promise.resolve([o]) : townshipsUnder(o))))).flat();
  const seen = new Set<string>();
  return scopes.filter((o) => (seen.has(o.id) ? false : (seen.add(o.id), true)));
}
