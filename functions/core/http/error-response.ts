// The one place where errors become HTTP responses in the contract's shape. Clients never see internals.
import { Logger } from '@aws-lambda-powertools/logger';
import type { ErrorBody } from '@shared/schemas/common';
import { ConflictError, DomainError, IdempotencyMismatchError, InternalError, isDomainError, UnavailableError } from '../errors';
import type { Middleware } from './middlewares';

// DynamoDB and network failures that a retry later can fix: 503 with Retry-After, never 500.
const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalServerError',
  'TransactionConflictException',
  'TimeoutError',
  'AbortError',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

function isTransient(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code } = e as { name?: string; code?: string };
    if ((name && TRANSIENT.has(name)) || (code && NETWORK_CODES.has(code))) return true;
  }
  return false;
}

/** Maps anything thrown below the handler to a DomainError, or undefined for a bug (answered 500 INTERNAL). */
export function toDomainError(err: unknown): DomainError | undefined {
  if (isDomainError(err)) return err;
  // Powertools' idempotency errors by name: importing its classes would put the package (and its JMESPath engine)
  // into every bundle, also of groups without idempotent routes.
  const name = (err as Error | undefined)?.name;
  if (name === 'IdempotencyValidationError') return new IdempotencyMismatchError();
  if (name === 'IdempotencyAlreadyInProgressError') return new ConflictError('相同的请求正在处理中，请稍候');
  if (isTransient(err)) return new UnavailableError();
  return undefined;
}

export const errorResponse = (logger: Logger): Middleware => ({
  onError: (request) => {
    let domain = toDomainError(request.error);
    if (!domain) {
      logger.error('unhandled error', { error: request.error as Error });
      domain = new InternalError();
    } else if (domain.status >= 500) logger.warn('dependency unavailable', { error: request.error as Error });
    else logger.info('request refused', { code: domain.code, status: domain.status });
    const body: ErrorBody = { error: { code: domain.code, message: domain.message, ...(domain.details ? { details: domain.details } : {}) } };
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (domain.retryAfter) headers['retry-after'] = String(domain.retryAfter);
    request.response = { statusCode: domain.status, headers, body: JSON.stringify(body) };
  },
});
