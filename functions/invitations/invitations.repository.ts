// Invitation codes. Redeeming is "bump a counter and claim a grant" in one transaction, so a code with one use
// left can never be redeemed twice, however many phones tap at once.
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Grant } from '@shared/schemas/people';
import { TABLE, ddb } from '../core/dynamo';
import { birthdayKeys, grantItem, userKeys } from '../users/user.entity';

export interface InvitationRecord extends Grant {
  code: string;
  maxUses: number;
  uses: number;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
}

const key = (code: string) => ({ pk: `INVITE#${code}`, sk: 'INVITE' });

/** Stores a new invitation; false if the code is taken (the caller draws another). */
export async function putInvitation(inv: InvitationRecord): Promise<boolean> {
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          ...key(inv.code),
          entity: 'invitation',
          ...inv,
          // Kept a month past expiry for audit, then removed by TTL.
          ttl: Math.floor(Date.parse(inv.expiresAt) / 1000) + 30 * 24 * 3600,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

export async function getInvitation(code: string): Promise<InvitationRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: key(code), ConsistentRead: true }));
  return out.Item as InvitationRecord | undefined;
}

export type RedeemOutcome = 'granted' | 'already_granted' | 'used_up';

export async function redeem(inv: InvitationRecord, userId: string, joinedPartyOn?: string): Promise<RedeemOutcome> {
  const now = new Date().toISOString();
  try {
    await ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: TABLE,
              Key: key(inv.code),
              UpdateExpression: 'ADD uses :one',
              ConditionExpression: 'uses < maxUses AND expiresAt > :now',
              ExpressionAttributeValues: { ':one': 1, ':now': now },
            },
          },
          {
            Put: {
              TableName: TABLE,
              Item: grantItem(userId, inv, now),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: TABLE,
              Key: userKeys.profile(userId),
              UpdateExpression: joinedPartyOn ? 'SET updatedAt = :now, joinedPartyOn = :jp, gsi3pk = :g3pk, gsi3sk = :g3sk' : 'SET updatedAt = :now',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)',
              ExpressionAttributeValues: {
                ':now': now,
                ...(joinedPartyOn
                  ? { ':jp': joinedPartyOn, ':g3pk': birthdayKeys(userId, joinedPartyOn).gsi3pk, ':g3sk': birthdayKeys(userId, joinedPartyOn).gsi3sk }
                  : {}),
              },
            },
          },
        ],
      }),
    );
    return 'granted';
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const [invite, grant] = err.CancellationReasons ?? [];
    // Holding the grant already is success: redeeming twice must not burn a second use.
    if (grant?.Code === 'ConditionalCheckFailed') return 'already_granted';
    if (invite?.Code === 'ConditionalCheckFailed') return 'used_up';
    throw err;
  }
}
