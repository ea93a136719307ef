// Fresh people with grants, made through the real invitation flow, so tests that change a branch own it.
import { call, freshUser, login } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';

export interface Person {
  token: string;
  userId: string;
  openid: string;
}

/** Fresh users holding `role` on `orgId`, invited by `inviter` (a persona allowed to invite to that role). */
export async function withGrant(role: string, orgId: string, count: number, inviter = 'demo-admin'): Promise<Person[]> {
  const invite = await call('createInvitation', { token: await login(inviter), body: { role, orgId, maxUses: count } });
  if (invite.status !== 201) throw new Error(`invitation failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const people: Person[] = [];
  // In small batches: redeeming is a transaction on one invitation item.
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async () => {
        const u = await freshUser(role);
        const res = await call('redeemInvitation', { token: u.token, params: { code: invite.body.code } });
        if (res.status !== 200) throw new Error(`redeem failed: ${res.status} ${JSON.stringify(res.body)}`);
        return { token: u.token, userId: u.userId, openid: u.openid };
      }),
    );
    people.push(...batch);
  }
  return people;
}

/** A township of the file's own with its admin, a secretary of its first branch and `members` members there (default 3). */
export async function staffedTownship(tag: string, opts: { villages?: number; members?: number } = {}): Promise<{ org: OwnTownship; admin: Person; secretary: Person; members: Person[] }> {
  const org = await ownTownship(tag, { villages: opts.villages });
  const [[admin], [secretary], members] = await Promise.all([
    withGrant('township_admin', org.townshipId, 1),
    withGrant('secretary', org.branchId, 1),
    withGrant('member', org.branchId, opts.members ?? 3),
  ]);
  return { org, admin: admin!, secretary: secretary!, members };
}
