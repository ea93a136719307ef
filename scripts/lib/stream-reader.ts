// A reader of DynamoDB Local's stream (its DynamoDB Streams API: DescribeTable → DescribeStream → GetShardIterator →
// GetRecords), standing in for the Lambda event source mapping that feeds a stream function when deployed. No SDK
// client for streams is installed here, so it speaks the JSON protocol itself; DynamoDB Local checks no signatures.
import type { DynamoDBRecord } from 'aws-lambda';

type Json = Record<string, any>;

/** One call of DynamoDB Local's JSON API (`DynamoDB_20120810.X` or `DynamoDBStreams_20120810.X`). */
async function call(endpoint: string, target: string, body: Json): Promise<Json> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': target,
      // Present for the emulator's parser (it reads the access key from it); -sharedDb ignores the value.
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20240101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const json = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${target}: ${json.__type ?? res.status} ${json.message ?? json.Message ?? ''}`);
  return json;
}

export interface StreamReader {
  stop(): Promise<void>;
}

/**
 * Polls every shard of the table's stream from its oldest record and hands each batch (in order, per shard) to
 * `onBatch`. A batch that throws is handed again after a pause, as Lambda retries a failed batch. Errors of the
 * emulator (stopped, restarting) are logged and waited out.
 */
export function readStream(opts: {
  endpoint: string;
  tableName: string;
  onBatch: (records: DynamoDBRecord[]) => Promise<void>;
  log: (msg: string) => void;
  pollMs?: number;
}): StreamReader {
  const pollMs = opts.pollMs ?? 250;
  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((r) => ((wake = r), setTimeout(r, ms)));
  /** Shards already read to their end, and the iterator of each shard being read. */
  const finished = new Set<string>();
  const iterators = new Map<string, string>();
  /** The last record handled per shard: reading resumes after it when the iterators are lost. */
  const lastSeq = new Map<string, string>();
  let streamArn: string | undefined;

  async function discover(): Promise<void> {
    const table = await call(opts.endpoint, 'DynamoDB_20120810.DescribeTable', { TableName: opts.tableName });
    const arn = table.Table?.LatestStreamArn as string | undefined;
    if (!arn) throw new Error(`table ${opts.tableName} has no stream`);
    if (arn !== streamArn) {
      streamArn = arn;
      iterators.clear();
      finished.clear();
      lastSeq.clear();
    }
    const shards: Json[] = [];
    let start: string | undefined;
    do {
      const d = await call(opts.endpoint, 'DynamoDBStreams_20120810.DescribeStream', { StreamArn: arn, ...(start ? { ExclusiveStartShardId: start } : {}) });
      shards.push(...(d.StreamDescription?.Shards ?? []));
      start = d.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    for (const s of shards) {
      const id = s.ShardId as string;
      if (finished.has(id) || iterators.has(id)) continue;
      // A child shard is read once its parent is done, so records of one item stay in order.
      if (s.ParentShardId && !finished.has(s.ParentShardId) && shards.some((p) => p.ShardId === s.ParentShardId)) continue;
      const after = lastSeq.get(id);
      const it = await call(opts.endpoint, 'DynamoDBStreams_20120810.GetShardIterator', {
        StreamArn: arn,
        ShardId: id,
        ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
      });
      iterators.set(id, it.ShardIterator);
    }
  }

  async function pollShard(id: string, iterator: string): Promise<number> {
    const out = await call(opts.endpoint, 'DynamoDBStreams_20120810.GetRecords', { ShardIterator: iterator, Limit: 100 });
    const records = (out.Records ?? []) as DynamoDBRecord[];
    if (records.length) {
      await opts.onBatch(records);
      lastSeq.set(id, records[records.length - 1]!.dynamodb!.SequenceNumber!);
    }
    if (out.NextShardIterator) iterators.set(id, out.NextShardIterator);
    else {
      iterators.delete(id);
      finished.add(id);
    }
    return records.length;
  }

  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      try {
        if (!iterators.size || failures) await discover();
        let read = 0;
        for (const [id, it] of [...iterators]) read += await pollShard(id, it);
        failures = 0;
        if (!read) await pause(pollMs);
        if (!iterators.size) await discover();
      } catch (err) {
        failures++;
        if (failures === 1 || failures % 20 === 0) opts.log(`stream: ${(err as Error).message} (retrying)`);
        // The iterators may have expired or the emulator restarted: start over from the shards.
        iterators.clear();
        await pause(Math.min(5000, pollMs * 2 ** Math.min(failures, 5)));
      }
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
