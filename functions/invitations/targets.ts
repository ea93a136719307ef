// What a grant can name: an org (branch, township, city, …) or a station (officials). Invitations and grants resolve
// their org id here, and check it against INVITATION_RULES.
import { INVITATION_RULES } from '@shared/roles';
import type { Grant } from '@shared/schemas/people';
import { NotFoundError, ValidationError } from '../core/errors';
import { getOrg, getStation } from '../orgs/orgs.repository';

export interface GrantTarget {
  id: string;
  kind: string;
  path: string[];
}

const TARGET_WORDS = { branch: '党支部', station: '驻点工作室', township: '乡镇（街道）', city: '市' } as const;

export type InvitableRole = keyof typeof INVITATION_RULES;

/** The org or station with this id, or 404. */
export async function requireTarget(orgId: string): Promise<GrantTarget> {
  const org = await getOrg(orgId);
  if (org) return { id: org.id, kind: org.type, path: org.path };
  const station = await getStation(orgId);
  if (station) return { id: station.id, kind: 'station', path: station.path };
  throw new NotFoundError('组织不存在');
}

/** The target of a grant of `role` on `orgId`; 400 when that role cannot be held there (a member of a village). */
export async function targetFor(role: Grant['role'], orgId: string): Promise<GrantTarget> {
  const rule = INVITATION_RULES[role as InvitableRole];
  const target = rule && (await requireTarget(orgId).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }));
  if (!rule || target?.kind !== rule.target) {
    const words = rule ? TARGET_WORDS[rule.target] : '可授权的组织';
    throw new ValidationError(`该角色只能授予${words}`, [{ path: 'orgId', message: `不是有效的${words}` }]);
  }
  return target;
}
