// One part of a page that loads after the page itself (首页's next theme day and notice feed), with its own
// loading and error line. A newer load drops the answer of an older one.
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';

export type Section<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/**
 * Runs `run` whenever `load` changes (null: nothing to show). What is shown stays while it loads again, unless
 * `subject` changed (another branch, other orgs): then the section goes back to loading.
 */
export function useSection<T>(run: (() => Promise<T>) | null, load: unknown, subject: string): Section<T> | null {
  const [state, setState] = useState<{ subject: string; section: Section<T> } | null>(null);

  useEffect(() => {
    if (!run) {
      setState(null);
      return;
    }
    let live = true;
    const set = (section: Section<T>) => live && setState({ subject, section });
    setState((s) => (s?.subject === subject && s.section.status === 'ready' ? s : { subject, section: { status: 'loading' } }));
    run().then(
      (value) => set({ status: 'ready', value }),
      (err: unknown) => set({ status: 'error', message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
    // `run` is made anew on every render; `load` says when to run it.
  }, [load]);

  return state?.section ?? null;
}
