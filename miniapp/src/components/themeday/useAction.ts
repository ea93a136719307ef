// One action at a time in a block of buttons: `busy` names the running one (its button spins); a failure is toasted,
// and kept in `error` too when the block shows it beside its form.
import { useState } from 'react';
import { errorMessage, showApiError } from '../../api/client';

export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState('');

  const run = async (name: string, action: () => Promise<void>, { inline = false } = {}): Promise<void> => {
    if (busy) return;
    setBusy(name);
    setError('');
    try {
      await action();
    } catch (err) {
      if (inline) setError(errorMessage(err));
      showApiError(err);
    } finally {
      setBusy(null);
    }
  };

  return { busy, error, setError, run };
}
