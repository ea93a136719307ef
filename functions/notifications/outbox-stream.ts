// The outbox's Lambda: fed by the table's DynamoDB stream, filtered (serverless.yml) to pending outbox events. Locally
// the same handler is fed by scripts/lib/stream-consumer.ts, which applies the same filter (`isPendingOutbox`).
// Events are handled side by side; one that fails unexpectedly (DynamoDB down) is reported so the stream hands it
// over again, bisecting the batch.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../core/http/logger';
import { handleOutboxEvent } from './outbox.consumer';
import { OUTBOX_ENTITY, toOutboxRecord } from './outbox.entity';

type Image = Record<string, AttributeValue>;

/** The stream filter: inserted or modified outbox events still pending. */
export const isPendingOutbox = (r: DynamoDBRecord): boolean => {
  const image = r.dynamodb?.NewImage as Image | undefined;
  return (r.eventName === 'INSERT' || r.eventName === 'MODIFY') && image?.entity?.S === OUTBOX_ENTITY && image?.state?.S === 'pending';
};

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failed: string[] = [];
  await Promise.all(
    event.Records.filter(isPendingOutbox).map(async (r) => {
      try {
        await handleOutboxEvent(toOutboxRecord(unmarshall(r.dynamodb!.NewImage as Image)));
      } catch (err) {
        logger.error('outbox: event not handled', { sequence: r.dynamodb?.SequenceNumber, error: err as Error });
        failed.push(r.dynamodb!.SequenceNumber!);
      }
    }),
  );
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}
