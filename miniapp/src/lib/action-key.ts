// Idempotency keys for one user action (a form that creates something): a retry of the same body (a tap again after a
// lost answer) reuses the key, so the API returns the first result instead of creating a second one; a changed body
// gets a fresh key (the API refuses a reused key with a different body).
import { useRef } from 'react';
import { newIdempotencyKey } from '../api/client';

export function useActionKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body: unknown): string {
      const json = JSON.stringify(body);
      if (!last.current || last.current.body !== json) last.current = { body: json, key: newIdempotencyKey() };
      return last.current.key;
    },
    /** After success: the next submission is a new action. */
    reset(): void {
      last.current = null;
    },
  };
}
