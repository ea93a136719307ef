// A database that accepts connections and never answers: the handler, run in this process with a TCP server on
// 127.0.0.1 as its DynamoDB endpoint, must answer 503 UNAVAILABLE within a few seconds, well under the 10 s Lambda
// timeout, instead of waiting it out.
import net from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { lambdaContext } from '../unit/lambda-event';
import { login } from './http';

const LAMBDA_TIMEOUT_MS = 10_000;
const sockets = new Set<net.Socket>();
const hung = net.createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => undefined);
});
const realEndpoint = process.env.DYNAMODB_ENDPOINT;

beforeAll(async () => {
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  // Read by functions/core/config.ts when the handler is first required below (this file's own module registry).
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(hung.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = realEndpoint;
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => hung.close(resolve));
});

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

const getMe = (token: string) =>
  ({
    version: '2.0',
    routeKey: 'GET /v1/me',
    rawPath: '/v1/me',
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}` },
    requestContext: { http: { method: 'GET', path: '/v1/me', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' }, routeKey: 'GET /v1/me' },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

describe('a hung DynamoDB', () => {
  it('makes GET /v1/me answer 503 UNAVAILABLE with Retry-After, well before the Lambda timeout', async () => {
    // Prepare: a real token from the running API (its own database answers)
    const token = await login('demo-member-1');
    const { handler } = require('../../functions/me/handler') as { handler: Handler };
    // Act
    const t0 = Date.now();
    const res = await handler(getMe(token), lambdaContext('me'));
    const took = Date.now() - t0;
    // Assess
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(String(res.body)).error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('服务繁忙') });
    expect(res.headers?.['retry-after']).toBeDefined();
    expect(sockets.size).toBeGreaterThan(0); // it did reach the hung server
    expect(took).toBeLessThan(LAMBDA_TIMEOUT_MS * 0.75);
  }, 30_000);
});
