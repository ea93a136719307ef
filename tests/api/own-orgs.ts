// A township of a test file's own, written straight to the table (no route makes orgs): lists and counts there hold
// only what that file made, whatever other files write elsewhere at the same time. It hangs under a county that has no
// org item, so no listing of the seeded tree shows it.
import { orgItem, stationItem, type OrgRecord } from '../../functions/orgs/org.entity';
import { putRaw } from './db';

export interface OwnTownship {
  townshipId: string;
  villageId: string;
  branchId: string;
  /** The village's 说事室: concerns raised for the village go there. */
  stationId: string;
  branchName: string;
}

const COUNTY_PATH = ['huzhou', 'test-county'];

/** A township with one village, its branch (no members yet) and the village's station. */
export async function ownTownship(tag: string): Promise<OwnTownship> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const townshipId = `t-${tag}-${suffix}`;
  const township: OrgRecord = { id: townshipId, name: `${tag}镇`, type: 'township', parentId: COUNTY_PATH[1]!, path: [...COUNTY_PATH, townshipId] };
  const village: OrgRecord = { id: `v-${tag}-${suffix}`, name: `${tag}村`, type: 'village', parentId: townshipId, path: [...township.path, `v-${tag}-${suffix}`] };
  const branch: OrgRecord = { id: `b-${tag}-${suffix}`, name: `${tag}村党支部`, type: 'branch', parentId: village.id, path: [...village.path, `b-${tag}-${suffix}`] };
  const stationId = `st-${tag}-${suffix}`;
  for (const org of [township, village, branch]) await putRaw(orgItem(org));
  await putRaw(stationItem({ id: stationId, name: `${tag}村群众说事室`, orgId: village.id, address: `${tag}村村民服务中心`, lat: 30.5, lng: 119.5, path: [...village.path, stationId] }));
  return { townshipId, villageId: village.id, branchId: branch.id, stationId, branchName: branch.name };
}
