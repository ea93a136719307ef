// Powertools idempotency for the routes marked `idempotent`. Only the handlers of groups that have such routes import
// this module, so the other functions' bundles carry none of Powertools idempotency.
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import type { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { routeKey } from '@shared/routes/define';
import { dynamoClientConfig, TABLE } from '../dynamo';
import { KEY_LIFETIME_S } from '../idempotency-key';
import { idempotencyPersistence } from './idempotency-store';
import type { Middleware, Request } from './middlewares';
import { useIdempotency } from './stack';

// Built on the first request that carries an Idempotency-Key: a cold start that serves a read, or a write sent
// without a key, never constructs the store and its DynamoDB client.
let store: DynamoDBPersistenceLayer | undefined;
const persistenceStore = () => (store ??= idempotencyPersistence(TABLE, dynamoClientConfig));

/** Without a key Powertools skips the request anyway (`throwOnNoIdempotencyKey: false`); so do we, before it is built. */
const keyed = (request: Request) => request.event.idempotencyScope !== undefined;

useIdempotency((route) => {
  let powertools: Middleware | undefined;
  const idempotent = () =>
    (powertools ??= makeHandlerIdempotent({
      persistenceStore: persistenceStore(),
      keyPrefix: routeKey(route),
      config: new IdempotencyConfig({
        eventKeyJmesPath: 'idempotencyScope',
        payloadValidationJmesPath: 'idempotencyPayload',
        throwOnNoIdempotencyKey: false,
        expiresAfterSeconds: KEY_LIFETIME_S,
      }),
    }));
  return {
    before: (request) => (keyed(request) ? idempotent().before?.(request) : undefined),
    after: (request) => (keyed(request) ? idempotent().after?.(request) : undefined),
    onError: (request) => (keyed(request) ? idempotent().onError?.(request) : undefined),
  };
});
