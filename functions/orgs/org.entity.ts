// Org and station entities: their keys and their conversion to and from table items.
import type { Org, Station } from '@shared/schemas/people';
import { recordOf, type Item } from '../core/item';

export interface OrgRecord extends Org {
  /** Ancestor ids, root first, ending with this org's own id. */
  path: string[];
}

export interface StationRecord extends Station {
  /** The station's org path plus the station id: officials' grants name the station itself. */
  path: string[];
}

export const orgKeys = {
  org: (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' }),
  children: (parentId: string | null) => `ORG#${parentId ?? 'ROOT'}#CHILDREN`,
  station: (id: string) => ({ pk: `STATION#${id}`, sk: 'STATION' }),
  stationsOf: (orgId: string) => `ORG#${orgId}#STATIONS`,
  townshipBranches: (townshipId: string) => `ORG#${townshipId}#BRANCHES`,
};

/** The township an org or station path lies in (root, county, township, …); undefined above township level. */
export const townshipOf = (path: readonly string[]): string | undefined => path[2];

export function orgItem(org: OrgRecord): Item {
  // Branches are also listed per township (gsi2): a township's assessment reads its branches in one Query.
  const [, , township, village] = org.path;
  const townshipIndex =
    org.type === 'branch' && org.path.length === 5 ? { gsi2pk: orgKeys.townshipBranches(township!), gsi2sk: `${village}#${org.id}` } : {};
  return {
    ...orgKeys.org(org.id),
    gsi1pk: orgKeys.children(org.parentId),
    gsi1sk: `${org.type}#${org.name}#${org.id}`,
    ...townshipIndex,
    entity: 'org',
    ...org,
  };
}

export function stationItem(station: StationRecord): Item {
  return {
    ...orgKeys.station(station.id),
    gsi1pk: orgKeys.stationsOf(station.orgId),
    gsi1sk: `${station.name}#${station.id}`,
    entity: 'station',
    ...station,
  };
}

export const toOrg = (item: Item): OrgRecord => recordOf<OrgRecord>(item, { parentId: null });

export const toStation = (item: Item): StationRecord => recordOf<StationRecord>(item);
