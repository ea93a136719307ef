// Idempotency keys for creating forms: retries of the same body reuse one key (no duplicate is created after a lost
// answer); a changed body gets a fresh key (the API refuses a reused key with a different body).
import { useRef } from 'react';
import { newIdempotencyKey } from '../../api/client';

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
