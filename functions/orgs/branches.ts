import { NotFoundError } from '../core/errors';
import { getOrg, type OrgRecord } from './orgs.repository';

/** The branch, or 404 for an unknown id or an org that is not a branch. */
export async function requireBranch(branchId: string): Promise<OrgRecord> {
  const org = await getOrg(branchId);
  if (org?.type !== 'branch') throw new NotFoundError('党支部不存在');
  return org;
}

/** Who may read a branch's internal records (ideas, drafts): its members and secretary, and staff above it. */
export const BRANCH_READERS = ['member', 'secretary', 'township_admin', 'admin'] as const;
/** Who leads a branch: its secretary, and township staff above it step in when needed. */
export const BRANCH_LEADERS = ['secretary'] as const;
