// The org tree (city › county › township › village › branch) and the stations in it, as the pages walk them.
// Orgs and stations are looked up once per id and cached for the life of the app.
import type { Org, Station } from '@shared/schemas/people';
import { api } from '../api/client';

const orgCache = new Map<string, Promise<Org | null>>();

/** One org, or null when it cannot be found (asked again next time). */
export function lookupOrg(orgId: string): Promise<Org | null> {
  let hit = orgCache.get(orgId);
  if (!hit) {
    hit = api('getOrg', { params: { orgId } }).catch(() => {
      orgCache.delete(orgId);
      return null;
    });
    orgCache.set(orgId, hit);
  }
  return hit;
}

/** Every child of an org, or the top orgs for none (following cursors; a township has tens of villages); archived ones only when asked. */
export async function childOrgs(parentId: string | undefined, type?: Org['type'], { withArchived = false } = {}): Promise<Org[]> {
  const all: Org[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const query = { ...(parentId ? { parentId } : {}), limit: 50, ...(cursor ? { cursor } : {}), ...(withArchived ? { archived: 'include' as const } : {}) };
    const page = await api('listOrgs', { query });
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
  for (let depth = 0; id && depth < 20; depth++) {
    const org: Org | null = await lookupOrg(id);
    if (!org) break;
    chain.unshift(org);
    id = org.parentId;
  }
  return chain;
}

export interface OrgPlace {
  /** The org itself, e.g. 余村党支部. */
  name: string;
  /** Its ancestors from the county down, e.g. 安吉县 · 天荒坪镇 · 余村. */
  ancestors: string[];
}

/** The org's name and the names above it (county and below), or null when the org cannot be found. */
export async function describeOrg(orgId: string): Promise<OrgPlace | null> {
  const chain = await orgChain(orgId);
  const org = chain.pop();
  if (!org) return null;
  const countyAt = chain.findIndex((o) => o.type === 'county');
  return { name: org.name, ancestors: chain.slice(Math.max(0, countyAt)).filter((o) => o.type !== 'city').map((o) => o.name) };
}

/** A village with the township and county above it: what the village pickers start from. */
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

/** The list without repeats (first one kept), for orgs or stations gathered from several grants. */
export function uniqueById<T extends { id: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((o) => (seen.has(o.id) ? false : (seen.add(o.id), true)));
}

// ---------------------------------------------------------------------------------------------------------------
// Stations

const stationCache = new Map<string, Promise<Station | null>>();
/** Stations already loaded, for pages that can show one at once (name, address) before asking again. */
const stationsKnown = new Map<string, Station>();

function remember(list: Station[]): Station[] {
  for (const s of list) {
    stationsKnown.set(s.id, s);
    stationCache.set(s.id, Promise.resolve(s));
  }
  return list;
}

/** A station loaded earlier in this run, if any. */
export const knownStation = (id: string): Station | undefined => stationsKnown.get(id);

/** One station, or null when it cannot be found (asked again next time). */
export function lookupStation(stationId: string): Promise<Station | null> {
  let hit = stationCache.get(stationId);
  if (!hit) {
    hit = api('getStation', { params: { stationId } }).then(
      (s) => remember([s])[0],
      () => {
        stationCache.delete(stationId);
        return null;
      },
    );
    stationCache.set(stationId, hit);
  }
  return hit;
}

/** The stations of several ids that exist, in order. */
export async function lookupStations(ids: string[]): Promise<Station[]> {
  return (await Promise.all(ids.map(lookupStation))).filter((s): s is Station => s !== null);
}

/** The township's own station and those of its villages. */
export async function stationsOfTownship(townshipId: string): Promise<Station[]> {
  const villages = await childOrgs(townshipId, 'village');
  const lists = await Promise.all(
    [townshipId, ...villages.map((v) => v.id)].map((orgId) => api('listStations', { query: { orgId, limit: 50 } }).then((r) => r.items)),
  );
  return remember(lists.flat());
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
