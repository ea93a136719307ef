// Direct reads of DynamoDB Local, for asserting what is (and is not) stored.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: 'cn-northwest-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
const TableName = process.env.TABLE_NAME!;

export async function getItem(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  return (await client.send(new GetCommand({ TableName, Key: { pk, sk } }))).Item;
}

export async function partition(pk: string): Promise<Record<string, unknown>[]> {
  return (await client.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }))).Items ?? [];
}

export function closeDb(): void {
  client.destroy();
}
