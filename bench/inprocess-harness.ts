// What bench/inprocess.ts and bench/inprocess-booking.ts share: the shipped bundles' handlers invoked in process with
// API Gateway events, the DynamoDB requests they send (seen on node:http), and CPU per call.
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
const bundles = process.env.BUNDLES!;
export const load = (fn: string, file: string): Handler => require(path.resolve(bundles, fn, file)).handler;

export function event(
  method: string,
  routePath: string,
  rawPath: string,
  opts: { token?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${routePath}`,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    pathParameters: opts.params,
    requestContext: { http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' }, routeKey: `${method} ${routePath}` },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}
let seq = 0;
export const context = () => ({ awsRequestId: `bench-${++seq}`, functionName: 'bench', getRemainingTimeInMillis: () => 10_000 });

export async function ok(h: Handler, e: APIGatewayProxyEventV2, status: number) {
  const res = await h(e, context());
  if (res.statusCode !== status) throw new Error(`${e.routeKey} → ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body || 'null');
}

// DynamoDB requests (target and JSON body) seen on node:http while `recording` is set. Installed before any client
// sends (the SDK keeps the `request` it first finds), and synced into the ESM view the SDK imports it through.
let recording: { target: string; body: string }[] | undefined;
export function watchRequests(): void {
  const original = http.request;
  (http as { request: unknown }).request = (...args: Parameters<typeof http.request>) => {
    const req = original(...args);
    if (!recording) return req;
    const seen = recording;
    const end = req.end.bind(req);
    req.end = ((chunk?: unknown, ...rest: unknown[]) => {
      seen.push({ target: String(req.getHeader('x-amz-target') ?? ''), body: chunk && typeof chunk !== 'function' ? String(chunk) : '' });
      return end(chunk as string, ...(rest as []));
    }) as typeof req.end;
    return req;
  };
  syncBuiltinESMExports();
}

export async function captureRequests(fn: () => Promise<unknown>): Promise<{ target: string; body: string }[]> {
  const seen: { target: string; body: string }[] = (recording = []);
  try {
    await fn();
  } finally {
    recording = undefined;
  }
  return seen;
}

export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU ms per call of `fire`, `calls` calls at `concurrency` in flight. */
export async function cpuPerCall(fire: () => Promise<unknown>, calls: number, concurrency: number): Promise<number> {
  let left = calls;
  const c0 = cpuMs();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) await fire();
  }));
  return (cpuMs() - c0) / calls;
}
