// The published contract: an OpenAPI 3.1 document built from the route table and its zod schemas. `npm run openapi`
// writes docs/openapi.json and a unit test fails when that file is stale. Pure (no Node APIs), so it could be served.
import * as z from 'zod/mini';
import { routes, type FunctionGroup, type RouteDef, type RouteName } from './routes';
import * as audit from './schemas/audit';
import * as bookings from './schemas/bookings';
import * as common from './schemas/common';
import * as concerns from './schemas/concerns';
import * as moderation from './schemas/moderation';
import * as notices from './schemas/notices';
import * as notify from './schemas/notify';
import * as people from './schemas/people';
import * as themeday from './schemas/themeday';
import { isLazy } from './schemas/lazy';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

/** Error code → HTTP status, as the functions' typed errors carry them (the caller reads them off those classes). */
export type ErrorStatuses = Readonly<Record<string, number>>;

const SCHEMA_MODULES = [common, people, audit, themeday, notices, notify, concerns, moderation, bookings];
const JSON_TYPE = 'application/json';
const COMPONENT = '#/components/schemas/';

const TAGS: Partial<Record<FunctionGroup, string>> = {
  health: '健康检查',
  auth: '登录',
  me: '我的账户与订阅消息',
  invitations: '邀请码',
  orgs: '组织与驿站',
  ideas: '主题党日：创意征集',
  themedays: '主题党日：预告、出勤、线上参与、政治生日',
  bookings: '局长驻点',
  notices: '党务公开',
  assessments: '三项考核、乡镇指导、百例',
  concerns: '群众说事',
  moderation: '内容审核',
};

// What the route table cannot say, read off the services: statuses beyond the rules in `errorStatusesOf`, and
// success statuses beside the route's own.
const MORE_ERRORS: Partial<Record<RouteName, number[]>> = {
  loginWechat: [429],
  createIdea: [422],
  participateOnline: [422],
  raiseConcern: [422],
};
const MORE_SUCCESS: Partial<Record<RouteName, Record<number, string>>> = {
  checkIn: { 200: 'Already checked in: the existing record' },
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad path, query or body (`details` names each field), or malformed JSON',
  401: 'No valid bearer token',
  403: 'The caller lacks the role this needs',
  404: 'No such record, or not visible to the caller',
  409: 'Conflicts with the current state, or with an earlier request under the same Idempotency-Key',
  413: 'Body too large',
  422: 'The content check refused the text',
  429: 'Too many attempts: retry after `Retry-After` seconds',
  500: 'A bug on our side: retrying will not help',
  503: 'A dependency is busy: retry after `Retry-After` seconds',
  504: 'The request ran out of time (code `UNAVAILABLE`): retry after `Retry-After` seconds',
};
/** Statuses no typed error names as its own, with the codes they carry: the stack's deadline (core/http/deadline.ts). */
const EXTRA_STATUS_CODES: Record<number, string[]> = { 504: ['UNAVAILABLE'] };
const SUCCESS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' };

/** Every zod schema exported by `shared/schemas/*`, by export name: these become named components. */
function namedSchemas(): Map<z.ZodMiniType, string> {
  const names = new Map<z.ZodMiniType, string>();
  const taken = new Set<string>();
  for (const mod of SCHEMA_MODULES) {
    for (const [name, exported] of Object.entries(mod)) {
      const value = isLazy(exported) ? exported() : exported;
      if (!(value instanceof z.ZodMiniType) || names.has(value)) continue;
      if (taken.has(name)) throw new Error(`two schemas are exported as ${name}`);
      names.set(value, name);
      taken.add(name);
    }
  }
  return names;
}

const toJsonSchema = (schema: z.ZodMiniType, io: Io, metadata?: z.core.$ZodRegistry<{ id: string }>) =>
  z.toJSONSchema(schema, { io, metadata, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;

function withComponentRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withComponentRefs) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', COMPONENT) : withComponentRefs(v),
    ]),
  ) as T;
}

/** Converts schemas, collecting named ones into `components.schemas` (a request shape that differs gets `…Input`). */
class SchemaCollector {
  readonly components: Record<string, Json> = {};
  private readonly registries: Record<Io, z.core.$ZodRegistry<{ id: string }>> = {
    input: z.registry<{ id: string }>(),
    output: z.registry<{ id: string }>(),
  };

