// The shipped bundles replace Powertools' JMESPath with a field lookup (functions/core/stubs/jmespath.ts). This
// checks it answers as the real interpreter does for the expressions Powertools idempotency is configured with, on
// the events the stack hands it, and that anything else fails loudly instead of hashing the wrong thing.
import { search as realSearch } from '@aws-lambda-powertools/jmespath';
import { search } from '../../functions/core/stubs/jmespath';

const EXPRESSIONS = ['idempotencyScope', 'idempotencyPayload'];
const EVENTS: unknown[] = [
  { idempotencyScope: 'user-1|/v1/branches/b/ideas|key-1', idempotencyPayload: '{"title":"红色研学"}', body: { title: '红色研学' } },
  { idempotencyScope: 'anonymous|/v1/concerns|k', idempotencyPayload: '' },
  { idempotencyPayload: '{"a":1}' },
  { idempotencyScope: null, idempotencyPayload: 0 },
  { idempotencyScope: { nested: true }, idempotencyPayload: ['a'] },
  {},
  [],
  null,
  'text',
];

describe('the JMESPath stand-in of the shipped bundles', () => {
  it.each(EXPRESSIONS)('answers %s as JMESPath does on every event shape', (expression) => {
    for (const event of EVENTS) {
      // Act
      const ours = search(expression, event);
      const real = realSearch(expression, event as never);
      // Assess
      expect({ event, value: ours }).toEqual({ event, value: real });
    }
  });

  it('refuses an expression that is not a plain field', () => {
    for (const expression of ['body.title', 'powertools_json(body).id', 'headers."idempotency-key"', '[0]']) {
      expect(() => search(expression, { body: { title: 'x' } })).toThrow(/not bundled/);
    }
  });
});
