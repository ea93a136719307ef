// Invitation codes. Redeeming is "bump a counter and claim a grant" in one transaction, so a code with one use
// left can never be redeemed twice, however many phones tap at once; a revoked or expired code fails the same condition.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut } from '../audit/audit';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage, type Page } from '../core/pagination';
import type { Principal } from '../core/policy';
import { failedAt, transactWrite, type TransactItems } from '../core/transact';
import { birthdayKeys, grantItem, userKeys } from '../users/user.entity';
import { impliedGrantWrites } from '../users/users.repository';
import { invitationItem, invitationKeys, toInvitation, toInvitationRecord, type InvitationRecord } from './invitation.entity';

type Org = { id: string; path: string[] };

/** Stores a new invitation with its audit entry; false if the code is taken (the caller draws another). */
export async function putInvitation(by: Principal, inv: InvitationRecord, org: Org): Promise<boolean> {
  const outcome = await transactWrite([
    { Put: { TableName: TABLE, Item: invitationItem(inv), ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut(by, { action: 'invitation.create', org, target: { kind: 'invitation', id: inv.code }, after: toInvitation(inv) }),
  ]);
  return outcome.committed;
}

export async function getInvitation(code: string): Promise<InvitationRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: invitationKeys.invitation(code), ConsistentRead: true }));
  return out.Item ? toInvitationRecord(out.Item) : undefined;
}

/** A page of an org's invitations, newest first. */
export function listInvitationsOf(orgId: string, limit: number, cursor?: string): Promise<Page<InvitationRecord>> {
  return queryPage({ index: 'gsi1', pk: invitationKeys.ofOrg(orgId), limit, cursor, forward: false }, toInvitationRecord);
}

/** Marks the code revoked, with its audit entry; false if it already was. */
export async function revokeInvitationCode(by: Principal, inv: InvitationRecord, org: Org, at: string): Promise<boolean> {
  const outcome = await transactWrite([
    {
      Update: {
        TableName: TABLE,
        Key: invitationKeys.invitation(inv.code),
        UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':at': at, ':by': by.userId },
      },
    },
    auditPut(by, { action: 'invitation.revoke', org, target: { kind: 'invitation', id: inv.code }, before: toInvitation(inv), after: { revokedAt: at } }),
  ]);
  return outcome.committed;
}

/** Uses one of the code's uses: fails when it has none left, has expired or was revoked. */
export function useInvitation(code: string, now: string): TransactItems[number] {
  return {
    Update: {
      TableName: TABLE,
      Key: invitationKeys.invitation(code),
      UpdateExpression: 'ADD uses :one',
      ConditionExpression: 'uses < maxUses AND expiresAt > :now AND attribute_not_exists(revokedAt)',
      ExpressionAttributeValues: { ':one': 1, ':now': now },
    },
  };
}

export type RedeemOutcome = 'granted' | 'already_granted' | 'unusable' | 'account_deleted';

export async function redeem(by: Principal, inv: InvitationRecord, org: Org, joinedPartyOn?: string): Promise<RedeemOutcome> {
  const userId = by.userId;
  const now = new Date().toISOString();
  const birthday = joinedPartyOn ? birthdayKeys(userId, joinedPartyOn) : undefined;
  const grant = { role: inv.role, orgId: inv.orgId };
  const outcome = await transactWrite([
    useInvitation(inv.code, now),
    { Put: { TableName: TABLE, Item: grantItem(userId, grant, now), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        TableName: TABLE,
        Key: userKeys.profile(userId),
        UpdateExpression: birthday ? 'SET updatedAt = :now, joinedPartyOn = :jp, gsi3pk = :g3pk, gsi3sk = :g3sk' : 'SET updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)',
        ExpressionAttributeValues: { ':now': now, ...(birthday ? { ':jp': joinedPartyOn, ':g3pk': birthday.gsi3pk, ':g3sk': birthday.gsi3sk } : {}) },
      },
    },
    auditPut(by, { action: 'grant.add', org, target: { kind: 'user', id: userId }, after: { ...grant, invitation: inv.code } }),
    ...impliedGrantWrites(userId, grant, now),
  ]);
  // Holding the grant already is success: redeeming twice must not burn a second use.
  if (failedAt(outcome, 1)) return 'already_granted';
  if (failedAt(outcome, 0)) return 'unusable';
  if (failedAt(outcome, 2)) return 'account_deleted';
  return 'granted';
}
