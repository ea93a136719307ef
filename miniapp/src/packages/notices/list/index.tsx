// The notices of one org (public): pinned first, then newest; category chips, expiry. Publishers get 「发布公告」.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Org, User } from '@shared/schemas/people';
import { api } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import NoticeCard from '../../../components/notices/NoticeCard';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { canPublishIn } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go, routeParam } from '../../../lib/nav';
import { ORG_NOTICE_TITLES } from '../../../lib/notices';
import { orgChain } from '../../../lib/orgs';
import { usePagedList } from '../../../lib/paged-list';
import PageShell from '../../../components/PageShell';
import '../../../components/notices/notices.scss';

const PAGE_SIZE = 20;

export default function NoticeListPage() {
  const allowed = usePageGate('noticeList');
  const orgId = routeParam(useRouter().params, 'orgId');

  const [chain, setChain] = useState<Org[]>([]);
  const [user, setUser] = useState<User | null>(null);
  const notices = usePagedList({
    fetchPage: async (cursor?: string) => {
      if (cursor) return api('listNotices', { params: { orgId }, query: { limit: PAGE_SIZE, cursor } });
      // The page shows once the first page, the org chain and the user are all in.
      const [page, orgs, me] = await Promise.all([
        api('listNotices', { params: { orgId }, query: { limit: PAGE_SIZE } }),
        orgChain(orgId),
        loadMe().catch(() => null), // public page: works without /v1/me
      ]);
      setChain(orgs);
      setUser(me);
      const org = orgs[orgs.length - 1];
      if (org) void Taro.setNavigationBarTitle({ title: `${org.name} · ${ORG_NOTICE_TITLES[org.type]}` });
      return page;
    },
    keyOf: (n) => n.id,
  });

  useDidShow(() => {
    if (allowed) void notices.reload();
  });

  usePullDownRefresh(() => {
    void notices.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (notices.status !== 'ready') {
    return (
      <PageShell>
        <LoadState id='nt-list' status={notices.status} message={notices.error} onRetry={() => void notices.reload()} />
      </PageShell>
    );
  }

  const org = chain[chain.length - 1];
  const place = chain.filter((o) => o.type !== 'city' && o.id !== org?.id).map((o) => o.name);
  const publisher = canPublishIn(user, chain);

  return (
    <PageShell id='nt-list'>
      <View className='nt-hero'>
        <Text className='nt-hero__title' id='nt-list-org'>
          {org ? org.name : '党务公开'}
        </Text>
        <Text className='nt-hero__sub'>{org ? `${ORG_NOTICE_TITLES[org.type]}${place.length ? ` · ${place.join(' · ')}` : ''}` : ''}</Text>
      </View>

      {publisher && (
        <View className='btn-row nt-actions'>
          <Button id='nt-new' type='primary' onClick={() => void go('noticeForm', { orgId })}>
            发布公告
          </Button>
        </View>
      )}

      <View id='nt-items'>
        {notices.items.length === 0 ? (
          <View className='nt-card'>
            <Text className='nt-empty' id='nt-list-empty'>
              暂无公开内容
            </Text>
          </View>
        ) : (
          notices.items.map((n) => <NoticeCard key={n.id} notice={n} onOpen={(id) => void go('noticeDetail', { id })} />)
        )}
      </View>

      {notices.hasMore && (
        <View className='nt-more' id='nt-more' onClick={() => void notices.loadMore()}>
          <Text>{notices.loadingMore ? '加载中…' : '加载更多'}</Text>
        </View>
      )}
    </PageShell>
  );
}
