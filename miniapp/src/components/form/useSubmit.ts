// A form's send: `saving` spins its button meanwhile; a failure becomes the form's error line and a toast.
import { useState } from 'react';
import { errorMessage, showApiError } from '../../api/client';

export function useSubmit() {
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  const send = async (work: () => Promise<void>): Promise<void> => {
    setSaving(true);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
      showApiError(err);
    } finally {
      setSaving(false);
    }
  };

  return { error, setError, saving, send };
}
