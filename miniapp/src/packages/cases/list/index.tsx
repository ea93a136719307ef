// 百例 case library (public): exemplary theme days marked by township staff, filtered by category.
import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { CaseSummary } from '@shared/schemas/notices';
import type { IdeaCategory } from '@shared/schemas/themeday';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import CaseCard from '../../../components/cases/CaseCard';
import LoadState from '../../../components/LoadState';
import { usePageGate } from '../../../lib/gate';
import { NT_PAGES, goNt } from '../../../lib/notices';
import { IDEA_CATEGORY_LABELS } from '../../../lib/themeday-labels';
import '../../../components/notices/notices.scss';

type Status = 'loading' | 'error' | 'ready';
type Filter = IdeaCategory | 'all';

const PAGE_SIZE = 20;
const FILTERS: Filter[] = ['all', ...(Object.keys(IDEA_CATEGORY_LABELS) as IdeaCategory[])];
const filterLabel = (f: Filter) => (f === 'all' ? '全部' : IDEA_CATEGORY_LABELS[f]);

/** The tab last chosen, kept while the app runs. */
let lastFilter: Filter = 'all';

export default function CaseListPage() {
  const allowed = usePageGate(NT_PAGES.cases);

  const [filter, setFilter] = useState<Filter>(lastFilter);
  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const seq = useRef(0);
  const shown = useRef(false);

  const load = useCallback(async (f: Filter) => {
    const mine = ++seq.current;
    if (!shown.current) setStatus('loading');
    try {
      const page = await api('listCases', { query: { limit: PAGE_SIZE, ...(f === 'all' ? {} : { category: f }) } });
      if (mine !== seq.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      shown.current = true;
      setStatus('ready');
    } catch (err) {
      if (mine !== seq.current || (isApiError(err) && err.status === 401)) return;
      if (shown.current) showApiError(err);
      else {
        setLoadError(errorMessage(err));
        setStatus('error');
      }
    }
  }, []);

  useDidShow(() => {
    if (allowed) void load(filter);
  });

  usePullDownRefresh(() => {
    void load(filter).finally(() => Taro.stopPullDownRefresh());
  });

  const loadMore = async () => {
    if (!nextCursor || loadingMore) return;
    const mine = seq.current;
    setLoadingMore(true);
    try {
      const page = await api('listCases', {
        query: { limit: PAGE_SIZE, cursor: nextCursor, ...(filter === 'all' ? {} : { category: filter }) },
      });
      if (mine !== seq.current) return;
      setItems((prev) => [...prev, ...page.items.filter((c) => !prev.some((p) => p.themeDayId === c.themeDayId))]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      showApiError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  useReachBottom(() => {
    void loadMore();
  });

  if (!allowed) return <View />;

  const choose = (f: Filter) => {
    if (f === filter) return;
    lastFilter = f;
    setFilter(f);
    setItems([]);
    setNextCursor(null);
    shown.current = false;
    void load(f);
  };

  return (
    <View className='page' id='ca-list'>
      <View className='nt-hero'>
        <Text className='nt-hero__title'>百例案例库</Text>
        <Text className='nt-hero__sub'>各地优秀主题党日，学习借鉴</Text>
      </View>

      <ScrollView scrollX className='nt-scroll-chips' id='ca-filters'>
        {FILTERS.map((f) => (
          <Text key={f} id={`ca-filter-${f}`} className={`nt-chip${f === filter ? ' nt-chip--on' : ''}`} onClick={() => choose(f)}>
            {filterLabel(f)}
          </Text>
        ))}
      </ScrollView>

      {status !== 'ready' ? (
        <LoadState id='ca-list' status={status} message={loadError} onRetry={() => void load(filter)} />
      ) : (
        <View id='ca-items'>
          {items.length === 0 ? (
            <View className='nt-card'>
              <Text className='nt-empty' id='ca-empty'>
                {filter === 'all' ? '暂无案例，乡镇评选后会陆续收录' : `暂无「${filterLabel(filter)}」类案例`}
              </Text>
            </View>
          ) : (
            items.map((c) => <CaseCard key={c.themeDayId} item={c} onOpen={(id) => void goNt(NT_PAGES.caseDetail, { id })} />)
          )}
          {nextCursor && (
            <View className='nt-more' id='ca-more' onClick={() => void loadMore()}>
              <Text>{loadingMore ? '加载中…' : '加载更多'}</Text>
            </View>
          )}
        </View>
      )}
    </View>
  );
}
