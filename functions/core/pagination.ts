// Every list is one Query on the table or an index, a page at a time, with an opaque cursor.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor';
import { TABLE, ddb } from './dynamo';
import { secrets } from './secrets';

/** gsi1–gsi3 sort by a string key; gsi4 by a number (`gsi4n`), e.g. a live counter. */
export type IndexName = 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4';

export interface PageRequest {
  index?: IndexName;
  pk: string;
  /** Restricts the sort key to a prefix. */
  skPrefix?: string;
  /** Restricts the sort key to an inclusive range (string or numeric, as the index sorts). */
  skBetween?: [string | number, string | number];
  limit: number;
  cursor?: string;
  /** Newest first when false (keys are time-ordered). */
  forward?: boolean;
  filter?: Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Items DynamoDB read for this page (before filters): what a page costs. Not part of any response. */
  scannedCount?: number;
}

export async function queryPage<T>(req: PageRequest, toItem: (raw: Record<string, unknown>) => T): Promise<Page<T>> {
  const pkName = req.index ? `${req.index}pk` : 'pk';
  const skName = req.index === 'gsi4' ? 'gsi4n' : req.index ? `${req.index}sk` : 'sk';
  // The cursor is bound to the exact list (index, partition, prefix) it was issued for.
  const scope = `${req.index ?? 'table'}|${req.pk}|${req.skPrefix ?? ''}|${req.skBetween?.join('..') ?? ''}|${req.forward === false ? 'desc' : 'asc'}`;
  const { jwtSecret } = await secrets();
  const startKey = decodeCursor(jwtSecret, scope, req.cursor);
  // A range that ends before it starts (a lone `to` before a default `from` of now) is empty; DynamoDB would refuse it.
  if (req.skBetween && req.skBetween[0] > req.skBetween[1]) return { items: [], nextCursor: null, scannedCount: 0 };
  const names: Record<string, string> = { '#pk': pkName, ...(req.filter?.ExpressionAttributeNames ?? {}) };
  const values: Record<string, unknown> = { ':pk': req.pk, ...(req.filter?.ExpressionAttributeValues ?? {}) };
  let condition = '#pk = :pk';
  if (req.skPrefix) {
    names['#sk'] = skName;
    values[':skp'] = req.skPrefix;
    condition += ' AND begins_with(#sk, :skp)';
  } else if (req.skBetween) {
    names['#sk'] = skName;
    values[':skFrom'] = req.skBetween[0];
    values[':skTo'] = req.skBetween[1];
    condition += ' AND #sk BETWEEN :skFrom AND :skTo';
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
    scannedCount: out.ScannedCount,
  };
}
