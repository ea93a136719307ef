// The notices of one org (public): pinned first, then newest; category chips, expiry. Publishers get 「发布公告」.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { Notice } from '@shared/schemas/notices';
import type { Org, User } from '@shared/schemas/people';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import NoticeCard from '../../../components/notices/NoticeCard';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { NT_PAGES, ORG_NOTICE_TITLES, canPublishIn, goNt, orgChain, routeParam } from '../../../lib/notices';
import { loadMe } from '../../../lib/themeday-me';
import '../../../components/notices/notices.scss';

type Status = 'loading' | 'error' | 'ready';

const PAGE_SIZE = 20;

export default function NoticeListPage() {
  const allowed = usePageGate(NT_PAGES.list);
  const orgId = routeParam(useRouter().params, 'orgId');

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [chain, setChain] = useState<Org[]>([]);
  const [user, setUser] = useState<User | null>(null);
  const [items, setItems] = useState<Notice[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = useRef(false);

  const load = useCallback(async () => {
    if (!shown.current) setStatus('loading');
    try {
      const [page, orgs, me] = await Promise.all([
        api('listNotices', { params: { orgId }, query: { limit: PAGE_SIZE } }),
        orgChain(orgId),
        loadMe().catch(() => null), // public page: works without /v1/me
      ]);
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setChain(orgs);
      setUser(me);
      const org = orgs[orgs.length - 1];
      if (org) void Taro.setNavigationBarTitle({ title: `${org.name} · ${ORG_NOTICE_TITLES[org.type]}` });
      shown.current = true;
      setStatus('ready');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return;
      if (shown.current) showApiError(err);
      else {
        setLoadError(errorMessage(err));
        setStatus('error');
      }
    }
  }, [orgId]);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const loadMore = async () => {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await api('listNotices', { params: { orgId }, query: { limit: PAGE_SIZE, cursor: nextCursor } });
      setItems((prev) => [...prev, ...page.items.filter((n) => !prev.some((p) => p.id === n.id))]);
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

  if (status !== 'ready') {
    return (
      <View className='page'>
        <LoadState id='nt-list' status={status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  const org = chain[chain.length - 1];
  const place = chain.filter((o) => o.type !== 'city' && o.id !== org?.id).map((o) => o.name);
  const publisher = canPublishIn(user, chain);

  return (
    <View className='page' id='nt-list'>
      <View className='nt-hero'>
        <Text className='nt-hero__title' id='nt-list-org'>
          {org ? org.name : '党务公开'}
        </Text>
        <Text className='nt-hero__sub'>{org ? `${ORG_NOTICE_TITLES[org.type]}${place.length ? ` · ${place.join(' · ')}` : ''}` : ''}</Text>
      </View>

      {publisher && (
        <View className='btn-row nt-actions'>
          <Button id='nt-new' type='primary' onClick={() => void goNt(NT_PAGES.form, { orgId })}>
            发布公告
          </Button>
        </View>
      )}

      <View id='nt-items'>
        {items.length === 0 ? (
          <View className='nt-card'>
            <Text className='nt-empty' id='nt-list-empty'>
              暂无公开内容
            </Text>
          </View>
        ) : (
          items.map((n) => <NoticeCard key={n.id} notice={n} onOpen={(id) => void goNt(NT_PAGES.detail, { id })} />)
        )}
      </View>

      {nextCursor && (
        <View className='nt-more' id='nt-more' onClick={() => void loadMore()}>
          <Text>{loadingMore ? '加载中…' : '加载更多'}</Text>
        </View>
      )}
    </View>
  );
}
