// The single-record twin of paged-list: a page that shows one thing (or a Promise.all of a few) once it has loaded,
// with the loading and error (重试) states of LoadState, so that every such page reports failures alike.
//   const { data: day, setData: setDay, status, error, reload } = usePageLoad(() => api('getThemeDay', …));
//   useReloadOnShow(allowed, reload); // on show and on pull-down: what is shown stays while it loads
//   <LoadState id='…' status={status} message={error} onRetry={() => void reload()} />
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { errorMessage, isApiError, showApiError } from '../api/client';

/** `missing`: the first load answered 404 (a deleted or mistyped link); retrying will not help. */
export type LoadStatus = 'loading' | 'error' | 'missing' | 'ready';

export interface PageLoad<T> {
  /** null until the first load succeeds. */
  data: T | null;
  /** For local updates (an action's answer) without a reload. */
  setData: Dispatch<SetStateAction<T | null>>;
  /** `loading`, `error` and `missing` only until something is shown: a later failed reload keeps it and shows a toast. */
  status: LoadStatus;
  error: string;
  /** Loads again; never rejects. */
  reload: () => Promise<void>;
}

export interface PageLoadOptions {
  /** The text of the error state when the first load fails; `errorMessage` by default. */
  errorText?: (err: unknown) => string;
}

/** What a page loads before it shows; side effects of the load (a name looked up later) go inside `fetch`. */
export function usePageLoad<T>(fetch: () => Promise<T>, { errorText = errorMessage }: PageLoadOptions = {}): PageLoad<T> {
  const [data, setData] = useState<T | null>(null);
  const [status, setStatus] = useState<LoadStatus>('loading');
  const [error, setError] = useState('');
  const seq = useRef(0);
  const shown = useRef(false);
  // Pages pass `fetch` inline; through a ref `reload` stays one function, fit for the pages' useCallback deps.
  const latest = useRef({ fetch, errorText });
  latest.current = { fetch, errorText };

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    if (!shown.current) setStatus('loading');
    try {
      const value = await latest.current.fetch();
      if (mine !== seq.current) return; // a newer reload (show and pull-down at once) won
      setData(value);
      shown.current = true;
      setStatus('ready');
    } catch (err) {
      if (mine !== seq.current) return;
      loadFailed(err, shown.current, () => {
        setError(latest.current.errorText(err));
        setStatus(isApiError(err) && err.status === 404 ? 'missing' : 'error');
      });
    }
  }, []);

  return { data, setData, status, error, reload };
}

/** A failed load: left to the client on 401 (it is taking the user to log in), a toast over what is shown, else the error state. */
export function loadFailed(err: unknown, shown: boolean, showErrorState: () => void): void {
  if (isApiError(err) && err.status === 401) return;
  if (shown) showApiError(err);
  else showErrorState();
}

/** Reloads when the page shows (once the gate allows it) and on pull-down. */
export function useReloadOnShow(allowed: boolean, reload: () => Promise<void>): void {
  useDidShow(() => {
    if (allowed) void reload();
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
}
