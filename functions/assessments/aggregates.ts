import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TABLE } from '../core/dynamo';
import { aggKeys, branchPath, periodsOf, type Figures } from './aggregate.entity';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The transaction items that add `delta` to a branch's figures for the periods of `startsAt`, and to the totals
 * its county and township keep for the levels above. Callers put them in the same transaction as the event.
 */
export function aggregateUpdates(path: string[], startsAt: string, delta: Partial<Figures>): TransactItem[] {
  const p = branchPath(path);
  const entries = Object.entries(delta).filter(([, v]) => v !== 0);
  if (!entries.length) return [];
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
    update(aggKeys.branchRow(period, p), { entity: 'agg_branch', branchId: p.branch, villageId: p.village }),
    update(aggKeys.childTotal(period, p.city, p.county), { entity: 'agg_total', orgId: p.county }),
    update(aggKeys.childTotal(period, p.county, p.township), { entity: 'agg_total', orgId: p.township }),
  ]);
}
