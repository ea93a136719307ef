// Orgs and stations: the tree that every grant and every protected record hangs from.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage, type Page } from '../core/pagination';
import { orgKeys, toOrg, toStation, type OrgRecord, type StationRecord } from './org.entity';

export type { OrgRecord, StationRecord };

// The tree changes rarely and is read on nearly every authorized request: a short per-container cache.
const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; value: OrgRecord | StationRecord | undefined }>();

async function cachedGet<T extends OrgRecord | StationRecord>(
  cacheKey: string,
  key: { pk: string; sk: string },
  convert: (item: Record<string, unknown>) => T,
): Promise<T | undefined> {
  const hit = cache.get(cacheKey);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as T | undefined;
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: key }));
  const value = out.Item ? convert(out.Item) : undefined;
  if (cache.size > 5000) cache.clear();
  cache.set(cacheKey, { at: Date.now(), value });
  return value;
}

/** Drops a cached org or station after this container changed it. */
export const forget = (kind: 'org' | 'station', id: string) => cache.delete(`${kind}:${id}`);

export const getOrg = (id: string) => cachedGet(`org:${id}`, orgKeys.org(id), toOrg);
export const getStation = (id: string) => cachedGet(`station:${id}`, orgKeys.station(id), toStation);

/** Archived orgs keep their place (their history still counts) and leave the pickers unless asked for. */
const ACTIVE_ONLY = { FilterExpression: 'attribute_not_exists(archivedAt)' };

export function listChildren(parentId: string | undefined, limit: number, cursor?: string, withArchived = false): Promise<Page<OrgRecord>> {
  return queryPage({ index: 'gsi1', pk: orgKeys.children(parentId ?? null), limit, cursor, filter: withArchived ? undefined : ACTIVE_ONLY }, toOrg);
}

/** The station that serves a village or community, if one lists it (one Get and the cached station). */
export async function servingStation(villageId: string): Promise<StationRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: orgKeys.servedBy(villageId) }));
  return out.Item ? getStation(out.Item.stationId as string) : undefined;
}

export function listStations(orgId: string, limit: number, cursor?: string): Promise<Page<StationRecord>> {
  return queryPage({ index: 'gsi1', pk: orgKeys.stationsOf(orgId), limit, cursor }, toStation);
}

async function allPages<T>(fetch: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Every child of an org (a county's townships, a city's counties), archived ones too: tens at most, one or two Queries. */
export const allChildren = (parentId: string, withArchived = true) => allPages((cursor) => listChildren(parentId, 500, cursor, withArchived));

/** Every branch of a township (or only those under `prefix`, see belowTownship), in one or two Queries (the township index). */
export const townshipBranches = (townshipId: string, prefix = '') =>
  allPages((cursor) => queryPage({ index: 'gsi2', pk: orgKeys.townshipBranches(townshipId), ...(prefix ? { skPrefix: prefix } : {}), limit: 500, cursor }, toOrg));
