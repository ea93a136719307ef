// One notice, readable without login and shareable (weapp share card). Publishers in scope edit or withdraw it.
import { Button as TaroButton, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Org } from '@shared/schemas/people';
import { formatDate, formatDateTime } from '@shared/time';
import { api, isApiError, showApiError } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { NoticeCategoryTag, PinnedTag } from '../../../components/notices/NoticeCard';
import { Button } from '../../../components/nut';
import { IS_WEAPP } from '../../../env';
import { usePageGate } from '../../../lib/gate';
import { canPublishIn } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { back, go, pageUrl, routeParam, useShareCard } from '../../../lib/nav';
import { orgChain } from '../../../lib/orgs';
import { usePageLoad } from '../../../lib/page-load';
import { showModal } from '../../../lib/design';
import PageShell from '../../../components/PageShell';
import '../../../components/notices/notices.scss';

export default function NoticeDetailPage() {
  const allowed = usePageGate('noticeDetail');
  const id = routeParam(useRouter().params, 'id');

  const [chain, setChain] = useState<Org[]>([]);
  const [withdrawing, setWithdrawing] = useState(false);
  // null once loaded: the notice does not exist, has expired or was withdrawn.
  const { data, status, error, reload } = usePageLoad(async () => {
    try {
      const [notice, user] = await Promise.all([api('getNotice', { params: { id } }), loadMe().catch(() => null)]);
      // Only to decide whether to offer 编辑 / 撤回: the page does not wait for it.
      if (user) void orgChain(notice.orgId).then(setChain).catch(() => setChain([]));
      return { notice, user };
    } catch (err) {
      if (isApiError(err) && err.status === 404) return null;
      throw err;
    }
  });
  const notice = data?.notice;

  useDidShow(() => {
    if (allowed) void reload();
  });

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  useShareCard(() => ({
    title: notice ? `${notice.orgName ? `【${notice.orgName}】` : ''}${notice.title}` : '党务公开',
    path: pageUrl('noticeDetail', { id }),
  }));

  if (!allowed) return <View />;

  if (status === 'ready' && !data) {
    return (
      <PageShell>
        <LoadState id='nt-detail' status='missing' message='该公告不存在、已过期或已撤回' />
      </PageShell>
    );
  }

  if (status !== 'ready' || !notice) {
    return (
      <PageShell>
        <LoadState id='nt-detail' status={status === 'ready' ? 'loading' : status} message={error} onRetry={() => void reload()} />
      </PageShell>
    );
  }

  const manager = canPublishIn(data?.user ?? null, chain);

  const withdraw = async () => {
    if (withdrawing) return;
    const { confirm } = await showModal({
      title: '撤回公告',
      content: '撤回后群众将无法再看到这条公告（系统会留存记录备查）。确定撤回吗？',
      confirmText: '撤回',
    });
    if (!confirm) return;
    setWithdrawing(true);
    try {
      await api('withdrawNotice', { params: { id } });
      void Taro.showToast({ title: '已撤回', icon: 'success' });
      setTimeout(() => void back(), 600);
    } catch (err) {
      showApiError(err);
    } finally {
      setWithdrawing(false);
    }
  };

  const edited = notice.updatedAt !== notice.publishedAt && Date.parse(notice.updatedAt) - Date.parse(notice.publishedAt) > 60_000;

  return (
    <PageShell id='nt-detail'>
      <View className='card'>
        <View className='nt-row'>
          {notice.pinned && <PinnedTag id='nt-pinned' />}
          <NoticeCategoryTag category={notice.category} id='nt-category' />
        </View>
        <Text className='nt-detail__title' id='nt-title'>
          {notice.title}
        </Text>
        {notice.orgName && (
          <View className='nt-kv'>
            <Text className='nt-kv__k'>发布单位</Text>
            <Text className='nt-kv__v nt-link' id='nt-org' onClick={() => void go('noticeList', { orgId: notice.orgId })}>
              {notice.orgName}
            </Text>
          </View>
        )}
        <View className='nt-kv'>
          <Text className='nt-kv__k'>发布时间</Text>
          <Text className='nt-kv__v' id='nt-published'>
            {formatDateTime(notice.publishedAt)}
          </Text>
        </View>
        {edited && (
          <View className='nt-kv'>
            <Text className='nt-kv__k'>更新时间</Text>
            <Text className='nt-kv__v'>{formatDateTime(notice.updatedAt)}</Text>
          </View>
        )}
        {notice.expiresAt && (
          <View className='nt-kv'>
            <Text className='nt-kv__k'>有效期至</Text>
            <Text className='nt-kv__v' id='nt-expires'>
              {formatDate(notice.expiresAt)}
            </Text>
          </View>
        )}
        {notice.authorName && (
          <View className='nt-kv'>
            <Text className='nt-kv__k'>发布人</Text>
            <Text className='nt-kv__v'>{notice.authorName}</Text>
          </View>
        )}
        <Text className='nt-detail__body' id='nt-body' userSelect>
          {notice.body}
        </Text>
      </View>

      {IS_WEAPP && (
        <TaroButton className='nut-button nut-button--default nut-button--block' id='nt-share' openType='share'>
          分享给邻居
        </TaroButton>
      )}

      {manager && (
        <View className='card' id='nt-manage'>
          <Text className='card-title'>管理</Text>
          <View className='btn-row'>
            <Button id='nt-edit' onClick={() => void go('noticeForm', { id })}>
              编辑
            </Button>
            <Button id='nt-withdraw' type='danger' loading={withdrawing} onClick={() => void withdraw()}>
              撤回
            </Button>
          </View>
        </View>
      )}
    </PageShell>
  );
}
