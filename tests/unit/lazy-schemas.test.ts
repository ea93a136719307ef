// The shared schemas are built on first use (shared/schemas/lazy.ts), so a function's cold start builds the schemas
// of the route it serves and not its whole table's. These keep it so: no schema module builds a schema as it is
// imported, and a route builds its own when they are first read, once.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { routes } from '@shared/routes';
import { route } from '@shared/routes/define';

const SCHEMAS = path.join(__dirname, '../../shared/schemas');
const FIELDS = ['params', 'query', 'body', 'response'] as const;

describe('schemas built on first use', () => {
  it.each(readdirSync(SCHEMAS).filter((f) => f.endsWith('.ts')))('shared/schemas/%s exports no schema built at import', (file) => {
    // Act
    const exported: Record<string, unknown> = require(path.join(SCHEMAS, file));
    // Assess
    const built = Object.entries(exported).filter(([, value]) => value instanceof z.ZodMiniType).map(([name]) => name);
    expect(built).toEqual([]);
  });

  it('leaves every route\'s schemas unbuilt until they are read', () => {
    // Assess: still getters, for every route of the table (nothing has read them in this file)
    const built = Object.entries(routes).flatMap(([name, def]) =>
      FIELDS.filter((field) => !Object.getOwnPropertyDescriptor(def, field)?.get).map((field) => `${name}.${field}`),
    );
    expect(built).toEqual([]);
  });

  it('builds a route\'s schemas once, when first read, and keeps them as plain fields', () => {
    // Prepare
    const schemas = jest.fn(() => ({ body: z.object({ topic: z.string() }), response: z.object({ id: z.string() }) }));
    const def = route({ method: 'POST', path: '/v1/things', group: 'health', auth: 'user' }, schemas);
    expect(schemas).not.toHaveBeenCalled();
    // Act
    const body = def.body;
    const response = def.response;
    // Assess
    expect(schemas).toHaveBeenCalledTimes(1);
    expect(def.body).toBe(body);
    expect(body.parse({ topic: '咨询' })).toEqual({ topic: '咨询' });
    expect(response.parse({ id: 'a', extra: 1 })).toEqual({ id: 'a' });
    expect(Object.getOwnPropertyDescriptor(def, 'body')).toMatchObject({ value: body });
    // Not given: no params, no query (what route() defaults to)
    expect(def.params.parse({})).toEqual({});
    expect(() => def.params.parse({ id: 'x' })).toThrow();
    expect(def.status).toBe(200);
  });
});
