// One DynamoDB client per container, shared by every repository.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
