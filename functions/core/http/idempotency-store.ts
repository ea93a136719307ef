// Where Powertools keeps idempotency records: in our table, one small partition per record. With one static
// partition key every creating POST of the province wrote (twice) to a single partition, which DynamoDB caps at
// about 1,000 writes/s; spread by a hash, the records scale with the table (bench/key-heat.ts checks it).
//
//   pk `IDEMPOTENCY#<hash of the record key>`   sk `<METHOD path>#<md5 of "userId|concrete path|Idempotency-Key">`
//
// The sort key is Powertools' own record key (the route and a hash of caller, concrete path and key, see
// idempotencyScope); the partition is derived from it, so a record is still found with one GetItem.
import type { AttributeValue, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { idempotencyRecordKey } from '../idempotency-key';

/** Powertools' DynamoDB layer with its key spread over partitions instead of one static partition key. */
export class SpreadDynamoDBPersistenceLayer extends DynamoDBPersistenceLayer {
  protected override getKey(recordKey: string): Record<string, AttributeValue> {
    const { pk, sk } = idempotencyRecordKey(recordKey);
    return { pk: { S: pk }, sk: { S: sk } };
  }
}

/**
 * The store every idempotent route shares; records expire through the table's `ttl`. It gets a client of its own:
 * Powertools adds its user-agent middleware to the client it is given, and every request of a shared client would
 * then pay for it.
 */
export function idempotencyPersistence(tableName: string, clientConfig: DynamoDBClientConfig): DynamoDBPersistenceLayer {
  return new SpreadDynamoDBPersistenceLayer({ tableName, keyAttr: 'pk', sortKeyAttr: 'sk', expiryAttr: 'ttl', clientConfig });
}
