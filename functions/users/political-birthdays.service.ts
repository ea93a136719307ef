// Political birthdays (政治生日): the anniversary of joining the party, shown per branch and month.
import { ROLE_SETS } from '@shared/roles';
import type { PoliticalBirthday } from '@shared/schemas/themeday';
import { requireRole, type Principal } from '../core/policy';
import { requireBranch } from '../orgs/branches';
import { readTogether } from '../core/batch';
import { celebrationsRead } from './birthday-celebrations';
import { allMemberGrants, profilesRead } from './users.repository';

/** The branch's members whose anniversary falls in `month` (`YYYY-MM`), by day, with their years in the party. */
export async function politicalBirthdays(principal: Principal, branchId: string, month: string): Promise<{ items: PoliticalBirthday[] }> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.branchReaders, branch.path);
  const [year, mm] = month.split('-');
  // The members' 1+X records of the year in the batch of their profiles: the list shows which were celebrated.
  const ids = (await allMemberGrants(branchId)).map((m) => m.userId);
  const [profiles, celebrations] = await readTogether([profilesRead(ids), celebrationsRead(branchId, Number(year), ids)]);
  const items = [...profiles.values()]
    .filter((p) => !p.deletedAt && p.joinedPartyOn?.slice(5, 7) === mm && p.joinedPartyOn.slice(0, 4) < year)
    .map((p) => ({ userId: p.id, displayName: p.displayName, joinedPartyOn: p.joinedPartyOn!, years: Number(year) - Number(p.joinedPartyOn!.slice(0, 4)), celebration: celebrations.get(p.id) ?? null }))
    .sort((a, b) => a.joinedPartyOn.slice(5).localeCompare(b.joinedPartyOn.slice(5)) || a.displayName.localeCompare(b.displayName));
  return { items };
}
