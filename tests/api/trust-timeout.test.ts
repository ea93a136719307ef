// A request that outlasts the function's time is answered 504 UNAVAILABLE by our own stack, as when deployed, never
// serverless-offline's HTTP 200 with an `errorMessage` body. The handler runs in this process against a DynamoDB
// endpoint that accepts connections and never answers, so it is still waiting when its deadline comes.
import net from 'node:net';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../unit/lambda-event';
import { invoke } from './invoke';

const FUNCTION_TIMEOUT_MS = 10_000;
let DEADLINE_MARGIN_MS: number;
const sockets = new Set<net.Socket>();
const hung = net.createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => undefined);
});
const saved = { endpoint: process.env.DYNAMODB_ENDPOINT, timeout: process.env.API_TIMEOUT_SECONDS };

beforeAll(async () => {
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  // Read by functions/core/config.ts when the handler is first required (this file's own module registry).
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(hung.address() as net.AddressInfo).port}`;
  process.env.API_TIMEOUT_SECONDS = String(FUNCTION_TIMEOUT_MS / 1000);
  // Loaded now, with that configuration, and before the clock of the first test starts.
  require('../../functions/bookings/handler');
  ({ DEADLINE_MARGIN_MS } = require('../../functions/core/http/deadline') as typeof import('../../functions/core/http/deadline'));
});

afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = saved.endpoint;
  process.env.API_TIMEOUT_SECONDS = saved.timeout;
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => hung.close(resolve));
});

/** A Lambda context whose time runs out `ms` from now. */
function contextWithTimeLeft(ms: number): Context {
  const end = Date.now() + ms;
  return { ...lambdaContext('bookings'), getRemainingTimeInMillis: () => Math.max(0, end - Date.now()) };
}

/** A public route whose handler reads DynamoDB (the station) before answering. */
const slowRequest = (o: { context?: Context; arrivedAt?: number }) => invoke('listSlots', undefined, { params: { stationId: 'st-yucun' }, ...o });

function expectTimedOut(res: Awaited<ReturnType<typeof invoke>>): void {
  expect(res.status).toBe(504);
  expect(res.body.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('服务繁忙') });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['content-type']).toContain('application/json');
}

describe('a handler that runs out of time', () => {
  it('answers 504 UNAVAILABLE shortly before the function’s time left runs out', async () => {
    // Prepare: 2.5 s left, less than the hung database's timeouts and retries take (~5 s)
    const timeLeft = 2500;
    // Act
    const t0 = Date.now();
    const res = await slowRequest({ context: contextWithTimeLeft(timeLeft) });
    const took = Date.now() - t0;
    // Assess
    expectTimedOut(res);
    expect(sockets.size).toBeGreaterThan(0); // it was waiting on the database
    expect(took).toBeGreaterThanOrEqual(timeLeft - DEADLINE_MARGIN_MS - 100);
    expect(took).toBeLessThan(timeLeft);
  }, 30_000);

  it('counts from the request’s arrival, so a slow cold start (serverless-offline’s workers) still ends in 504', async () => {
    // Prepare: the function's own context thinks it has all its time; the request arrived 8 s ago
    const arrivedAt = Date.now() - 8000;
    // Act
    const t0 = Date.now();
    const res = await slowRequest({ context: contextWithTimeLeft(FUNCTION_TIMEOUT_MS), arrivedAt });
    const took = Date.now() - t0;
    // Assess
    expectTimedOut(res);
    expect(took).toBeLessThan(FUNCTION_TIMEOUT_MS - 8000);
  }, 30_000);
});
