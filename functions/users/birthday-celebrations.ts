// The "1+X" political birthday: the secretary records the fixed item (重温入党誓词 before the flag) and chosen extras
// for a member's anniversary; the member's birthday card shows it with their years in the party.
//   pk BDAY#<branchId>#<year>   sk <userId>   (the month's list reads its members' rows in its batch of profiles)
import { ROLE_SETS } from '@shared/roles';
import type { BirthdayCard, CelebrateBody, Celebration } from '@shared/schemas/practices';
import { shanghaiMonth } from '@shared/time';
import { TABLE } from '../core/dynamo';
import { InvalidStateError, NotFoundError } from '../core/errors';
import { recordOf } from '../core/item';
import { holds, requireRole, type Principal } from '../core/policy';
import { getItem } from '../core/reads';
import { batchRead, foundItems, type BatchRead } from '../core/batch';
import { auditPut } from '../audit/audit';
import { transactOrThrow } from '../core/transact';
import { requireBranch } from '../orgs/branches';
import { getGrant, profilesById } from './users.repository';
import type { Infer } from '@shared/schemas/lazy';

export type CelebrationRecord = Infer<typeof Celebration>;

export const celebrationKeys = {
  year: (branchId: string, year: number) => `BDAY#${branchId}#${year}`,
  row: (branchId: string, year: number, userId: string) => ({ pk: celebrationKeys.year(branchId, year), sk: userId }),
};

/** These members' celebrations of a year, by member, as part of a batch (see core/batch). */
export function celebrationsRead(branchId: string, year: number, userIds: string[]): BatchRead<Map<string, CelebrationRecord>> {
  const keys = userIds.map((id) => celebrationKeys.row(branchId, year, id));
  return batchRead(keys, (found) => new Map(foundItems(found, keys).map((i) => recordOf<CelebrationRecord>(i)).map((c) => [c.userId, c])));
}

/** Years in the party on the anniversary of `year`. */
export const partyYears = (joinedPartyOn: string, year: number) => year - Number(joinedPartyOn.slice(0, 4));

export async function celebrateBirthday(principal: Principal, branchId: string, userId: string, year: number, body: Infer<typeof CelebrateBody>): Promise<CelebrationRecord> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.branchLeaders, branch.path);
  const [grant, profiles] = await Promise.all([getGrant(userId, { role: 'member', orgId: branchId }), profilesById([userId])]);
  const joined = profiles.get(userId)?.joinedPartyOn;
  if (!grant || !joined) throw new NotFoundError('该党员不在本支部或未填写入党日期');
  if (partyYears(joined, year) < 1) throw new InvalidStateError('入党满一年后才有政治生日');
  // Recorded on or after the anniversary's month, never ahead of it.
  if (`${year}-${joined.slice(5, 7)}` > shanghaiMonth()) throw new InvalidStateError('政治生日还未到，不能提前登记');
  const record: CelebrationRecord = {
    userId,
    branchId,
    year,
    oath: body.oath,
    extras: body.extras,
    ...(body.note ? { note: body.note } : {}),
    celebratedAt: new Date().toISOString(),
  };
  const after = { year, oath: record.oath, extras: record.extras };
  await transactOrThrow(
    [
      { Put: { TableName: TABLE, Item: { ...celebrationKeys.row(branchId, year, userId), entity: 'celebration', ...record } } },
      auditPut(principal, { action: 'birthday.celebrate', org: branch, target: { kind: 'user', id: userId }, after }),
    ],
    () => new Error('celebration not saved'),
  );
  return record;
}

/**
 * The member's card for a year. The member and the branch's readers see it any time; once celebrated it is the card
 * the member shares, so any signed-in user who opens the share sees it. Otherwise 404: an id tells nothing.
 */
export async function birthdayCard(principal: Principal, branchId: string, userId: string, year: number): Promise<Infer<typeof BirthdayCard>> {
  const branch = await requireBranch(branchId);
  const [item, profiles] = await Promise.all([getItem(celebrationKeys.row(branchId, year, userId)), profilesById([userId])]);
  const celebration = item ? recordOf<CelebrationRecord>(item) : null;
  const own = principal.userId === userId && principal.grants.some((g) => g.orgId === branchId);
  if (!celebration && !own && !holds(principal, ROLE_SETS.branchReaders, branch.path)) throw new NotFoundError('生日贺卡不存在');
  const profile = profiles.get(userId);
  if (!profile?.joinedPartyOn || profile.deletedAt) throw new NotFoundError('生日贺卡不存在');
  return {
    userId,
    displayName: profile.displayName,
    branchName: branch.name,
    joinedPartyOn: profile.joinedPartyOn,
    year,
    years: partyYears(profile.joinedPartyOn, year),
    celebration,
  };
}
