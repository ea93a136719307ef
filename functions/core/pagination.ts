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

/** Where a cursor keeps its range: not an attribute name the table uses. */
const RANGE = '~range';
type SkRange = [string | number, string | number];
const isRange = (v: unknown): v is SkRange =>
  Array.isArray(v) && v.length === 2 && v.every((b) => typeof b === 'string' || typeof b === 'number');

export async function queryPage<T>(req: PageRequest, toItem: (raw: Record<string, unknown>) => T): Promise<Page<T>> {
  const pkName = req.index ? `${req.index}pk` : 'pk';
  const skName = req.index === 'gsi4' ? 'gsi4n' : req.index ? `${req.index}sk` : 'sk';
  // The cursor is bound to the exact list (index, partition, prefix, order) it was issued for, and carries the
  // sort-key range its first page was read with: a list whose bound defaults to "now" pages on in that range, although
  // the next request's "now" has moved on.
  const scope = `${req.index ?? 'table'}|${req.pk}|${req.skPrefix ?? ''}|${req.forward === false ? 'desc' : 'asc'}`;
  const { jwtSecret } = await secrets();
  const { [RANGE]: carried, ...decoded } = decodeCursor(jwtSecret, scope, req.cursor) ?? {};
  const startKey = req.cursor === undefined ? undefined : decoded;
  const skBetween = isRange(carried) ? carried : req.skBetween;
  // A range that ends before it starts (a lone `to` before a default `from` of now) is empty; DynamoDB would refuse it.
  if (skBetween && skBetween[0] > skBetween[1]) return { items: [], nextCursor: null, scannedCount: 0 };
  const names: Record<string, string> = { '#pk': pkName, ...(req.filter?.ExpressionAttributeNames ?? {}) };
  const values: Record<string, unknown> = { ':pk': req.pk, ...(req.filter?.ExpressionAttributeValues ?? {}) };
  let condition = '#pk = :pk';
  if (req.skPrefix) {
    names['#sk'] = skName;
    values[':skp'] = req.skPrefix;
    condition += ' AND begins_with(#sk, :skp)';
  } else if (skBetween) {
    names['#sk'] = skName;
    values[':skFrom'] = skBetween[0];
    values[':skTo'] = skBetween[1];
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
    nextCursor: encodeCursor(jwtSecret, scope, out.LastEvaluatedKey && (skBetween ? { ...out.LastEvaluatedKey, [RANGE]: skBetween } : out.LastEvaluatedKey)),
    scannedCount: out.ScannedCount,
  };
}
