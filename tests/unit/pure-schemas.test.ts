// The build step that marks the shared schemas' construction as pure (functions/core/stubs/pure-schemas.cjs): what it
// marks, what it must never mark, and that esbuild then leaves an unused schema out.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { markPureCalls, pureSchemas } = require('../../functions/core/stubs/pure-schemas.cjs');

const PURE = '/* @__PURE__ */ ';

describe('marking schema construction pure', () => {
  it('marks every call in a top-level const, once per chain', () => {
    const out: string = markPureCalls("export const Name = z.string().check(z.trim(), z.maxLength(20, '最多 20 个字'));");

    expect(out).toBe(`export const Name = ${PURE}z.string().check(${PURE}z.trim(), ${PURE}z.maxLength(20, '最多 20 个字'));`);
  });

  it('leaves calls inside functions alone: they run when called, not when the module loads', () => {
    const source = [
      'export const Day = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), "日期无效"));',
      'export const Text = (max: number) => z.string().check(z.maxLength(max));',
      'export function page(item: unknown) { return z.object({ items: z.array(item) }); }',
    ].join('\n');

    const out: string = markPureCalls(source);

    expect(out.split('\n')[0]).toBe(`export const Day = ${PURE}z.string().check(${PURE}z.refine((s) => !Number.isNaN(Date.parse(s)), "日期无效"));`);
    expect(out.split('\n').slice(1)).toEqual(source.split('\n').slice(1));
  });

  it('leaves statements and `let` alone: their calls may be there for their effect', () => {
    const source = ['z.config(z.locales.zhCN());', 'let counter = next();', 'register(Schema);'].join('\n');

    expect(markPureCalls(source)).toBe(source);
  });

  it('lets esbuild drop an unused schema that it kept before', async () => {
    // Prepare: a module with a used and an unused schema, each built with a check.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pure-schemas-'));
    try {
      const schemas = path.join(dir, 'schemas', 'things.ts');
      mkdirSync(path.dirname(schemas));
      writeFileSync(schemas, [
        "import * as z from 'zod/mini';",
        "export const Used = z.object({ name: z.string().check(z.maxLength(10, 'USED_RULE')) });",
        "export const Unused = z.object({ note: z.string().check(z.maxLength(10, 'UNUSED_RULE')) });",
      ].join('\n'));
      const entry = path.join(dir, 'entry.ts');
      writeFileSync(entry, "import { Used } from './schemas/things';\nexport const schema = Used;\n");
      const bundle = (plugins: unknown[]) =>
        build({ entryPoints: [entry], bundle: true, write: false, platform: 'node', format: 'cjs', nodePaths: [path.resolve(__dirname, '../../node_modules')], plugins: plugins as never })
          .then((r) => r.outputFiles[0].text);

      // Act
      const [without, withPlugin] = [await bundle([]), await bundle([pureSchemas({ filter: /[\\/]schemas[\\/][^\\/]+\.ts$/ })])];

      // Assess
      expect(without).toContain('UNUSED_RULE'); // the reason the plugin exists
      expect(withPlugin).toContain('USED_RULE');
      expect(withPlugin).not.toContain('UNUSED_RULE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
