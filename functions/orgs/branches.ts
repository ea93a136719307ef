import { NotFoundError } from '../core/errors';
import { getOrg, type OrgRecord } from './orgs.repository';

/** The branch, or 404 for an unknown id or an org that is not a branch. */
export async function requireBranch(branchId: string): Promise<OrgRecord> {
  const org = await getOrg(branchId);
  if (org?.type !== 'branch') throw new NotFoundError('党支部不存在');
  return org;
}
