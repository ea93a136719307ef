// User entities (profile, grant, WeChat identity): their keys and their conversion to and from table items.
import type { PartyStatus } from '@shared/schemas/members';
import type { Grant, User } from '@shared/schemas/people';
import { recordOf, type Item } from '../core/item';

export const DELETED_NAME = '已注销用户';

export interface ProfileRecord {
  id: string;
  displayName: string;
  openid?: string;
  villageId?: string;
  joinedPartyOn?: string;
  /** 正式/预备, set by the branch's secretary. */
  partyStatus?: PartyStatus;
  phoneEnc?: string;
  phoneMasked?: string;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
}

const PROFILE_SK = 'PROFILE';
const GRANT_PREFIX = 'GRANT#';

export const userKeys = {
  profile: (userId: string) => ({ pk: `USER#${userId}`, sk: PROFILE_SK }),
  grant: (userId: string, g: Grant) => ({ pk: `USER#${userId}`, sk: `${GRANT_PREFIX}${g.role}#${g.orgId}` }),
  /** Sort-key prefix of the grants in a user's partition. */
  grantPrefix: GRANT_PREFIX,
  identity: (openid: string) => ({ pk: `OPENID#${openid}`, sk: 'IDENTITY' }),
  orgGrants: (orgId: string) => `ORG#${orgId}#GRANTS`,
  /** A past membership of a branch (left or moved away), in the user's partition: one per branch and leaving. */
  formerMember: (userId: string, branchId: string, leftAt: string) => ({ pk: `USER#${userId}`, sk: `LEFT#${branchId}#${leftAt}` }),
  /** A branch's former members, on gsi1: theme days that started before they left still count them. */
  orgFormerMembers: (orgId: string) => `ORG#${orgId}#FORMER`,
  /** Profiles whose party-joining anniversary is on `monthDay` (`MM-DD`), on gsi3. */
  birthdays: (monthDay: string) => `BIRTHDAY#${monthDay}`,
};

/** Profiles are indexed by party-joining anniversary (gsi3), so the daily political-birthday job is one Query. */
export function birthdayKeys(userId: string, joinedPartyOn: string): { gsi3pk: string; gsi3sk: string } {
  return { gsi3pk: userKeys.birthdays(joinedPartyOn.slice(5)), gsi3sk: userId };
}

export function profileItem(p: ProfileRecord): Item {
  return { ...userKeys.profile(p.id), ...(p.joinedPartyOn ? birthdayKeys(p.id, p.joinedPartyOn) : {}), entity: 'user', ...p };
}

export function grantItem(userId: string, g: Grant, at: string): Item {
  return {
    ...userKeys.grant(userId, g),
    gsi1pk: userKeys.orgGrants(g.orgId),
    gsi1sk: `${g.role}#${userId}`,
    entity: 'grant',
    userId,
    role: g.role,
    orgId: g.orgId,
    createdAt: at,
  };
}

/** A membership that ended: from the grant's date to `leftAt` (the start of the day after leaving). */
export interface FormerMemberRecord {
  userId: string;
  branchId: string;
  createdAt: string;
  leftAt: string;
}

export const formerMemberItem = (r: FormerMemberRecord): Item => ({
  ...userKeys.formerMember(r.userId, r.branchId, r.leftAt),
  gsi1pk: userKeys.orgFormerMembers(r.branchId),
  gsi1sk: `${r.userId}#${r.leftAt}`,
  entity: 'former-member',
  ...r,
});

export function identityItem(openid: string, userId: string, at: string): Item {
  return { ...userKeys.identity(openid), entity: 'identity', userId, createdAt: at };
}

export const toProfileRecord = (item: Item): ProfileRecord => recordOf<ProfileRecord>(item);

export function toUser(p: ProfileRecord, grants: Grant[]): User {
  return {
    id: p.id,
    displayName: p.displayName,
    grants,
    ...(p.villageId ? { villageId: p.villageId } : {}),
    ...(p.joinedPartyOn ? { joinedPartyOn: p.joinedPartyOn } : {}),
    ...(p.phoneMasked ? { phoneMasked: p.phoneMasked } : {}),
  };
}

/** The profile and the grant items (keys kept: account erasure deletes them) of one user's partition. */
export function readUserPartition(items: Item[]): { profile?: ProfileRecord; grantItems: Item[] } {
  const profile = items.find((i) => i.sk === PROFILE_SK);
  return { ...(profile ? { profile: recordOf<ProfileRecord>(profile) } : {}), grantItems: items.filter((i) => String(i.sk).startsWith(GRANT_PREFIX)) };
}

/** A grant item as the grant it records. */
export const toGrant = (item: Item): Grant => ({ role: item.role as Grant['role'], orgId: String(item.orgId) });

/** The org grants index (gsi1) sorts by `<role>#<userId>`: the key prefix of one role's holders. */
export const orgGrantsOfRole = (role: Grant['role']) => `${role}#`;
