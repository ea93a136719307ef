// Where an idempotency record lives and what it is checked against: Powertools' record key and hashes, with the
// key spread over partitions (the layout: http/idempotency-store.ts). Pure, no client and no configuration: the
// stack of every function and the bench's key-heat model import it.
import { createHash } from 'node:crypto';

const PK_PREFIX = 'IDEMPOTENCY#';

/** How long a used key answers with its first answer (Powertools' records, a booking's stamp on a released marker). */
export const KEY_LIFETIME_S = 24 * 3600;

/** The table key of the record Powertools names `recordKey` (`<METHOD path>#<hash of the scope>`). */
export function idempotencyRecordKey(recordKey: string): { pk: string; sk: string } {
  // 64 bits of a hash: partitions never need to be listed, and the sort key disambiguates anyway.
  return { pk: `${PK_PREFIX}${createHash('sha256').update(recordKey).digest('hex').slice(0, 16)}`, sk: recordKey };
}

/** Powertools' hash of a JMESPath result (a string here): md5, base64, of its JSON. */
const hashOf = (value: string) => createHash('md5').update(JSON.stringify(value)).digest('base64');

/** A request's claim on its Idempotency-Key: where its record lives and the hash of the body it came with. */
export interface IdempotencyClaim {
  key: { pk: string; sk: string };
  payloadHash: string;
}

/** `scope` and `payload` as the stack's idempotencyScope middleware puts them on the event (Powertools' own key). */
export function idempotencyClaim(routeKey: string, scope: string, payload: string): IdempotencyClaim {
  return { key: idempotencyRecordKey(`${routeKey}#${hashOf(scope)}`), payloadHash: hashOf(payload) };
}
