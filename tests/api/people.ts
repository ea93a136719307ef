// Fresh people with grants, made through the real invitation flow, so tests that change a branch own it.
import { call, freshUser, login } from './http';

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
