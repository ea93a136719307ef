// Invitation codes. Redeeming is "bump a counter and claim a grant" in one transaction, so a code with one use
// left can never be redeemed twice, however many phones tap at once.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from '../core/dynamo';
import { failedAt, transactWrite } from '../core/transact';
import { birthdayKeys, grantItem, userKeys } from '../users/user.entity';
import { invitationItem, invitationKeys, toInvitationRecord, type InvitationRecord } from './invitation.entity';

/** Stores a new invitation; false if the code is taken (the caller draws another). */
export async function putInvitation(inv: InvitationRecord): Promise<boolean> {
  try {
    await ddb.send(new PutCommand({ TableName: TABLE, Item: invitationItem(inv), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

export async function getInvitation(code: string): Promise<InvitationRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: invitationKeys.invitation(code), ConsistentRead: true }));
  return out.Item ? toInvitationRecord(out.Item) : undefined;
}

export type RedeemOutcome = 'granted' | 'already_granted' | 'used_up' | 'account_deleted';

export async function redeem(inv: InvitationRecord, userId: string, joinedPartyOn?: string): Promise<RedeemOutcome> {
  const now = new Date().toISOString();
  const birthday = joinedPartyOn ? birthdayKeys(userId, joinedPartyOn) : undefined;
  const outcome = await transactWrite([
    {
      Update: {
        TableName: TABLE,
        Key: invitationKeys.invitation(inv.code),
        UpdateExpression: 'ADD uses :one',
        ConditionExpression: 'uses < maxUses AND expiresAt > :now',
        ExpressionAttributeValues: { ':one': 1, ':now': now },
      },
    },
    { Put: { TableName: TABLE, Item: grantItem(userId, inv, now), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        TableName: TABLE,
        Key: userKeys.profile(userId),
        UpdateExpression: birthday ? 'SET updatedAt = :now, joinedPartyOn = :jp, gsi3pk = :g3pk, gsi3sk = :g3sk' : 'SET updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)',
        ExpressionAttributeValues: { ':now': now, ...(birthday ? { ':jp': joinedPartyOn, ':g3pk': birthday.gsi3pk, ':g3sk': birthday.gsi3sk } : {}) },
      },
    },
  ]);
  // Holding the grant already is success: redeeming twice must not burn a second use.
  if (failedAt(outcome, 1)) return 'already_granted';
  if (failedAt(outcome, 0)) return 'used_up';
  if (failedAt(outcome, 2)) return 'account_deleted';
  return 'granted';
}
