// Every list is one Query on the table or an index, a page at a time, with an opaque cursor.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor';
import { TABLE, ddb } from './dynamo';
import { secrets } from './secrets';

export type IndexName = 'gsi1' | 'gsi2' | 'gsi3';

export interface PageRequest {
  index?: IndexName;
  pk: string;
  /** Restricts the sort key to a prefix. */
  skPrefix?: string;
  limit: number;
  cursor?: string;
  /** Newest first when false (keys are time-ordered). */
  forward?: boolean;
  filter?: Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export async function queryPage<T>(req: PageRequest, toItem: (raw: Record<string, unknown>) => T): Promise<Page<T>> {
  const pkName = req.index ? `${req.index}pk` : 'pk';
  const skName = req.index ? `${req.index}sk` : 'sk';
  // The cursor is bound to the exact list (index, partition, prefix) it was issued for.
  const scope = `${req.index ?? 'table'}|${req.pk}|${req.skPrefix ?? ''}|${req.forward === false ? 'desc' : 'asc'}`;
  const { jwtSecret } = await secrets();
  const startKey = decodeCursor(jwtSecret, scope, req.cursor);
  const names: Record<string, string> = { '#pk': pkName, ...(req.filter?.ExpressionAttributeNames ?? {}) };
  const values: Record<string, unknown> = { ':pk': req.pk, ...(req.filter?.ExpressionAttributeValues ?? {}) };
  let condition = '#pk = :pk';
  if (req.skPrefix) {
    names['#sk'] = skName;
    values[':skp'] = req.skPrefix;
    condition += ' AND begins_with(#sk, :skp)';
  }
  const out = await ddb.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: req.index,
      KeyConditionExpression: condition,
      FilterExpression: req.filter?.FilterExpression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ExclusiveStartKey: startKey,
      Limit: req.limit,
      ScanIndexForward: req.forward !== false,
    }),
  );
  return {
    items: (out.Items ?? []).map(toItem),
    nextCursor: encodeCursor(jwtSecret, scope, out.LastEvaluatedKey),
  };
}
