// Table items carry their keys (pk, sk, index keys), an entity tag and a TTL beside the record's own fields.
// Every read goes through `recordOf`, which drops those, so a record never leaks a key into a response.
const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4n', 'entity', 'ttl']);

export type Item = Record<string, unknown>;

/**
 * The record stored in an item, with defaults for fields added after older items were written. The one place where
 * an item becomes a typed record: items are written only through their entity's `…Item()` builders, so the shape is
 * the entity's own.
 */
export function recordOf<T extends object>(item: Item, defaults: Partial<T> = {}): T {
  const record: Item = { ...defaults };
  // for…in, not Object.entries: every read of every route comes through here, and the pairs array is garbage.
  for (const name in item) if (!KEY_ATTRIBUTES.has(name)) record[name] = item[name];
  return record as T;
}
