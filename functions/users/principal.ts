// Loading the caller on every request: one strongly consistent Query of the user's partition (profile + grants).
// Kept apart from users.repository so the request stack, which every function has, reaches only this read.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from '../core/dynamo';
import type { Principal } from '../core/policy';
import { readUserPartition, toGrant, toUser, userKeys, type ProfileRecord } from './user.entity';

interface UserPartition {
  profile?: ProfileRecord;
  grantItems: Record<string, unknown>[];
}

/** Profile and grant items in one strongly consistent Query of the user's partition. */
export async function readPartition(userId: string): Promise<UserPartition> {
  // One Query (no paging helper): the request stack reaches this file in every function, and nothing more.
  const out = await ddb.send(
    new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': userKeys.profile(userId).pk }, ConsistentRead: true }),
  );
  return readUserPartition(out.Items ?? []);
}

/** The caller with their grants; undefined for unknown or deleted users. */
export async function loadPrincipal(userId: string): Promise<Principal | undefined> {
  const { profile, grantItems } = await readPartition(userId);
  if (!profile || profile.deletedAt) return undefined;
  const grants = grantItems.map(toGrant);
  return { userId, grants, user: toUser(profile, grants), ...(profile.openid ? { openid: profile.openid } : {}) };
}
