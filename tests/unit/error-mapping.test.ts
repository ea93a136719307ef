import { IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { Logger } from '@aws-lambda-powertools/logger';
import { DomainError } from '../../functions/core/errors';
import { errorResponse, toDomainError } from '../../functions/core/http/error-response';
import type { Request } from '../../functions/core/http/middlewares';

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('error mapping', () => {
  it.each([
    ['DynamoDB throttling', named('ProvisionedThroughputExceededException'), 503, 'UNAVAILABLE'],
    ['a throttled request', named('ThrottlingException'), 503, 'UNAVAILABLE'],
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 503, 'UNAVAILABLE'],
    ['a wrapped network error', Object.assign(new Error('outer'), { cause: Object.assign(new Error('inner'), { code: 'ECONNRESET' }) }), 503, 'UNAVAILABLE'],
    ['a reused idempotency key', new IdempotencyValidationError('mismatch'), 409, 'IDEMPOTENCY_MISMATCH'],
  ])('maps %s to %i %s', (_what, err, status, code) => {
    const mapped = toDomainError(err);
    expect({ status: mapped?.status, code: mapped?.code }).toEqual({ status, code });
  });

  it('maps a domain error made by another copy of the error classes (a chunk loaded apart from the bundle) by its own status', () => {
    // Prepare: a second copy of core/errors.ts, as the imports function's file readers carry
    let Foreign: typeof import('../../functions/core/errors') | undefined;
    jest.isolateModules(() => {
      Foreign = jest.requireActual<typeof import('../../functions/core/errors')>('../../functions/core/errors');
    });
    const err = new Foreign!.ValidationError('无法读取文件', [{ path: 'contentBase64', message: '文件损坏' }]);
    // Act
    const mapped = toDomainError(err);
    // Assess
    expect(err instanceof DomainError).toBe(false);
    expect(mapped).toBe(err);
    expect({ status: mapped?.status, code: mapped?.code, details: mapped?.details }).toEqual({ status: 400, code: 'VALIDATION_FAILED', details: [{ path: 'contentBase64', message: '文件损坏' }] });
  });

  it('leaves a programming error unmapped (logged and answered 500 by the one error handler)', () => {
    expect(toDomainError(new TypeError('x is undefined'))).toBeUndefined();
  });

  it('answers a programming error 500 INTERNAL, not UNAVAILABLE (which invites a retry), without Retry-After', async () => {
    const request = { error: new TypeError('x is undefined') } as unknown as Request;
    await errorResponse(new Logger({ logLevel: 'SILENT' })).onError!(request);
    expect(request.response?.statusCode).toBe(500);
    expect(request.response?.headers).not.toHaveProperty('retry-after');
    expect(JSON.parse(String(request.response?.body))).toEqual({ error: { code: 'INTERNAL', message: '服务出错了，请稍后再试' } });
  });
});
