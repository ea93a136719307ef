// A township of a test file's own, written straight to the table (no route makes orgs): lists and counts there hold
// only what that file made, whatever other files write elsewhere at the same time. It hangs under a county that has no
// org item, so no listing of the seeded tree shows it; a file that reads a county's figures asks for a county of its own.
import { orgItem, orgUnder, stationItem, stationOf } from '../../functions/orgs/org.entity';
import { putRaw } from './db';

export interface OwnVillage {
  villageId: string;
  branchId: string;
  /** The village's 说事室: concerns raised for the village go there. */
  stationId: string;
  branchName: string;
}

export interface OwnTownship extends OwnVillage {
  townshipId: string;
  /** The county above the township: shared by every file, unless one asked for its own. */
  countyId: string;
  /** Every village of the township, the first one first (its ids are also the fields above). */
  villages: OwnVillage[];
}

const CITY = 'huzhou';
const SHARED_COUNTY = 'test-county';
/** The parent an own county lists under: no org item, so listing Huzhou's counties does not show it. */
const NO_CITY_ITEM = 'test-city';

/**
 * A township with `villages` villages (default one), each with its branch (no members yet) and station. With
 * `ownCounty`, the township is the only one of a county of its own (a county item under Huzhou's path).
 */
export async function ownTownship(tag: string, opts: { villages?: number; ownCounty?: boolean } = {}): Promise<OwnTownship> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const countyId = opts.ownCounty ? `c-${tag}-${suffix}` : SHARED_COUNTY;
  const county = { ...orgUnder({ id: NO_CITY_ITEM, path: [CITY], townshipId: null }, { id: countyId, name: `${tag}县`, type: 'county' }), path: [CITY, countyId] };
  if (opts.ownCounty) await putRaw(orgItem(county));
  const townshipId = `t-${tag}-${suffix}`;
  const township = orgUnder(county, { id: townshipId, name: `${tag}镇`, type: 'township' });
  await putRaw(orgItem(township));
  const villages: OwnVillage[] = [];
  for (let i = 0; i < (opts.villages ?? 1); i++) {
    const n = i === 0 ? '' : String(i + 1);
    const villageId = `v-${tag}${n}-${suffix}`;
    const village = orgUnder(township, { id: villageId, name: `${tag}${n}村`, type: 'village' });
    const branch = orgUnder(village, { id: `b-${tag}${n}-${suffix}`, name: `${tag}${n}村党支部`, type: 'branch' });
    const stationId = `st-${tag}${n}-${suffix}`;
    for (const org of [village, branch]) await putRaw(orgItem(org));
    await putRaw(stationItem(stationOf(village, { id: stationId, name: `${tag}${n}村群众说事室`, address: `${tag}${n}村村民服务中心`, lat: 30.5, lng: 119.5 })));
    villages.push({ villageId, branchId: branch.id, stationId, branchName: branch.name });
  }
  return { townshipId, countyId, ...villages[0]!, villages };
}
