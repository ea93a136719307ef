// Users, their grants and their WeChat identity. One partition per user (profile + grants); reading it lives in
// ./principal so the request stack reaches no write.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from '../core/dynamo';
import { newId } from '../core/ids';
import { recordOf, type Item } from '../core/item';
import { batchRead, foundItems, readTogether, type BatchRead } from '../core/batch';
import { queryPage, type Page } from '../core/pagination';
import { retrying, transactWrite, TRY_AGAIN, type TransactItems } from '../core/transact';
import type { PartyStatus } from '@shared/schemas/members';
import type { Grant } from '@shared/schemas/people';
import { impliedRole } from '@shared/roles';
import {
  birthdayKeys,
  DELETED_NAME,
  grantItem,
  identityItem,
  orgGrantsOfRole,
  profileItem,
  toProfileRecord,
  userKeys,
  type FormerMemberRecord,
  type ProfileRecord,
} from './user.entity';
import { readPartition } from './principal';

export { loadPrincipal } from './principal';

export async function findUserIdByOpenid(openid: string): Promise<string | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: userKeys.identity(openid), ConsistentRead: true }));
  return out.Item?.userId as string | undefined;
}

/**
 * Claims the openid and creates the profile in one transaction; if another request claimed the openid first,
 * its user wins and is returned.
 */
export function createUserForOpenid(openid: string, displayName: string): Promise<string> {
  const at = new Date().toISOString();
  const id = newId();
  return retrying(async () => {
    const outcome = await transactWrite([
      { Put: { TableName: TABLE, Item: identityItem(openid, id, at), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: TABLE, Item: profileItem({ id, displayName, openid, createdAt: at, updatedAt: at }) } },
    ]);
    if (outcome.committed) return id;
    // Claimed by another request; read again if that user was being deleted at the same moment.
    return (await findUserIdByOpenid(openid)) ?? TRY_AGAIN;
  });
}

export interface ProfileChanges {
  displayName?: string;
  villageId?: string | null;
  joinedPartyOn?: string | null;
  partyStatus?: PartyStatus;
  phone?: { enc: string; masked: string } | null;
}

/** The Update applying a partial change (`null` removes a field), for a transaction; its condition fails for a deleted user. */
export function profileUpdate(userId: string, changes: ProfileChanges, now = new Date().toISOString()): NonNullable<TransactItems[number]['Update']> {
  const set: string[] = ['updatedAt = :now'];
  const remove: string[] = [];
  const values: Record<string, unknown> = { ':now': now };
  const field = (name: string, value: unknown) => {
    if (value === undefined) return;
    if (value === null) remove.push(name);
    else {
      set.push(`${name} = :${name}`);
      values[`:${name}`] = value;
    }
  };
  field('displayName', changes.displayName);
  field('villageId', changes.villageId);
  field('joinedPartyOn', changes.joinedPartyOn);
  field('partyStatus', changes.partyStatus);
  if (changes.joinedPartyOn === null) remove.push('gsi3pk', 'gsi3sk');
  else if (changes.joinedPartyOn) {
    const keys = birthdayKeys(userId, changes.joinedPartyOn);
    field('gsi3pk', keys.gsi3pk);
    field('gsi3sk', keys.gsi3sk);
  }
  if (changes.phone === null) remove.push('phoneEnc', 'phoneMasked');
  else if (changes.phone) {
    field('phoneEnc', changes.phone.enc);
    field('phoneMasked', changes.phone.masked);
  }
  return {
    TableName: TABLE,
    Key: userKeys.profile(userId),
    UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)',
    ExpressionAttributeValues: values,
  };
}

/** Applies a partial update; `null` removes a field. Fails (ConditionalCheckFailed) for a deleted user. */
export async function updateProfile(userId: string, changes: ProfileChanges): Promise<void> {
  await ddb.send(new UpdateCommand(profileUpdate(userId, changes)));
}

/**
 * Erases personal fields, releases the WeChat identity and drops grants, all or nothing. The profile stays as
 * "已注销用户" so content the user wrote keeps an author without naming them.
 */
export async function eraseUser(userId: string): Promise<void> {
  const { profile, grantItems: grants } = await readPartition(userId);
  if (!profile || profile.deletedAt) return;
  const now = new Date().toISOString();
  const transact: TransactItems = [
    {
      Update: {
        TableName: TABLE,
        Key: userKeys.profile(userId),
        UpdateExpression:
          'SET displayName = :name, deletedAt = :now, updatedAt = :now REMOVE openid, villageId, joinedPartyOn, phoneEnc, phoneMasked, gsi3pk, gsi3sk',
        ConditionExpression: 'attribute_not_exists(deletedAt)',
        ExpressionAttributeValues: { ':name': DELETED_NAME, ':now': now },
      },
    },
    ...grants.map((g) => ({ Delete: { TableName: TABLE, Key: { pk: g.pk, sk: g.sk } } })),
  ];
  if (profile.openid) transact.push({ Delete: { TableName: TABLE, Key: userKeys.identity(profile.openid) } });
  // A transaction holds at most 100 items; nobody holds anywhere near 98 grants. A concurrent erase that won leaves
  // nothing to do.
  await transactWrite(transact.slice(0, 100));
}

