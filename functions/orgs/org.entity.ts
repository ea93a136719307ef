// Org and station entities: their keys and their conversion to and from table items.
//
// The tree has any depth: a branch may hang under a village, a street, a county or a committee. Nothing reads a level
// from a position in `path`; what a record needs to know about its place (the township it lies in) is found by type
// when the org is created or moved, and stored on it (`townshipId`).
import type { Org, Station } from '@shared/schemas/orgs';
import { recordOf, type Item } from '../core/item';

export interface OrgRecord extends Org {
  /** Ancestor ids, root first, ending with this org's own id. */
  path: string[];
  /** The township (乡镇/街道) the org lies in, itself for a township; null above or beside any township. */
  townshipId: string | null;
}

export interface StationRecord extends Station {
  /** The station's org path plus the station id: officials' grants name the station itself. */
  path: string[];
  /** The township of the station's org (see OrgRecord). */
  townshipId: string | null;
}

export const orgKeys = {
  org: (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' }),
  children: (parentId: string | null) => `ORG#${parentId ?? 'ROOT'}#CHILDREN`,
  /** One name per parent: the claim item a create, rename or move puts in its transaction. */
  name: (parentId: string | null, name: string) => ({ pk: `ORG#${parentId ?? 'ROOT'}#NAME#${name}`, sk: 'NAME' }),
  station: (id: string) => ({ pk: `STATION#${id}`, sk: 'STATION' }),
  stationsOf: (orgId: string) => `ORG#${orgId}#STATIONS`,
  /** Which station serves a village or community: one item per served village, so routing is one Get. */
  servedBy: (villageId: string) => ({ pk: `ORG#${villageId}`, sk: 'SERVED_BY' }),
  townshipBranches: (townshipId: string) => `ORG#${townshipId}#BRANCHES`,
};

/** The township an org of `type` with this parent lies in: found by type, never by depth. */
export const townshipIdFor = (id: string, type: Org['type'], parent: Pick<OrgRecord, 'townshipId'> | null): string | null =>
  type === 'township' ? id : (parent?.townshipId ?? null);

/** A new org record under `parent` (null for a root), with its path and township. */
export function orgUnder(parent: Pick<OrgRecord, 'id' | 'path' | 'townshipId'> | null, org: Omit<Org, 'parentId'>): OrgRecord {
  return { ...org, parentId: parent?.id ?? null, path: [...(parent?.path ?? []), org.id], townshipId: townshipIdFor(org.id, org.type, parent) };
}

/** A station record of `org`. */
export const stationOf = (org: Pick<OrgRecord, 'id' | 'path' | 'townshipId'>, station: Omit<Station, 'orgId'>): StationRecord => ({
  ...station,
  orgId: org.id,
  path: [...org.path, station.id],
  townshipId: org.townshipId,
});

/**
 * A sort-key prefix naming an org at or below its township: the ids below the township, each ending with `/` (ids
 * never contain one), so `yucun/` never matches `yucun2/…`. The township itself is ''.
 */
export function belowTownship(path: readonly string[], townshipId: string): string {
  const at = path.indexOf(townshipId);
  if (at < 0) throw new Error(`${path.join('/')} does not lie in township ${townshipId}`);
  return path.slice(at + 1).map((id) => `${id}/`).join('');
}

export function orgItem(org: OrgRecord): Item {
  // Branches are also listed per township (gsi2): a township's assessment reads its branches in one Query, and an org
  // below the township its own by a key prefix.
  const townshipIndex =
    org.type === 'branch' && org.townshipId
      ? { gsi2pk: orgKeys.townshipBranches(org.townshipId), gsi2sk: belowTownship(org.path, org.townshipId) }
      : {};
  return {
    ...orgKeys.org(org.id),
    // Archived orgs stay in both lists (their figures still count); pickers filter them out.
    gsi1pk: orgKeys.children(org.parentId),
    gsi1sk: `${org.type}#${org.name}#${org.id}`,
    ...townshipIndex,
    entity: 'org',
    ...org,
  };
}

export const orgNameItem = (org: Pick<OrgRecord, 'id' | 'parentId' | 'name'>): Item => ({ ...orgKeys.name(org.parentId, org.name), entity: 'org_name', orgId: org.id });

export function stationItem(station: StationRecord): Item {
  return {
    ...orgKeys.station(station.id),
    gsi1pk: orgKeys.stationsOf(station.orgId),
    gsi1sk: `${station.name}#${station.id}`,
    entity: 'station',
    ...station,
  };
}

export const servedByItem = (villageId: string, stationId: string): Item => ({ ...orgKeys.servedBy(villageId), entity: 'served_by', stationId });

export const toOrg = (item: Item): OrgRecord => recordOf<OrgRecord>(item, { parentId: null, townshipId: null });

export const toStation = (item: Item): StationRecord => recordOf<StationRecord>(item, { townshipId: null });
