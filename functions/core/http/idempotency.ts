// Powertools idempotency for the routes marked `idempotent`. Only the handlers of groups that have such routes import
// this module, so the other functions' bundles carry none of Powertools idempotency.
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { routeKey } from '@shared/routes/define';
import { dynamoClientConfig, TABLE } from '../dynamo';
import { idempotencyPersistence } from './idempotency-store';
import { useIdempotency } from './stack';

const idempotencyStore = idempotencyPersistence(TABLE, dynamoClientConfig);

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
