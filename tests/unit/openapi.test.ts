// The published OpenAPI document: the committed file is what the generator makes from the route table now, it is a
// sound OpenAPI 3.1 document (every $ref resolves, path parameters declared), and it says what the API does.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod/mini';
import { routes, type RouteDef } from '@shared/routes';
import { ERROR_CODES } from '@shared/schemas/common';
import { openApiDocument } from '@shared/openapi';
import { errorStatuses, openApiJson } from '../../scripts/openapi';
import { OPENAPI_FILE, serveApiDocs } from '../../scripts/lib/api-docs';

type Json = Record<string, any>;
const doc = openApiDocument(errorStatuses()) as Json;
const table = Object.entries(routes) as [string, RouteDef][];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function pointer(ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`external $ref ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => (node === undefined ? undefined : node[key]), doc);
}

/** The value with every $ref replaced by its target: comparable with zod's own, fully inlined, JSON Schema. */
function deref(value: unknown): any {
  if (Array.isArray(value)) return value.map(deref);
  if (!value || typeof value !== 'object') return value;
  const { $ref, ...rest } = value as Json;
  if (typeof $ref === 'string') return deref({ ...(pointer($ref) as Json), ...rest });
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, deref(v)]));
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref') out.push(v as string);
      else refsIn(v, out);
    }
  }
  return out;
}

const zodJson = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  return json;
};
const placeholders = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const operations = () =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ path, method, op: op as Json })),
  );
const opOf = (r: RouteDef) => doc.paths[r.path]?.[r.method.toLowerCase()] as Json | undefined;
const response = (op: Json, status: number) => (op.responses[status] ? deref(op.responses[status]) : undefined);
const errorCodes = (res: Json): string[] | undefined =>
  (res.content['application/json'].schema.allOf as Json[] | undefined)?.find((s) => s.properties)?.properties.error.properties.code.enum;

it('the committed docs/openapi.json is what the route table generates now', () => {
  let committed = '';
  try {
    committed = readFileSync(OPENAPI_FILE, 'utf8');
  } catch {
    // a missing file is reported below
  }
  const fresh = openApiJson();
  expect(committed === fresh ? 'up to date' : 'docs/openapi.json is out of date: run `npm run openapi` and commit it').toBe(
    'up to date',
  );
});

describe('a sound OpenAPI 3.1 document', () => {
  it('has the top-level fields, and every $ref resolves', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(100);
    const broken = refs.filter((r) => pointer(r) === undefined);
    expect(broken).toEqual([]);
    for (const key of [...Object.keys(doc.components.schemas), ...Object.keys(doc.components.responses)]) {
      expect(key).toMatch(/^[a-zA-Z0-9._-]+$/);
    }
  });

  it('declares each path parameter once, names operations uniquely and uses only defined tags and schemes', () => {
    const ops = operations();
    expect(table.length).toBeGreaterThan(50);
    const patches = table.filter(([, r]) => r.method === 'PATCH').length;
    expect(ops).toHaveLength(table.length + patches);
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
    const tags = new Set((doc.tags as Json[]).map((t) => t.name));
    const schemes = Object.keys(doc.components.securitySchemes);
    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(path).toMatch(/^\/v1\//);
      const params = op.parameters as Json[];
      const pathParams = params.filter((p) => p.in === 'path');
      expect([where, pathParams.map((p) => p.name).sort()]).toEqual([where, placeholders(path).sort()]);
      expect(pathParams.every((p) => p.required === true)).toBe(true);
      expect(new Set(params.map((p) => `${p.in} ${p.name.toLowerCase()}`)).size).toBe(params.length);
      expect(params.every((p) => p.schema && typeof p.schema === 'object')).toBe(true);
      expect(op.tags.every((t: string) => tags.has(t))).toBe(true);
      for (const req of op.security as Json[]) expect(Object.keys(req).every((k) => schemes.includes(k))).toBe(true);
      expect(Object.keys(op.responses).length).toBeGreaterThan(1);
      for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$/);
      if (method === 'get') expect(op.requestBody).toBeUndefined();
    }
  });
});

describe('every route of the table', () => {
  it('is there with its method, path parameters, query parameters and security', () => {
    expect(table.length).toBeGreaterThan(50);
    for (const [name, r] of table) {
      const op = opOf(r);
      expect([name, op?.operationId]).toEqual([name, name]);
      const params = op!.parameters as Json[];
      expect(params.filter((p) => p.in === 'path').map((p) => p.name).sort()).toEqual(placeholders(r.path).sort());
      const shape = r.query instanceof z.ZodMiniObject ? (r.query.shape as Record<string, z.ZodMiniType>) : undefined;
      expect([name, shape !== undefined]).toEqual([name, true]);
      const query = params.filter((p) => p.in === 'query');
      expect([name, query.map((p) => p.name).sort()]).toEqual([name, Object.keys(shape!).sort()]);
      for (const p of query) expect([name, p.name, p.required]).toEqual([name, p.name, !shape![p.name].safeParse(undefined).success]);
      expect(op!.security).toEqual(r.auth === 'user' ? [{ bearerAuth: [] }] : [{}, { bearerAuth: [] }]);
      const idempotencyKey = params.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      expect([name, Boolean(idempotencyKey)]).toEqual([name, r.idempotent]);
    }
    expect(doc.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    );
  });

  it('has its request body schema, success status and response schema, the same as zod makes them', () => {
    expect(table.length).toBeGreaterThan(50);
    for (const [name, r] of table) {
      const op = opOf(r)!;
      if (r.body instanceof z.ZodMiniUndefined) expect([name, op.requestBody]).toEqual([name, undefined]);
      else {
        expect([name, op.requestBody.required]).toEqual([name, !r.body.safeParse(undefined).success]);
        expect([name, deref(op.requestBody.content['application/json'].schema)]).toEqual([name, zodJson(r.body, 'input')]);
      }
      const ok = response(op, r.status);
      expect([name, ok !== undefined]).toEqual([name, true]);
      if (r.status === 204) expect([name, ok.content]).toEqual([name, undefined]);
      else expect([name, deref(ok.content['application/json'].schema)]).toEqual([name, zodJson(r.response, 'output')]);
    }
    expect(Object.keys(opOf(routes.checkIn)!.responses)).toEqual(expect.arrayContaining(['200', '201']));
  });

  it('lists its error responses with ErrorBody and the codes that status carries', () => {
    const statuses = errorStatuses();
    expect(statuses).toEqual(expect.objectContaining({ VALIDATION_FAILED: 400, SLOT_FULL: 409, PAYLOAD_TOO_LARGE: 413, UNAVAILABLE: 503 }));
    expect(table.length).toBeGreaterThan(50);
    for (const [name, r] of table) {
      const op = opOf(r)!;
      const errors = Object.keys(op.responses).map(Number).filter((s) => s >= 400);
      const expected = [400, 500, 503, 504, ...(r.auth === 'user' ? [401] : []), ...(r.body instanceof z.ZodMiniUndefined ? [] : [413])];
      expect([name, errors]).toEqual([name, expect.arrayContaining(expected)]);
      if (r.auth === 'public') expect([name, errors.includes(401)]).toEqual([name, false]);
      if (placeholders(r.path).length) expect([name, errors.includes(404)]).toEqual([name, true]);
      for (const status of errors) {
        const res = response(op, status);
        const schema = op.responses[status].$ref ? (pointer(op.responses[status].$ref) as Json).content['application/json'].schema : undefined;
        expect(refsIn(schema)).toContain('#/components/schemas/ErrorBody');
        const codes = errorCodes(res) ?? [];
        // 504 is the stack's own deadline (functions/core/http/deadline.ts), answered with a busy dependency's code.
        if (status === 504) expect([name, codes]).toEqual([name, ['UNAVAILABLE']]);
        else
          for (const code of codes) {
            expect(ERROR_CODES).toContain(code);
            expect([name, code, status]).toEqual([name, code, status === 500 ? (statuses[code] ?? 500) : statuses[code]]);
          }
        if (status !== 500) expect([name, status, codes.length > 0]).toEqual([name, status, true]);
        if (status >= 503 || status === 429) expect(res.headers['Retry-After']).toBeDefined();
      }
      const conflict = response(op, 409);
      if (r.idempotent) expect([name, errorCodes(conflict)]).toEqual([name, expect.arrayContaining(['IDEMPOTENCY_MISMATCH'])]);
      else if (conflict) expect([name, errorCodes(conflict)]).toEqual([name, expect.not.arrayContaining(['IDEMPOTENCY_MISMATCH'])]);
    }
    expect(errorCodes(response(opOf(routes.createBooking)!, 409))).toEqual(expect.arrayContaining(['SLOT_FULL', 'ALREADY_BOOKED']));
    expect(Object.keys(opOf(routes.loginWechat)!.responses)).toContain('429');
    expect(Object.keys(opOf(routes.raiseConcern)!.responses)).toContain('422');
    expect(doc.components.schemas.ErrorBody.properties.error.properties.code.enum).toEqual([...ERROR_CODES]);
  });

  it('has a POST twin of each PATCH route, taking X-HTTP-Method-Override: PATCH', () => {
    const patches = table.filter(([, r]) => r.method === 'PATCH');
    expect(patches.length).toBeGreaterThan(0);
    for (const [name, r] of patches) {
      const patch = opOf(r)!;
      const twin = doc.paths[r.path].post as Json;
      expect(twin.operationId).toBe(`${name}ViaPost`);
      expect(twin.parameters).toContainEqual({ name: 'X-HTTP-Method-Override', in: 'header', required: true, schema: { type: 'string', const: 'PATCH' } });
      expect(twin.requestBody).toEqual(patch.requestBody);
      expect(twin.responses).toEqual(patch.responses);
      expect(twin.security).toEqual(patch.security);
    }
  });
});

it('is browsable: /docs serves Swagger UI from swagger-ui-dist, loading /docs/openapi.json', async () => {
  const server = http.createServer((req, res) => {
    if (!serveApiDocs(new URL(req.url ?? '/', 'http://localhost').pathname, res)) res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const page = await fetch(`${base}/docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('/docs/openapi.json');
    for (const asset of ['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']) {
      expect(html).toContain(asset);
      const res = await fetch(`${base}${asset}`);
      expect([asset, res.status]).toEqual([asset, 200]);
      expect((await res.text()).length).toBeGreaterThan(1000);
    }
    const spec = await fetch(`${base}/docs/openapi.json`);
    expect(spec.status).toBe(200);
    expect((await spec.json()).openapi).toBe('3.1.0');
    expect((await fetch(`${base}/docs/../package.json`)).status).not.toBe(200);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(418);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
