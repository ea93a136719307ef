// Strongly consistent reads that decisions are made on. Apart from dynamo.ts so that a function's IAM role
// (derived from what its code imports) grants these actions only to functions that use them.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from './dynamo';

/** One item by key, strongly consistent (what a decision is made on); undefined when absent. */
export async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  return (await ddb.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
}

/**
 * Every item of one table partition (all pages), strongly consistent, optionally only a sort-key prefix or an
 * inclusive sort-key range: the small partitions a decision reads whole (a user's grants, a slot's bookers).
 */
export async function queryPartition(pk: string, sk?: { prefix: string } | { between: [string, string] }): Promise<Record<string, unknown>[]> {
  const range = !sk ? '' : 'prefix' in sk ? ' AND begins_with(sk, :a)' : ' AND sk BETWEEN :a AND :b';
  const values = !sk ? {} : 'prefix' in sk ? { ':a': sk.prefix } : { ':a': sk.between[0], ':b': sk.between[1] };
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: `pk = :pk${range}`,
        ExpressionAttributeValues: { ':pk': pk, ...values },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
}
