// The floor under every function's cold import: the DynamoDB client as functions/core/dynamo.ts makes it, and one
// GetItem. Bundled by bench/sdk-floor.ts the way serverless.yml bundles the functions; never shipped.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from '../functions/core/dynamo';

export const handler = async (event: { pk: string; sk: string }) =>
  (await ddb.send(new GetCommand({ TableName: TABLE, Key: { pk: event.pk, sk: event.sk } }))).Item;
