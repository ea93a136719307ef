import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { User } from '@shared/schemas/people';
import type { IdeaStatus } from '@shared/schemas/themeday';
import { formatDateTime } from '@shared/time';
import { api } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { IdeaStatusTag } from '../../../components/themeday/StatusTag';
import SupportButton from '../../../components/themeday/SupportButton';
import { useSupport } from '../../../components/themeday/useSupport';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { isBranchPerson, isSecretaryOf } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go } from '../../../lib/nav';
import { usePagedList } from '../../../lib/paged-list';
import { IDEA_CATEGORY_LABELS } from '../../../lib/themeday-labels';
import PageShell from '../../../components/PageShell';
import '../../../components/themeday/themeday.scss';

type Sort = 'new' | 'hot';

const PAGE_SIZE = 20;
/** Ideas that take no supports. */
const CLOSED_TO_SUPPORT: IdeaStatus[] = ['pending_review', 'hidden'];
/** The secretary can also look at the ideas held for review or hidden by reports. */
const SECRETARY_FILTERS: { key: string; label: string; status?: IdeaStatus }[] = [
  { key: 'all', label: '全部' },
  { key: 'pending_review', label: '审核中', status: 'pending_review' },
  { key: 'hidden', label: '已隐藏', status: 'hidden' },
];

export default function IdeasPage() {
  const allowed = usePageGate('ideas', { requireLogin: true });
  const branchId = useRouter().params.branchId ?? '';

  const [user, setUser] = useState<User | null>(null);
  const [sort, setSort] = useState<Sort>('new');
  const [filter, setFilter] = useState('all');
  const ideas = usePagedList({
    fetchPage: async (cursor: string | undefined, q: { sort: Sort; filter: string }) => {
      const statusFilter = SECRETARY_FILTERS.find((f) => f.key === q.filter)?.status;
      const query = { sort: q.sort, status: statusFilter, limit: PAGE_SIZE, cursor };
      if (cursor) return api('listIdeas', { params: { branchId }, query });
      // The first page comes with the user, who decides the filters and the support buttons.
      const [me, page] = await Promise.all([loadMe(), api('listIdeas', { params: { branchId }, query })]);
      setUser(me);
      return page;
    },
    keyOf: (i) => i.id,
  });

  const toggleSupport = useSupport((id, patch) =>
    ideas.setItems((prev) => prev.map((i) => (i.id === id ? { ...i, ...patch } : i))),
  );

  useDidShow(() => {
    if (allowed) void ideas.reload({ sort, filter });
  });

  usePullDownRefresh(() => {
    void ideas.reload({ sort, filter }).finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  const switchTo = (nextSort: Sort, nextFilter: string) => {
    if (nextSort === sort && nextFilter === filter) return;
    setSort(nextSort);
    setFilter(nextFilter);
    ideas.reset();
    void ideas.reload({ sort: nextSort, filter: nextFilter });
  };

  const secretary = isSecretaryOf(user, branchId);
  const canSupport = isBranchPerson(user, branchId);

  return (
    <PageShell id='ideas'>
      <View className='td-tabs'>
        <Text
          id='ideas-tab-new'
          className={`td-tabs__item${sort === 'new' ? ' td-tabs__item--on' : ''}`}
          onClick={() => switchTo('new', filter)}
        >
          最新
        </Text>
        <Text
          id='ideas-tab-hot'
          className={`td-tabs__item${sort === 'hot' ? ' td-tabs__item--on' : ''}`}
          onClick={() => switchTo('hot', filter)}
        >
          最热
        </Text>
      </View>

      {secretary && (
        <View className='td-chips' id='ideas-filters'>
          {SECRETARY_FILTERS.map((f) => (
            <Text
              key={f.key}
              id={`ideas-filter-${f.key}`}
              className={`td-chip${filter === f.key ? ' td-chip--on' : ''}`}
              onClick={() => switchTo(sort, f.key)}
            >
              {f.label}
            </Text>
          ))}
        </View>
      )}

      {canSupport && (
        <View className='btn-row td-actions'>
          <Button id='idea-new' type='primary' onClick={() => void go('ideaForm', { branchId })}>
            提交创意
          </Button>
        </View>
      )}

      {ideas.status !== 'ready' ? (
        <LoadState id='ideas' status={ideas.status} message={ideas.error} onRetry={() => void ideas.reload({ sort, filter })} />
      ) : ideas.items.length === 0 ? (
        <View className='td-card' id='ideas-empty'>
          <Text className='td-empty'>
            {filter === 'all' ? '还没有创意，来提第一个吧：一个好点子，能让主题党日更有意思。' : '没有这类创意'}
          </Text>
        </View>
      ) : (
        <View id='ideas-list'>
          {ideas.items.map((idea) => (
            <View
              className='td-card'
              key={idea.id}
              id={`idea-${idea.id}`}
              onClick={() => void go('idea', { id: idea.id })}
            >
              <View className='td-spread'>
                <View className='td-row'>
                  <IdeaStatusTag status={idea.status} />
                  <Text className='muted'>{IDEA_CATEGORY_LABELS[idea.category]}</Text>
                </View>
                {canSupport && idea.authorId !== user?.id && !CLOSED_TO_SUPPORT.includes(idea.status) ? (
                  <SupportButton id={`support-${idea.id}`} idea={idea} onToggle={() => void toggleSupport(idea)} />
                ) : (
                  <Text className='muted'>{`${idea.supportCount} 人支持`}</Text>
                )}
              </View>
              <Text className='td-card__title'>{idea.title}</Text>
              <Text className='muted'>{`${idea.authorName} · ${formatDateTime(idea.createdAt)}`}</Text>
              {idea.answer && <Text className='td-card__meta'>{`书记答复：${idea.answer.reply}`}</Text>}
            </View>
          ))}
          {ideas.hasMore && (
            <View className='td-more' id='ideas-more' onClick={() => void ideas.loadMore()}>
              <Text>{ideas.loadingMore ? '加载中…' : '加载更多'}</Text>
            </View>
          )}
        </View>
      )}
    </PageShell>
  );
}
