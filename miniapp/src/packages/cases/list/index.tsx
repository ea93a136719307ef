// 百例 case library (public): exemplary theme days marked by township staff, filtered by category.
import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { IdeaCategory } from '@shared/schemas/themeday';
import { api } from '../../../api/client';
import CaseCard from '../../../components/cases/CaseCard';
import LoadState from '../../../components/LoadState';
import { usePageGate } from '../../../lib/gate';
import { go } from '../../../lib/nav';
import { usePagedList } from '../../../lib/paged-list';
import { IDEA_CATEGORY_LABELS } from '../../../lib/themeday-labels';
import PageShell from '../../../components/PageShell';
import '../../../components/notices/notices.scss';

type Filter = IdeaCategory | 'all';

const PAGE_SIZE = 20;
const FILTERS: Filter[] = ['all', ...(Object.keys(IDEA_CATEGORY_LABELS) as IdeaCategory[])];
const filterLabel = (f: Filter) => (f === 'all' ? '全部' : IDEA_CATEGORY_LABELS[f]);

/** The tab last chosen, kept while the app runs. */
let lastFilter: Filter = 'all';

export default function CaseListPage() {
  const allowed = usePageGate('cases');

  const [filter, setFilter] = useState<Filter>(lastFilter);
  const cases = usePagedList({
    fetchPage: (cursor: string | undefined, f: Filter) =>
      api('listCases', { query: { limit: PAGE_SIZE, cursor, ...(f === 'all' ? {} : { category: f }) } }),
    keyOf: (c) => c.themeDayId,
  });

  useDidShow(() => {
    if (allowed) void cases.reload(filter);
  });

  usePullDownRefresh(() => {
    void cases.reload(filter).finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  const choose = (f: Filter) => {
    if (f === filter) return;
    lastFilter = f;
    setFilter(f);
    cases.reset();
    void cases.reload(f);
  };

  return (
    <PageShell id='ca-list'>
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

      {cases.status !== 'ready' ? (
        <LoadState id='ca-list' status={cases.status} message={cases.error} onRetry={() => void cases.reload(filter)} />
      ) : (
        <View id='ca-items'>
          {cases.items.length === 0 ? (
            <View className='nt-card'>
              <Text className='nt-empty' id='ca-empty'>
                {filter === 'all' ? '暂无案例，乡镇评选后会陆续收录' : `暂无「${filterLabel(filter)}」类案例`}
              </Text>
            </View>
          ) : (
            cases.items.map((c) => <CaseCard key={c.themeDayId} item={c} onOpen={(id) => void go('caseDetail', { id })} />)
          )}
          {cases.hasMore && (
            <View className='nt-more' id='ca-more' onClick={() => void cases.loadMore()}>
              <Text>{cases.loadingMore ? '加载中…' : '加载更多'}</Text>
            </View>
          )}
        </View>
      )}
    </PageShell>
  );
}
