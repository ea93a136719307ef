// Writes of people administration. Each change and its audit entry go in one transaction (see audit/audit.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { rolesImplying } from '@shared/roles';
import type { Grant } from '@shared/schemas/people';
import { auditPut, type AuditChange } from '../audit/audit';
import { TABLE, ddb } from '../core/dynamo';
import { queryPage } from '../core/pagination';
import type { Principal } from '../core/policy';
import { failedAt, transactWrite, type TransactItems } from '../core/transact';
import { formerMemberItem, grantItem, userKeys } from '../users/user.entity';
import { impliedGrantWrites, profileUpdate, type ProfileChanges } from '../users/users.repository';
import { toTransfer, transferItem, transferKeys, type TransferRecord } from './transfer.entity';

type Org = { id: string; path: string[] };
type Tx = TransactItems[number];

const grantPut = (userId: string, g: Grant, at: string): Tx => ({
  Put: { TableName: TABLE, Item: grantItem(userId, g, at), ConditionExpression: 'attribute_not_exists(pk)' },
});
const grantDelete = (userId: string, g: Grant): Tx => ({
  Delete: { TableName: TABLE, Key: userKeys.grant(userId, g), ConditionExpression: 'attribute_exists(pk)' },
});

/**
 * Ends a membership: the member grant goes (access ends now), and with it a secretary grant there, if any (a secretary
 * is a member: IMPLIED_ROLES); a former-member record keeps the history. The member grant's delete comes first.
 */
function endMembership(userId: string, branchId: string, joinedAt: string, leftAt: string): Tx[] {
  return [
    grantDelete(userId, { role: 'member', orgId: branchId }),
    { Put: { TableName: TABLE, Item: formerMemberItem({ userId, branchId, createdAt: joinedAt, leftAt }) } },
    ...rolesImplying('member').map((role): Tx => ({ Delete: { TableName: TABLE, Key: userKeys.grant(userId, { role, orgId: branchId }) } })),
  ];
}

/**
 * Adds a grant (and the one it implies). The profile is touched in the same transaction: a grant never lands on an
 * erased account, and a binding that found the account empty sees it changed (invitations/binding.repository.ts).
 */
export async function addGrantItem(by: Principal, userId: string, g: Grant, org: Org, at: string): Promise<'added' | 'held' | 'gone'> {
  const outcome = await transactWrite([
    grantPut(userId, g, at),
    { Update: profileUpdate(userId, {}, at) },
    auditPut(by, { action: 'grant.add', org, target: { kind: 'user', id: userId }, after: g }),
    ...impliedGrantWrites(userId, g, at),
  ]);
  if (failedAt(outcome, 1)) return 'gone';
  return failedAt(outcome, 0) ? 'held' : 'added';
}

/** Removes a grant; false if it was not held. */
export async function revokeGrantItem(by: Principal, userId: string, g: Grant, org: Org): Promise<boolean> {
  const outcome = await transactWrite([grantDelete(userId, g), auditPut(by, { action: 'grant.revoke', org, target: { kind: 'user', id: userId }, before: g })]);
  return outcome.committed;
}

/** Changes a member's profile fields; false if the user is gone. */
export async function updateMemberProfile(by: Principal, userId: string, changes: ProfileChanges, audit: Omit<AuditChange, 'action' | 'target'>): Promise<boolean> {
  const outcome = await transactWrite([
    { Update: profileUpdate(userId, changes) },
    auditPut(by, { action: 'member.update', target: { kind: 'user', id: userId }, ...audit }),
  ]);
  return outcome.committed;
}

/** A member leaves the branch; false if they were no member. */
export async function leaveItems(by: Principal, userId: string, branch: Org, joinedAt: string, leftAt: string): Promise<boolean> {
  const outcome = await transactWrite([
    ...endMembership(userId, branch.id, joinedAt, leftAt),
    auditPut(by, { action: 'member.leave', org: branch, target: { kind: 'user', id: userId }, before: { joinedBranchAt: joinedAt }, after: { leftAt } }),
  ]);
  return outcome.committed;
}

export async function putTransfer(by: Principal, t: TransferRecord, from: Org): Promise<void> {
  await transactWrite([
    { Put: { TableName: TABLE, Item: transferItem(t), ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut(by, { action: 'member.transfer.request', org: from, target: { kind: 'user', id: t.userId }, after: { fromBranchId: t.fromBranchId, toBranchId: t.toBranchId } }),
  ]);
}

export async function getTransfer(id: string): Promise<TransferRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: transferKeys.transfer(id), ConsistentRead: true }));
  return out.Item ? toTransfer(out.Item) : undefined;
}

export type DecideOutcome = 'done' | 'already_decided' | 'not_member' | 'already_member';

/**
 * Records the decision on a pending transfer. Accepting moves the member in the same transaction: the sending branch's
 * grant ends (kept as history), the receiving branch's begins.
 */
export async function decideTransferItems(by: Principal, t: TransferRecord, decided: TransferRecord, to: Org, joinedAt: string): Promise<DecideOutcome> {
  const accept = decided.status === 'accepted';
  const items: Tx[] = [
    { Put: { TableName: TABLE, Item: transferItem(decided), ConditionExpression: '#s = :pending', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':pending': 'pending' } } },
    auditPut(by, {
      action: accept ? 'member.transfer.accept' : 'member.transfer.decline',
      org: to,
      target: { kind: 'user', id: t.userId },
      before: { status: t.status },
      after: { status: decided.status, fromBranchId: t.fromBranchId, toBranchId: t.toBranchId },
    }),
  ];
  const ended = items.length;
  if (accept) items.push(...endMembership(t.userId, t.fromBranchId, joinedAt, decided.decidedAt!), grantPut(t.userId, { role: 'member', orgId: t.toBranchId }, decided.decidedAt!));
  const outcome = await transactWrite(items);
  if (failedAt(outcome, 0)) return 'already_decided';
  if (failedAt(outcome, ended)) return 'not_member';
  if (failedAt(outcome, items.length - 1)) return 'already_member';
  return 'done';
}

/** A branch's pending transfers, both ways: two Queries. */
export async function pendingTransfers(branchId: string): Promise<{ incoming: TransferRecord[]; outgoing: TransferRecord[] }> {
  const [incoming, outgoing] = await Promise.all([
    queryPage({ index: 'gsi1', pk: transferKeys.incoming(branchId), limit: 100, forward: false }, toTransfer),
    queryPage({ index: 'gsi2', pk: transferKeys.outgoing(branchId), limit: 100, forward: false }, toTransfer),
  ]);
  return { incoming: incoming.items, outgoing: outgoing.items };
}
