// Calls a route's handler in this process, as API Gateway would: for limits the run's API multiplies (see
// tests/setup/global-setup.ts), and for a Lambda context of the test's choosing.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildPath, routeKey, routes, type RouteDef, type RouteName } from '@shared/routes';
import { lambdaContext } from '../unit/lambda-event';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Invoked {
  status: number;
  headers: Record<string, unknown>;
  body: any;
}

export async function invoke(
  name: RouteName,
  token: string | undefined,
  o: { params?: Record<string, string>; body?: unknown; context?: Context; /** When the request arrived (epoch ms). */ arrivedAt?: number } = {},
): Promise<Invoked> {
  const route = routes[name] as unknown as RouteDef;
  const path = buildPath(route.path, o.params);
  const event = {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: path,
    rawQueryString: '',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    pathParameters: o.params,
    requestContext: {
      http: { method: route.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      routeKey: routeKey(route),
      timeEpoch: o.arrivedAt ?? Date.now(),
    },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const { handler } = require(`../../functions/${route.group}/handler`) as { handler: Handler };
  const res = await handler(event, o.context ?? lambdaContext(route.group));
  return { status: res.statusCode ?? 0, headers: res.headers ?? {}, body: res.body ? JSON.parse(String(res.body)) : undefined };
}
