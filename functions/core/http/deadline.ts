// A request that runs out of time gets our answer, 504 UNAVAILABLE with Retry-After, shortly before the function is
// stopped: deployed, Lambda would cut it off mid-write with API Gateway's bare error; under `npm start`,
// serverless-offline's worker answers a timed-out handler with HTTP 200 and an `errorMessage` body. Both clocks are
// read: the function's time left (context.getRemainingTimeInMillis) and the time since the request arrived
// (requestContext.timeEpoch), since serverless-offline counts a worker's cold start against the timeout while the
// worker's own context does not.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { config } from '../config';
import { TimedOutError } from '../errors';

/** How long before the deadline the stack gives up: room to run the error path and send the answer. */
export const DEADLINE_MARGIN_MS = 1000;

/** middy's early timeout, answering with TimedOutError (through the error middleware, so with the usual headers). */
export const deadlineOptions = {
  timeoutEarlyInMillis: DEADLINE_MARGIN_MS,
  timeoutEarlyResponse: (): never => {
    throw new TimedOutError();
  },
};

/** The context, its time left capped by the request's arrival plus the function's timeout where both are known. */
export function requestClock(event: APIGatewayProxyEventV2, context: Context): Context {
  const arrived = event.requestContext?.timeEpoch;
  if (!arrived || !config.apiTimeoutMs || typeof context.getRemainingTimeInMillis !== 'function') return context;
  const own = context.getRemainingTimeInMillis.bind(context);
  return { ...context, getRemainingTimeInMillis: () => Math.min(own(), arrived + config.apiTimeoutMs - Date.now()) };
}
