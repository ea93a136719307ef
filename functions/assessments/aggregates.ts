import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TABLE } from '../core/dynamo';
import { belowTownship, type OrgRecord } from '../orgs/org.entity';
import { aggKeys, periodsOf, type Figures } from './aggregate.entity';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Deepest tree an event may count in: 2 periods × (orgs above the township + 1) items, far inside a transaction's 100. */
export const MAX_DEPTH_ABOVE_TOWNSHIP = 20;

/**
 * The transaction items that add `delta` to a branch's figures for the periods of `startsAt`: its row in its township's
 * partition, and the child totals of every org above the township (all of its ancestors when it lies in no township).
 * The branch's current place counts: figures already counted stay where they were when the branch moves.
 * Callers put them in the same transaction as the event.
 */
export function aggregateUpdates(branch: Pick<OrgRecord, 'id' | 'path' | 'townshipId'>, startsAt: string, delta: Partial<Figures>): TransactItem[] {
  const entries = Object.entries(delta).filter(([, v]) => v !== 0);
  if (!entries.length) return [];
  const top = branch.townshipId ? branch.path.indexOf(branch.townshipId) : branch.path.length - 1;
  if (top < 0 || top > MAX_DEPTH_ABOVE_TOWNSHIP) throw new Error(`branch ${branch.id}: ${top} orgs above its township`);
  const add = `ADD ${entries.map(([k]) => `#${k} :${k}`).join(', ')}`;
  const names = Object.fromEntries(entries.map(([k]) => [`#${k}`, k]));
  const values = Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v]));
  const update = (key: { pk: string; sk: string }, set: Record<string, string>): TransactItem => ({
    Update: {
      TableName: TABLE,
      Key: key,
      UpdateExpression: `${add} SET ${Object.keys(set).map((k) => `#s_${k} = :s_${k}`).join(', ')}`,
      ExpressionAttributeNames: { ...names, ...Object.fromEntries(Object.keys(set).map((k) => [`#s_${k}`, k])) },
      ExpressionAttributeValues: { ...values, ...Object.fromEntries(Object.entries(set).map(([k, v]) => [`:s_${k}`, v])) },
    },
  });
  return periodsOf(startsAt).flatMap((period) => [
    ...(branch.townshipId
      ? [update(aggKeys.branchRow(period, branch.townshipId, belowTownship(branch.path, branch.townshipId)), { entity: 'agg_branch', branchId: branch.id })]
      : []),
    ...branch.path.slice(0, top).map((parentId, i) => update(aggKeys.childTotal(period, parentId, branch.path[i + 1]!), { entity: 'agg_total', orgId: branch.path[i + 1]! })),
  ]);
}
