// Storage of import jobs: chunks written before the job (a job exists only with all its rows), progress recorded
// with a condition on the chunk count, so two runners cannot both count the same chunk.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from '../core/dynamo';
import { transactWrite, type TransactItems } from '../core/transact';
import { chunkItem, importKeys, jobItem, toChunkRows, toJob, type ImportJobRecord, type PlannedRow } from './import.entity';

export async function saveJob(job: ImportJobRecord, chunks: PlannedRow[][], audit: TransactItems[number]): Promise<void> {
  for (let i = 0; i < chunks.length; i += 8) {
    await Promise.all(chunks.slice(i, i + 8).map((rows, j) => ddb.send(new PutCommand({ TableName: TABLE, Item: chunkItem(job.id, i + j, rows) }))));
  }
  await transactWrite([{ Put: { TableName: TABLE, Item: jobItem(job), ConditionExpression: 'attribute_not_exists(pk)' } }, audit]);
}

export async function readJob(jobId: string): Promise<ImportJobRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: importKeys.job(jobId), ConsistentRead: true }));
  return out.Item ? toJob(out.Item) : undefined;
}

export async function readChunk(jobId: string, index: number): Promise<PlannedRow[]> {
  const out = await ddb.send(new GetCommand({ TableName: TABLE, Key: importKeys.chunk(jobId, index), ConsistentRead: true }));
  if (!out.Item) throw new Error(`import ${jobId} has no chunk ${index}`);
  return toChunkRows(out.Item);
}

/** Records a chunk as applied; false when another runner recorded it first. */
export async function recordProgress(before: ImportJobRecord, after: ImportJobRecord): Promise<boolean> {
  try {
    await ddb.send(new PutCommand({ TableName: TABLE, Item: jobItem(after), ConditionExpression: 'chunksDone = :n', ExpressionAttributeValues: { ':n': before.chunksDone } }));
    return true;
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
