// What the 党费 and 说事概况 pages load: one org's figures of one month, again whenever either changes.
import { useState } from 'react';
import { shanghaiMonth } from '@shared/time';
import { errorMessage, isApiError } from '../../api/client';

export function useOrgMonth<T>(fetch: (orgId: string, month: string) => Promise<T>, refusal: string) {
  const [orgId, setOrgId] = useState('');
  const [month, setMonth] = useState(shanghaiMonth());
  const [data, setData] = useState<T | null>(null);
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading');
  const [error, setError] = useState('');

  const load = async (id = orgId, m = month) => {
    setStatus('loading');
    try {
      setData(await fetch(id, m));
      setStatus('ready');
    } catch (err) {
      setError(isApiError(err) && err.status === 403 ? refusal : errorMessage(err));
      setStatus('error');
    }
  };
  /** Another org ('' when the picked one is not of the page's kind). */
  const open = (id: string) => {
    setOrgId(id);
    if (id) void load(id, month);
  };
  const changeMonth = (m: string) => {
    setMonth(m);
    if (orgId) void load(orgId, m);
  };
  return { orgId, month, data, status, error, load, open, changeMonth };
}
