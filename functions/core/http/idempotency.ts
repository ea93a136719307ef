// Powertools idempotency for the routes marked `idempotent`. Only the handlers of groups that have such routes import
// this module, so the other functions' bundles carry none of Powertools idempotency.
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { routeKey } from '@shared/routes';
import { dynamoClientConfig, TABLE } from '../dynamo';
import { useIdempotency } from './stack';

// A client of its own: Powertools adds its user-agent middleware to the client it is given, and every request of
// the shared client would then pay for it.
const idempotencyStore = new DynamoDBPersistenceLayer({
  tableName: TABLE,
  keyAttr: 'pk',
  sortKeyAttr: 'sk',
  staticPkValue: 'IDEMPOTENCY',
  expiryAttr: 'ttl',
  clientConfig: dynamoClientConfig,
});

useIdempotency((route) =>
  makeHandlerIdempotent({
    persistenceStore: idempotencyStore,
    keyPrefix: routeKey(route),
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'idempotencyScope',
      payloadValidationJmesPath: 'idempotencyPayload',
      throwOnNoIdempotencyKey: false,
      expiresAfterSeconds: 24 * 3600,
    }),
  }),
);
