// Servers started by globalSetup, kept for globalTeardown (both run in jest's main process).
import type { DynamoLocal } from '../../scripts/lib/dynamodb-local';
import type { Offline } from '../../scripts/lib/offline';
import type { S3Local } from '../../scripts/lib/s3-local';
import type { StreamConsumer } from '../../scripts/lib/stream-consumer';
import type { WebServer } from '../../scripts/lib/web-server';
import type { FakeWechat } from '../fakes/wechat-server';

export interface Handles {
  db?: DynamoLocal;
  api?: Offline;
  wechat?: FakeWechat;
  web?: WebServer;
  outbox?: StreamConsumer;
  s3?: S3Local;
}

const KEY = Symbol.for('pioneer-station.test-handles');

export function setHandles(h: Handles): void {
  (globalThis as Record<symbol, unknown>)[KEY] = h;
}

export function getHandles(): Handles {
  return ((globalThis as Record<symbol, unknown>)[KEY] as Handles | undefined) ?? {};
}
