// Building blocks shared by every request/response schema. `zod/mini` (checks and wrappers as functions, tree-shaken)
// keeps the function bundles' cold import and the miniapp bundle small.
import * as z from 'zod/mini';
import { isCalendarDate } from '../time';
import { lazy, type Infer } from './lazy';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_CURSOR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SLOT_FULL',
  'ALREADY_BOOKED',
  'INVALID_STATE',
  'IDEMPOTENCY_MISMATCH',
  'PAYLOAD_TOO_LARGE',
  'CONTENT_REJECTED',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = lazy(() => z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
}));
export type ErrorBody = Infer<typeof ErrorBody>;

/** Ids are ulids for records made through the API and readable slugs for seeded ones. */
export const Id = lazy(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确')));

/** Calendar date in Asia/Shanghai. */
export const DateString = lazy(() => z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  z.refine(isCalendarDate, '日期无效'),
));

export const MonthString = lazy(() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')));

/** Requests carry an offset; responses are normalised to UTC `...Z`. */
export const DateTimeString = lazy(() => z.iso.datetime({ offset: true, error: '时间格式应为带时区的 ISO-8601' }));

/** Mainland mobile number, as typed by a resident: the length first, then whether it is a mobile number at all. */
export const PhoneNumber = lazy(() => z.string().check(
  // `abort`: a number of the wrong length gets that one message, not also the second.
  z.regex(/^\d{11}$/, { error: '请输入 11 位手机号', abort: true }),
  z.regex(/^1[3-9]\d{9}$/, '不是有效的手机号'),
));

/** Trimmed text of `min`..`max` characters; the messages say the rule (至少 10 个字, not 不能为空, when min > 1). */
export const LimitedText = (min: number, max: number, what: string) =>
  z.string().check(
    z.trim(),
    z.minLength(min, min > 1 ? `${what}至少 ${min} 个字` : `${what}不能为空`),
    z.maxLength(max, `${what}最多 ${max} 个字`),
  );

export const ROLES = ['resident', 'member', 'secretary', 'official', 'township_admin', 'admin'] as const;
export const Role = lazy(() => z.enum(ROLES));
export type Role = Infer<typeof Role>;

/**
 * The levels of the tree (city › county/district › township/street › village/community) and the party orgs that hang
 * anywhere in it: 党委 (committee), 党总支 (general_branch) and 党支部 (branch). Nothing assumes a fixed depth.
 */
export const ORG_TYPES = ['city', 'county', 'township', 'village', 'branch', 'committee', 'general_branch'] as const;
export const OrgType = lazy(() => z.enum(ORG_TYPES));
export type OrgType = Infer<typeof OrgType>;

/** `?limit=&cursor=` on every list. */
export const PageQuery = lazy(() => z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1, 'limit 最小为 1'), z.lte(50, 'limit 最大为 50')), 20),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
}));

/**
 * `?from=&to=&limit=&cursor=` of a time-ordered list. Given together, `to` must be after `from` (400). A lone bound is
 * completed by the route's default (e.g. `from` = now), and a range that then ends before it starts is empty, not an
 * error (see `queryPage`).
 */
export const RangeQuery = lazy(() => z.extend(PageQuery(), { from: z.optional(DateTimeString()), to: z.optional(DateTimeString()) }).check(
  z.refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), { message: '结束时间须晚于开始时间', path: ['to'] }),
));

/** `?from=&to=` as Asia/Shanghai dates, both days included: `to` may not be before `from` (400). */
type DateRangeShape = { from: z.ZodMiniOptional<ReturnType<typeof DateString>>; to: z.ZodMiniOptional<ReturnType<typeof DateString>> };
export const withDateRange = <T extends z.ZodMiniObject<DateRangeShape>>(query: T) =>
  query.check(z.refine((q) => !q.from || !q.to || q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] }));

export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export const Empty = lazy(() => z.strictObject({}));
