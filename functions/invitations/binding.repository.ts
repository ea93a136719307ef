// Binding a WeChat identity to a member's profile that has none (an imported member), from a binding invitation. One
// transaction: the code's one use, the identity moved from the caller's empty account to the profile, the profile
// claimed (only while it has no openid), the empty account removed (only if unchanged since it was found empty) and
// the audit entry. So a code binds once however many taps race, and a profile is bound to one WeChat.
import { auditPut } from '../audit/audit';
import { bookingKeys } from '../bookings/booking.entity';
import { concernKeys } from '../concerns/concern.entity';
import { TABLE } from '../core/dynamo';
import { queryPage } from '../core/pagination';
import type { Principal } from '../core/policy';
import { failedAt, transactWrite } from '../core/transact';
import { userKeys } from '../users/user.entity';
import { useInvitation } from './invitations.repository';

/** What an account holds beyond its profile: grants or past memberships, or concerns or bookings it made (3 Queries). */
export async function accountHoldings(userId: string): Promise<{ grants: boolean; records: boolean }> {
  const first = (pk: string, index?: 'gsi1') => queryPage({ ...(index ? { index } : {}), pk, limit: 2 }, (i) => i.sk);
  const [own, concerns, bookings] = await Promise.all([
    first(userKeys.profile(userId).pk),
    first(concernKeys.mine(userId), 'gsi1'),
    first(bookingKeys.bookingsOfUser(userId), 'gsi1'),
  ]);
  return { grants: own.items.some((sk) => sk !== userKeys.profile(userId).sk), records: concerns.items.length + bookings.items.length > 0 };
}

export interface Binding {
  code: string;
  org: { id: string; path: string[] };
  openid: string;
  /** The caller's own (empty) account, and its `updatedAt` when it was found empty. */
  fromUserId: string;
  fromUpdatedAt: string;
  /** The member's profile the WeChat identity moves to. */
  toUserId: string;
}

export type BindOutcome = 'bound' | 'unusable' | 'identity_moved' | 'profile_bound' | 'account_changed';

export async function bindWechat(by: Principal, b: Binding): Promise<BindOutcome> {
  const now = new Date().toISOString();
  const outcome = await transactWrite([
    useInvitation(b.code, now),
    {
      Update: {
        TableName: TABLE,
        Key: userKeys.identity(b.openid),
        UpdateExpression: 'SET userId = :to, boundAt = :now',
        ConditionExpression: 'userId = :from',
        ExpressionAttributeValues: { ':to': b.toUserId, ':from': b.fromUserId, ':now': now },
      },
    },
    {
      Update: {
        TableName: TABLE,
        Key: userKeys.profile(b.toUserId),
        UpdateExpression: 'SET openid = :openid, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt) AND attribute_not_exists(openid)',
        ExpressionAttributeValues: { ':openid': b.openid, ':now': now },
      },
    },
    {
      Delete: {
        TableName: TABLE,
        Key: userKeys.profile(b.fromUserId),
        ConditionExpression: 'updatedAt = :seen AND attribute_not_exists(deletedAt)',
        ExpressionAttributeValues: { ':seen': b.fromUpdatedAt },
      },
    },
    auditPut(by, { action: 'member.bind', org: b.org, target: { kind: 'user', id: b.toUserId }, after: { invitation: b.code, wechatBound: true, replacedAccount: b.fromUserId } }),
  ]);
  if (outcome.committed) return 'bound';
  if (failedAt(outcome, 1)) return 'identity_moved';
  if (failedAt(outcome, 2)) return 'profile_bound';
  if (failedAt(outcome, 0)) return 'unusable';
  return 'account_changed';
}
