// AWS's DynamoDB Local (Java), from the npm package amplify-dynamodb-simulator, and the table created from
// infra/dynamodb-table.json: the same definition CloudFormation gets.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';

const root = path.resolve(__dirname, '..', '..');

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    // -sharedDb keeps one data file whatever the credentials; the values just have to be present.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
}

export interface DynamoLocal {
  endpoint: string;
  process: ChildProcess;
  /** The end of what the emulator printed: why it stopped, when it did. */
  lastOutput(): string;
  stop(): Promise<void>;
}

export async function startDynamoLocal(opts: { port: number; dataDir?: string }): Promise<DynamoLocal> {
  const emulator = path.join(path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const storage = opts.dataDir ? ['-dbPath', opts.dataDir, '-sharedDb'] : ['-inMemory', '-sharedDb'];
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const child = spawn(
    'java',
    [`-Djava.library.path=${path.join(emulator, 'DynamoDBLocal_lib')}`, '-Xmx1g', '-jar', path.join(emulator, 'DynamoDBLocal.jar'), '-port', String(opts.port), ...storage],
    // In-memory mode still writes a metadata file into its working directory: keep it out of the repo.
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: opts.dataDir ?? os.tmpdir() },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const client = localClient(endpoint);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() - started > 60_000) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.destroy();
  return {
    endpoint,
    process: child,
    lastOutput: () => output.slice(-2000),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** The CreateTable input for `tableName`, read from the CloudFormation properties in infra/. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const props = JSON.parse(readFileSync(path.join(root, 'infra', 'dynamodb-table.json'), 'utf8'));
  return {
    TableName: tableName,
    BillingMode: props.BillingMode,
    AttributeDefinitions: props.AttributeDefinitions,
    KeySchema: props.KeySchema,
    GlobalSecondaryIndexes: props.GlobalSecondaryIndexes,
    StreamSpecification: { StreamEnabled: true, StreamViewType: props.StreamSpecification.StreamViewType },
  };
}

export function ttlAttribute(): string {
  const props = JSON.parse(readFileSync(path.join(root, 'infra', 'dynamodb-table.json'), 'utf8'));
  return props.TimeToLiveSpecification.AttributeName;
}

/** A database kept in .data/ from before an index was added to infra/ gets that index (the same as a deploy would). */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, present: Set<string>): Promise<void> {
  const def = tableDefinition(tableName);
  for (const index of def.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName!)) continue;
    const names = new Set(index.KeySchema!.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: def.AttributeDefinitions!.filter((a) => names.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
      }),
    );
    console.log(`[dynamodb] added index ${index.IndexName} to ${tableName}`);
  }
}

/** Creates the table if it is missing; returns true when it was created (an empty database). */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  const client = localClient(endpoint);
  try {
    try {
      const existing = await client.send(new DescribeTableCommand({ TableName: tableName }));
      await addMissingIndexes(client, tableName, new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName!)));
      // A database kept from before the outbox gets the stream its consumer reads.
      if (!existing.Table?.StreamSpecification?.StreamEnabled) {
        await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: tableDefinition(tableName).StreamSpecification }));
        console.log(`[dynamodb] enabled the stream of ${tableName}`);
      }
      return false;
    } catch (err) {
      if ((err as Error).name !== 'ResourceNotFoundException') throw err;
    }
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: ttlAttribute(), Enabled: true },
      }),
    );
    return true;
  } finally {
    client.destroy();
  }
}
