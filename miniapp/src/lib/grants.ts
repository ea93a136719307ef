// What the signed-in user's grants let the app show, read from the one roles table (shared/roles.ts) that the
// functions' policy checks also read. The API decides; these only choose which buttons and lists to offer.
import type { Org, User } from '@shared/schemas/people';
import { ROLE_SETS, grantOrgIds, holdsAnywhere } from '@shared/roles';

type Holder = Pick<User, 'grants'> | null | undefined;

/** Stations the user is an official of (an official grant names the station itself). */
export const officialStationIds = (user: Holder): string[] => grantOrgIds(user, ROLE_SETS.stationOfficials);

/** Townships the user administers: they manage every station, village and branch below. */
export const townshipAdminIds = (user: Holder): string[] => grantOrgIds(user, ROLE_SETS.townshipAdmins);

/** The branches where the user is a member or the secretary, in grant order, without repeats. */
export const branchIdsOf = (user: Holder): string[] => grantOrgIds(user, ROLE_SETS.branchPeople);

/** Branches the user leads as secretary. */
export const secretaryBranchIds = (user: Holder): string[] => grantOrgIds(user, ROLE_SETS.branchLeaders);

export const isSecretaryOf = (user: Holder, branchId: string): boolean => secretaryBranchIds(user).includes(branchId);

export const isBranchPerson = (user: Holder, branchId: string): boolean => branchIdsOf(user).includes(branchId);

/** Secretaries and staff: the 内容审核 queue. */
export const canModerate = (user: Holder): boolean => holdsAnywhere(user, ROLE_SETS.branchModerators);

/** The orgs whose moderation queues the user may open (their branch as secretary, the org they run as staff). */
export const moderatedOrgIds = (user: Holder): string[] => grantOrgIds(user, ROLE_SETS.branchModerators);

/** Secretaries and staff publish notices (the form's picker says where). */
export const isPublisher = (user: Holder): boolean => holdsAnywhere(user, ROLE_SETS.branchModerators);

/** Orgs whose 三项考核 the user may open: staff their org, secretaries their branch. */
export const assessmentRoots = (user: Holder): string[] =>
  grantOrgIds(user, [...ROLE_SETS.assessmentReaders, ...ROLE_SETS.branchLeaders]);

/** Whether the user is staff on any org of the chain (root first): guidance and cases on theme days below. */
export function isStaffOver(user: Holder, chain: Org[]): boolean {
  const ids = new Set(grantOrgIds(user, ROLE_SETS.staff));
  return chain.some((o) => ids.has(o.id));
}

/** Mirrors the API: a secretary publishes for their own branch, staff for their subtree (chain root first). */
export function canPublishIn(user: Holder, chain: Org[]): boolean {
  const self = chain[chain.length - 1];
  if (!user || !self) return false;
  const ids = new Set(grantOrgIds(user, ROLE_SETS.noticePublishers));
  return chain.some((o) => ids.has(o.id)) || (self.type === 'branch' && isSecretaryOf(user, self.id));
}

/** Orgs the user administers (组织管理, 驿站管理): township admins their township, admins everything below theirs. */
export const staffOrgIds = (user: Holder): string[] => grantOrgIds(user, ROLE_SETS.staff);

/** Orgs whose 党费登记 the user may open: secretaries their branch, staff their subtree. */
export const duesRoots = (user: Holder): string[] => grantOrgIds(user, ROLE_SETS.duesReaders);
