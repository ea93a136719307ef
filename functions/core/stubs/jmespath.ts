// Stands in for `@aws-lambda-powertools/jmespath` (and its `/functions`) in the shipped bundles (serverless.yml's
// esbuild `alias`). Powertools idempotency evaluates two expressions, each a top-level field the stack puts on the
// event (`idempotencyScope`, `idempotencyPayload`: core/http/idempotency.ts). A field lookup is all of JMESPath they
// use; the ≈ 23 KiB interpreter would only be parsed at every cold start. Any other expression reaching this is a bug.
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** JMESPath's `search` for an identifier: the field's value, or null when it is missing or `data` is no object. */
export function search(expression: string, data: unknown): unknown {
  if (!FIELD.test(expression)) throw new Error(`JMESPath expression "${expression}" is not bundled (functions/core/stubs/jmespath.ts)`);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const value = (data as Record<string, unknown>)[expression];
  return value === undefined ? null : value;
}

/** The set of custom functions Powertools hands to `search`; a field lookup calls none. */
export class PowertoolsFunctions {}
