// One DynamoDB client per container, shared by every repository.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
// The SDK's own HTTP handler, imported for its timeouts.
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { config } from './config';

/**
 * A hung database must answer 503 within a few seconds, not wait out the 10 s Lambda: each attempt gives up after
 * these (a TimeoutError: 503), and the SDK's 3 attempts (timeouts are retried) stay under ~5 s together. DynamoDB
 * answers in milliseconds.
 */
export const DYNAMO_TIMEOUTS = { connectionTimeout: 1000, requestTimeout: 1500, throwOnRequestTimeout: true } as const;

/** Also for clients that must not share this one's middleware (see core/http/idempotency.ts). */
export const dynamoClientConfig: DynamoDBClientConfig = {
  region: config.region,
  endpoint: config.dynamoEndpoint,
  maxAttempts: 3,
  requestHandler: new NodeHttpHandler(DYNAMO_TIMEOUTS),
  ...(config.dynamoEndpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
};

export const dynamoClient = new DynamoDBClient(dynamoClientConfig);

export const ddb = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export const TABLE = config.tableName;