  constructor(names: Map<z.ZodMiniType, string>) {
    for (const [schema, name] of names) {
      const differs = JSON.stringify(toJsonSchema(schema, 'input')) !== JSON.stringify(toJsonSchema(schema, 'output'));
      this.registries.output.add(schema, { id: name });
      this.registries.input.add(schema, { id: differs ? `${name}Input` : name });
    }
  }

  /** A schema for the document: a `$ref` for named schemas, inline otherwise. */
  schema(schema: z.ZodMiniType, io: Io): Json {
    const { $schema: _, $defs = {}, ...root } = toJsonSchema(schema, io, this.registries[io]);
    for (const [name, def] of Object.entries($defs as Record<string, Json>)) {
      const json = withComponentRefs(def);
      const seen = this.components[name];
      if (seen && JSON.stringify(seen) !== JSON.stringify(json)) throw new Error(`schema ${name} converts two ways`);
      this.components[name] = json;
    }
    return withComponentRefs(root);
  }
}

/** Path or query parameters from an object schema, inlined so each parameter carries its own constraints. */
function parameters(schema: z.ZodMiniType, where: 'path' | 'query', routeName: string): Json[] {
  const json = toJsonSchema(schema, 'input');
  if (json.type !== 'object') throw new Error(`${routeName}: ${where} schema is not an object`);
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, Json>).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}

const sorted = (o: Record<string, Json>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

const placeholders = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

const IDEMPOTENCY_KEY: Json = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Chosen by the client per intended action. A repeat from the same user to the same path within 24 h returns the stored response ' +
    'instead of acting twice; the same key with another body answers 409 `IDEMPOTENCY_MISMATCH`.',
  schema: { type: 'string', minLength: 1, maxLength: 128 },
};
const METHOD_OVERRIDE: Json = {
  name: 'X-HTTP-Method-Override',
  in: 'header',
  required: true,
  schema: { type: 'string', const: 'PATCH' },
};
const RETRY_AFTER: Json = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } };

/** The statuses a route can answer with `ErrorBody`, by the rules of the HTTP stack and the policy checks. */
function errorStatusesOf(name: RouteName, route: RouteDef, hasBody: boolean): number[] {
  const hasParams = placeholders(route.path).length > 0;
  const own = route.path.startsWith('/v1/me') || route.path.endsWith('/mine');
  return [
    400,
    ...(route.auth === 'user' ? [401] : []),
    ...(route.auth === 'user' && !own ? [403] : []),
    ...(hasParams ? [404] : []),
    ...(route.idempotent || (route.method !== 'GET' && hasParams) ? [409] : []),
    ...(hasBody ? [413] : []),
    ...(MORE_ERRORS[name] ?? []),
    500,
    503,
    504,
  ].sort((a, b) => a - b);
}

/** Error responses, shared through `components.responses`: `Error409`, or `Error409_CONFLICT_…` for fewer codes. */
class ErrorResponses {
  readonly components: Record<string, Json> = {};
  constructor(private readonly statuses: ErrorStatuses) {}

  /** The codes of one status; a bug's 500 also carries the codes that no typed error has. */
  private codesOf(status: number): string[] {
    const s = this.statuses;
    if (EXTRA_STATUS_CODES[status]) return EXTRA_STATUS_CODES[status];
    return (common.ERROR_CODES as readonly string[]).filter((c) => s[c] === status || (status === 500 && s[c] === undefined));
  }

  forRoute(name: RouteName, route: RouteDef, hasBody: boolean, query: Json[]): Json {
    const stateful = route.method !== 'GET' && placeholders(route.path).length > 0;
    const applies = (code: string) => {
      if (code === 'BAD_CURSOR') return query.some((p) => p.name === 'cursor');
      if (code === 'IDEMPOTENCY_MISMATCH') return route.idempotent;
      // A request still running under the same Idempotency-Key answers CONFLICT too.
      if (this.statuses[code] === 409) return stateful || (route.idempotent && code === 'CONFLICT');
      return true;
    };
    const out: Json = {};
    for (const status of errorStatusesOf(name, route, hasBody)) {
      const all = this.codesOf(status);
      const codes = all.filter(applies);
      const key = codes.length === all.length ? `Error${status}` : [`Error${status}`, ...codes].join('_');
      this.components[key] ??= this.response(status, codes);
      out[status] = { $ref: `#/components/responses/${key}` };
    }
    return out;
  }

