// Typed domain errors. Services throw these; http/error-response.ts is the one place that turns them into HTTP.
import type { ErrorCode } from '@shared/schemas/common';

export interface ErrorDetail {
  path: string;
  message: string;
}

// Marks a domain error whichever copy of this module made it: a chunk loaded apart from its function's bundle (the
// imports function's file readers, core/stubs/plugins.cjs) carries its own copy of these classes.
const DOMAIN_ERROR = Symbol.for('pioneer-station.domain-error');

export abstract class DomainError extends Error {
  readonly [DOMAIN_ERROR] = true;
  abstract readonly code: ErrorCode;
  abstract readonly status: number;
  /** Seconds, sent as `Retry-After` (429/503). */
  retryAfter?: number;
  details?: ErrorDetail[];

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A DomainError of this module or of another copy of it (see DOMAIN_ERROR). */
export const isDomainError = (err: unknown): err is DomainError =>
  err instanceof DomainError || (typeof err === 'object' && err !== null && DOMAIN_ERROR in err);

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly status = 400;
  constructor(message = '请求参数不正确', details?: ErrorDetail[]) {
    super(message);
    this.details = details;
  }
}
export class BadCursorError extends DomainError {
  readonly code = 'BAD_CURSOR';
  readonly status = 400;
  constructor() {
    super('分页游标无效，请从第一页重新加载');
  }
}
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  readonly status = 401;
  constructor(message = '请先登录') {
    super(message);
  }
}
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly status = 403;
  constructor(message = '没有权限进行此操作') {
    super(message);
  }
}
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly status = 404;
  constructor(message = '内容不存在或已删除') {
    super(message);
  }
}
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  readonly status = 409;
  /** `details` name what is in the way (the existing org, the open concerns), for the client to show. */
  constructor(message: string, details?: ErrorDetail[]) {
    super(message);
    this.details = details;
  }
}
/** A moderation decision on an item that is no longer waiting: someone else decided first. */
export class AlreadyModeratedError extends DomainError {
  readonly code = 'CONFLICT';
  readonly status = 409;
  constructor(message = '该内容已由其他审核人处理，请刷新后查看') {
    super(message);
  }
}
export class InvalidStateError extends DomainError {
  readonly code = 'INVALID_STATE';
  readonly status = 409;
}
export class SlotFullError extends DomainError {
  readonly code = 'SLOT_FULL';
  readonly status = 409;
  constructor(message = '该时段已约满，请选择其他时段') {
    super(message);
  }
}
export class AlreadyBookedError extends DomainError {
  readonly code = 'ALREADY_BOOKED';
  readonly status = 409;
  constructor(message = '您已预约了这个时段') {
    super(message);
  }
}
export class IdempotencyMismatchError extends DomainError {
  readonly code = 'IDEMPOTENCY_MISMATCH';
  readonly status = 409;
  constructor() {
    super('同一个幂等键不能用于不同的请求内容');
  }
}
export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly status = 413;
  constructor() {
    super('提交的内容过大（上限 64 KB）');
  }
}
export class ContentRejectedError extends DomainError {
  readonly code = 'CONTENT_REJECTED';
  readonly status = 422;
  constructor() {
    super('内容未通过安全检测，请修改后再提交');
  }
}
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly status = 429;
  constructor(message = '操作太频繁，请稍后再试', retryAfter = 60) {
    super(message);
    this.retryAfter = retryAfter;
  }
}
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE';
  readonly status: number = 503;
  constructor(message = '服务繁忙，请稍后再试', retryAfter = 5) {
    super(message);
    this.retryAfter = retryAfter;
  }
}
/**
 * The request ran out of the function's time (core/http/deadline.ts): 504 as API Gateway would answer, with the same
 * code and message as a busy dependency, since the client does the same (retry later).
 */
export class TimedOutError extends UnavailableError {
  override readonly status: number = 504;
}
/** A programming error: 500, and not UNAVAILABLE, so clients don't retry what will fail again. */
export class InternalError extends DomainError {
  readonly code = 'INTERNAL';
  readonly status = 500;
  constructor() {
    super('服务出错了，请稍后再试');
  }
}
