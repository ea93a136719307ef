// `npm run openapi`: writes docs/openapi.json from the route table (shared/openapi.ts builds it). Commit the result;
// tests/unit/openapi.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as errors from '../functions/core/errors';
import { openApiDocument, type ErrorStatuses } from '../shared/openapi';
import { OPENAPI_FILE } from './lib/api-docs';

/** Each error code's HTTP status, read off the typed errors so the document cannot disagree with them. */
export function errorStatuses(): ErrorStatuses {
  const out: Record<string, number> = {};
  for (const value of Object.values(errors)) {
    if (typeof value !== 'function' || !(value.prototype instanceof errors.DomainError)) continue;
    // A refinement of another typed error (TimedOutError) keeps its code; the document states its status apart.
    if (Object.getPrototypeOf(value) !== errors.DomainError) continue;
    const { code, status } = new (value as new () => errors.DomainError)();
    if (out[code] !== undefined && out[code] !== status) throw new Error(`error code ${code} has two statuses`);
    out[code] = status;
  }
  return out;
}

/** The document as committed: stable key order, two-space indent, final newline. */
export const openApiJson = (): string => `${JSON.stringify(openApiDocument(errorStatuses()), null, 2)}\n`;

if (require.main === module) {
  writeFileSync(OPENAPI_FILE, openApiJson());
  console.log(`[openapi] wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
