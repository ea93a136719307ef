// The paged lists of the app (queues, notices, cases, theme days, ideas, my concerns): the first page, 加载更多 on
// the cursor, and the loading and error states, so that every list drops late answers and reports failures alike.
//   const list = usePagedList({ fetchPage: (cursor, filter: Filter) => api('listCases', …), keyOf: (c) => c.id });
//   list.reload(filter);             // on show and on pull-down: the shown list stays while it loads
//   list.reset(); list.reload(next); // another filter: back to the loading state
import { useReachBottom } from '@tarojs/taro';
import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { errorMessage, showApiError } from '../api/client';
import { loadFailed } from './page-load';

export type ListStatus = 'loading' | 'error' | 'ready';

export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedListOptions<T, Q> {
  /**
   * The page after `cursor` (none: the first page) of the list for `query`. The query is passed, not read from
   * state, because a page changes its filter and reloads in one handler, before React renders the new filter.
   */
  fetchPage: (cursor: string | undefined, query: Q) => Promise<ListPage<T>>;
  /** Pages can overlap when items were added meanwhile: an item already shown is not added again. */
  keyOf: (item: T) => string;
  /** The text of the error state when the first page fails; `errorMessage` by default. */
  errorText?: (err: unknown) => string;
  /** Whether scrolling to the bottom of the page loads the next page (default true). */
  loadOnReachBottom?: boolean;
}

export interface PagedList<T, Q> {
  items: T[];
  /** For local updates (an item decided, a support toggled) without a reload. */
  setItems: Dispatch<SetStateAction<T[]>>;
  /** `loading` and `error` only until a list is shown: a later failed reload keeps the list and shows a toast. */
  status: ListStatus;
  error: string;
  hasMore: boolean;
  loadingMore: boolean;
  /** Loads the first page for `query`; never rejects. */
  reload: (query: Q) => Promise<void>;
  loadMore: () => Promise<void>;
  /** Forgets the list (another filter, or it is out of date): the next reload shows the loading state. */
  reset: () => void;
}

/** A paged list in a page component (it answers the page's reach-bottom event). */
export function usePagedList<T, Q = void>({
  fetchPage,
  keyOf,
  errorText = errorMessage,
  loadOnReachBottom = true,
}: PagedListOptions<T, Q>): PagedList<T, Q> {
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<ListStatus>('loading');
  const [error, setError] = useState('');
  // The cursor goes with the query it continues, so 加载更多 always extends the list that is shown.
  const [next, setNext] = useState<{ cursor: string; query: Q } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const seq = useRef(0);
  const shown = useRef(false);
  // Pages pass these inline; through a ref `reload` stays one function, fit for the pages' useCallback deps.
  const latest = useRef({ fetchPage, errorText });
  latest.current = { fetchPage, errorText };

  const reload = useCallback(async (query: Q) => {
    const mine = ++seq.current;
    if (!shown.current) setStatus('loading');
    try {
      const page = await latest.current.fetchPage(undefined, query);
      if (mine !== seq.current) return; // a newer reload (another filter, say) won
      setItems(page.items);
      setNext(page.nextCursor ? { cursor: page.nextCursor, query } : null);
      shown.current = true;
      setStatus('ready');
    } catch (err) {
      if (mine !== seq.current) return;
      loadFailed(err, shown.current, () => {
        setError(latest.current.errorText(err));
        setStatus('error');
      });
    }
  }, []);

  const reset = useCallback(() => {
    shown.current = false;
    setItems([]);
    setNext(null);
  }, []);

  const loadMore = async () => {
    if (!next || loadingMore) return;
    setLoadingMore(true);
    const mine = seq.current;
    try {
      const page = await fetchPage(next.cursor, next.query);
      if (mine !== seq.current) return; // reloaded meanwhile: this page belongs to the old list
      setItems((prev) => [...prev, ...page.items.filter((i) => !prev.some((p) => keyOf(p) === keyOf(i)))]);
      setNext(page.nextCursor ? { cursor: page.nextCursor, query: next.query } : null);
    } catch (err) {
      showApiError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  useReachBottom(() => {
    if (loadOnReachBottom) void loadMore();
  });

  return { items, setItems, status, error, hasMore: next !== null, loadingMore, reload, loadMore, reset };
}
