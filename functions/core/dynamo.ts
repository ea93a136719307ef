// One DynamoDB client per container, shared by every repository.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { config } from './config';

export const dynamoClient = new DynamoDBClient({
  region: config.region,
  endpoint: config.dynamoEndpoint,
  maxAttempts: 3,
  ...(config.dynamoEndpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});

export const ddb = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export const TABLE = config.tableName;

/** One item by key, strongly consistent (what a decision is made on); undefined when absent. */
export async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  return (await ddb.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
}
