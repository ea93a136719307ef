// Org names for display, looked up once per org and cached for the life of the app.
import type { Org } from '@shared/schemas/people';
import { api } from './client';

const cache = new Map<string, Promise<Org | null>>();

export function lookupOrg(orgId: string): Promise<Org | null> {
  let hit = cache.get(orgId);
  if (!hit) {
    hit = api('getOrg', { params: { orgId } }).catch(() => {
      cache.delete(orgId); // try again next time
      return null;
    });
    cache.set(orgId, hit);
  }
  return hit;
}

export interface OrgPlace {
  /** The org itself, e.g. 余村党支部. */
  name: string;
  /** Its ancestors from the county down, e.g. 安吉县 · 天荒坪镇 · 余村. */
  ancestors: string[];
}

const MAX_DEPTH = 4;

/** The org's name and the names above it (county and below), or null when the org cannot be found. */
export async function describeOrg(orgId: string): Promise<OrgPlace | null> {
  const org = await lookupOrg(orgId);
  if (!org) return null;
  const ancestors: string[] = [];
  let parentId = org.parentId;
  for (let depth = 0; parentId && depth < MAX_DEPTH; depth++) {
    const parent = await lookupOrg(parentId);
    if (!parent || parent.type === 'city') break;
    ancestors.unshift(parent.name);
    if (parent.type === 'county') break;
    parentId = parent.parentId;
  }
  return { name: org.name, ancestors };
}