/**
 * For the transaction that adds grant `g`: the grant it implies (IMPLIED_ROLES: a secretary is a member), created if
 * missing, an existing one kept with its date. Unconditional, so it never decides the transaction's outcome.
 */
export function impliedGrantWrites(userId: string, g: Grant, at: string): TransactItems {
  const role = impliedRole(g.role);
  if (!role) return [];
  const { pk, sk, createdAt, ...fields } = grantItem(userId, { role, orgId: g.orgId }, at);
  const names = Object.keys(fields);
  return [
    {
      Update: {
        TableName: TABLE,
        Key: { pk, sk },
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}, createdAt = if_not_exists(createdAt, :at)`,
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
        ExpressionAttributeValues: { ...Object.fromEntries(names.map((n, i) => [`:f${i}`, fields[n]])), ':at': createdAt },
      },
    },
  ];
}

export interface MemberGrant {
  userId: string;
  /** When the grant was made: who counts as "expected" at a past theme day. */
  createdAt: string;
}

const toMemberGrant = (item: Item): MemberGrant => recordOf<MemberGrant>(item);

/** A page of the members of a branch (the org's grants index, role `member`). */
export function listMemberGrants(orgId: string, limit: number, cursor?: string): Promise<Page<MemberGrant>> {
  return queryPage({ index: 'gsi1', pk: userKeys.orgGrants(orgId), skPrefix: 'member#', limit, cursor }, toMemberGrant);
}

/** Every member of a branch: branches are small (tens of members), so this is a few pages at most. */
export async function allMemberGrants(orgId: string): Promise<MemberGrant[]> {
  const all: MemberGrant[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMemberGrants(orgId, 200, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export async function hasGrant(userId: string, grant: Grant): Promise<boolean> {
  return Boolean(await getGrant(userId, grant));
}

/** One grant with its date, read consistently (a decision on it follows). */
export async function getGrant(userId: string, grant: Grant): Promise<MemberGrant | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: userKeys.grant(userId, grant), ConsistentRead: true }));
  return out.Item ? toMemberGrant(out.Item) : undefined;
}

/** A page of an org's grants (gsi1), optionally of one role. */
export function listOrgGrants(orgId: string, limit: number, cursor?: string, role?: Grant['role']): Promise<Page<Grant & MemberGrant>> {
  return queryPage({ index: 'gsi1', pk: userKeys.orgGrants(orgId), ...(role ? { skPrefix: orgGrantsOfRole(role) } : {}), limit, cursor }, (i) => recordOf<Grant & MemberGrant>(i));
}

export interface Membership extends MemberGrant {
  /** Set for a membership that ended: the start of the day after leaving. */
  leftAt?: string;
}

/** Everyone who has been a member of the branch: current members and those who left or moved away. */
export async function branchMemberships(branchId: string): Promise<Membership[]> {
  const former: Membership[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ index: 'gsi1', pk: userKeys.orgFormerMembers(branchId), limit: 500, cursor }, (i) => recordOf<FormerMemberRecord>(i));
    former.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return [...(await allMemberGrants(branchId)), ...former];
}

/** Profiles by id, as part of a batch; deleted users keep their anonymised profile, so authors always resolve to a name. */
export function profilesRead(ids: string[]): BatchRead<Map<string, ProfileRecord>> {
  const keys = ids.map((id) => userKeys.profile(id));
  return batchRead(keys, (found) => new Map(foundItems(found, keys).map(toProfileRecord).map((p) => [p.id, p])));
}

/** Display names by id, as part of a batch (see core/batch). */
export function displayNamesRead(ids: string[]): BatchRead<Map<string, string>> {
  const profiles = profilesRead(ids);
  return batchRead(profiles.keys, (found) => {
    const byId = profiles.result(found);
    return new Map(ids.map((id) => [id, byId.get(id)?.displayName ?? DELETED_NAME]));
  });
}

export const profilesById = async (ids: string[]) => (await readTogether([profilesRead(ids)]))[0];

export const displayNames = async (ids: string[]) => (await readTogether([displayNamesRead(ids)]))[0];
