// A schema built on its first use, then kept. The shared schemas are declared this way so that a function's cold
// start builds only what the route it serves reaches (a few dozen zod objects), not the whole route table's hundreds:
// constructing them was the largest part of a bundle's import after V8's compile.
import type * as z from 'zod/mini';

const made = new WeakSet<() => unknown>();

export function lazy<T>(build: () => T): () => T {
  let built: T | undefined;
  const get = () => (built ??= build());
  made.add(get);
  return get;
}

/** Whether `value` is a schema declared with `lazy` (the OpenAPI generator names every exported one). */
export const isLazy = (value: unknown): value is () => unknown => typeof value === 'function' && made.has(value as () => unknown);

/** The type a lazily declared schema parses to: `Infer<typeof Idea>` for `z.infer` of the schema `Idea()` returns. */
export type Infer<L extends () => z.ZodMiniType> = z.infer<ReturnType<L>>;