  private response(status: number, codes: string[]): Json {
    const ref = { $ref: `${COMPONENT}ErrorBody` };
    // The narrowing goes first: Swagger UI's examples take the first enum they meet.
    const narrow = { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } };
    const schema = codes.length ? { allOf: [narrow, ref] } : ref;
    return {
      description: ERROR_TEXT[status] ?? 'Error',
      ...(status === 429 || status >= 503 ? { headers: RETRY_AFTER } : {}),
      content: { [JSON_TYPE]: { schema } },
    };
  }
}

function operation(name: RouteName, route: RouteDef, schemas: SchemaCollector, errors: ErrorResponses): Json {
  const path = parameters(route.params, 'path', name);
  const declared = path.map((p) => p.name as string).sort();
  if (declared.join() !== placeholders(route.path).sort().join()) {
    throw new Error(`${name}: path parameters ${declared.join(', ')} do not match ${route.path}`);
  }
  const query = parameters(route.query, 'query', name);
  const hasBody = !(route.body instanceof z.ZodMiniUndefined);
  const success = (description: string) =>
    route.status === 204
      ? { description }
      : { description, content: { [JSON_TYPE]: { schema: schemas.schema(route.response, 'output') } } };
  const more = Object.entries(MORE_SUCCESS[name] ?? {}).map(([status, text]) => [status, success(text)]);
  return {
    operationId: name,
    tags: [route.group],
    security: route.auth === 'user' ? [{ bearerAuth: [] }] : [{}, { bearerAuth: [] }],
    ...(route.auth === 'public' ? { description: 'Works without a token; with one, the caller may see more.' } : {}),
    parameters: [...path, ...query, ...(route.idempotent ? [IDEMPOTENCY_KEY] : [])],
    ...(hasBody
      ? {
          requestBody: {
            required: !route.body.safeParse(undefined).success,
            content: { [JSON_TYPE]: { schema: schemas.schema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [route.status]: success(SUCCESS_TEXT[route.status] ?? 'Success'),
      ...Object.fromEntries(more),
      ...errors.forRoute(name, route, hasBody, query),
    },
  };
}

/** The OpenAPI 3.1 document of every route in `routes`. */
export function openApiDocument(statuses: ErrorStatuses): Json {
  const schemas = new SchemaCollector(namedSchemas());
  schemas.schema(common.ErrorBody(), 'output');
  const errors = new ErrorResponses(statuses);
  const paths: Record<string, Record<string, Json>> = {};
  const add = (path: string, method: string, op: Json) => {
    const item = (paths[path] ??= {});
    if (item[method]) throw new Error(`${method.toUpperCase()} ${path} is described twice`);
    item[method] = op;
  };
  for (const [name, route] of Object.entries(routes) as [RouteName, RouteDef][]) {
    const op = operation(name, route, schemas, errors);
    add(route.path, route.method.toLowerCase(), op);
    if (route.method === 'PATCH') {
      // wx.request cannot send PATCH: the deployment routes a POST twin of each PATCH route to the same handler.
      add(route.path, 'post', {
        ...op,
        operationId: `${name}ViaPost`,
        description: `For clients without PATCH (wx.request): the same as \`PATCH ${route.path}\`.`,
        parameters: [...(op.parameters as Json[]), METHOD_OVERRIDE],
      });
    }
  }
  const groups = [...new Set(Object.values(routes).map((r) => r.group))];
  return {
    openapi: '3.1.0',
    info: {
      title: '先锋驿站 API',
      version: 'v1',
      description:
        'Generated from `shared/routes.ts` and the zod schemas in `shared/schemas/` (`npm run openapi`): the route ' +
        'table is the contract. Errors answer `ErrorBody` with a stable `code` and a zh-CN `message`. Lists take ' +
        '`limit` and an opaque, signed `cursor` and answer `nextCursor` (null on the last page).',
    },
    servers: [{ url: '/', description: 'This origin (`npm start` serves the docs beside a proxy of /v1)' }],
    tags: groups.map((g) => ({ name: g, ...(TAGS[g] ? { description: TAGS[g] } : {}) })),
    paths,
    components: {
      schemas: sorted(schemas.components),
      responses: sorted(errors.components),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The `token` answered by `POST /v1/auth/wechat`',
        },
      },
    },
  };
}
