// One DynamoDB client per container, shared by every repository.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';

/** Also for clients that must not share this one's middleware (see core/http/idempotency.ts). */
export const dynamoClientConfig: DynamoDBClientConfig = {
  region: config.region,
  endpoint: config.dynamoEndpoint,
  maxAttempts: 3,
  ...(config.dynamoEndpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
};

export const dynamoClient = new DynamoDBClient(dynamoClientConfig);

export const ddb = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export const TABLE = config.tableName;
