// One notice, readable without login and shareable (weapp share card). Publishers in scope edit or withdraw it.
import { Button as TaroButton, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { Notice } from '@shared/schemas/notices';
import type { Org, User } from '@shared/schemas/people';
import { formatDate, formatDateTime } from '@shared/time';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import { IS_WEAPP } from '../../../env';
import LoadState from '../../../components/LoadState';
import { NoticeCategoryTag, PinnedTag } from '../../../components/notices/NoticeCard';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { canPublishIn } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { back, go, pageUrl, routeParam, useShareCard } from '../../../lib/nav';
import { orgChain } from '../../../lib/orgs';
import '../../../components/notices/notices.scss';

type Status = 'loading' | 'error' | 'gone' | 'ready';

export default function NoticeDetailPage() {
  const allowed = usePageGate('noticeDetail');
  const id = routeParam(useRouter().params, 'id');

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [user, setUser] = useState<User | null>(null);
  const [chain, setChain] = useState<Org[]>([]);
  const [withdrawing, setWithdrawing] = useState(false);
  const noticeRef = useRef<Notice | null>(null);

  const load = useCallback(async () => {
    if (!noticeRef.current) setStatus('loading');
    try {
      const [n, me] = await Promise.all([api('getNotice', { params: { id } }), loadMe().catch(() => null)]);
      noticeRef.current = n;
      setNotice(n);
      setUser(me);
      setStatus('ready');
      // Only to decide whether to offer 编辑 / 撤回: the page does not wait for it.
      if (me) void orgChain(n.orgId).then(setChain).catch(() => setChain([]));
    } catch (err) {
      if (isApiError(err) && err.status === 401) return;
      if (isApiError(err) && err.status === 404) {
        noticeRef.current = null;
        setNotice(null);
        setStatus('gone');
      } else if (noticeRef.current) showApiError(err);
      else {
        setLoadError(errorMessage(err));
        setStatus('error');
      }
    }
  }, [id]);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  useShareCard(() => ({
    title: noticeRef.current ? `${noticeRef.current.orgName ? `【${noticeRef.current.orgName}】` : ''}${noticeRef.current.title}` : '党务公开',
    path: pageUrl('noticeDetail', { id }),
  }));

  if (!allowed) return <View />;

  if (status === 'gone') {
    return (
      <View className='page'>
        <View className='state' id='nt-detail-gone'>
          <Text className='state-text'>该公告不存在、已过期或已撤回</Text>
          <Button id='nt-detail-back' type='primary' onClick={() => void back()}>
            返回
          </Button>
        </View>
      </View>
    );
  }

  if (status !== 'ready' || !notice) {
    return (
      <View className='page'>
        <LoadState id='nt-detail' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  const manager = canPublishIn(user, chain);

  const withdraw = async () => {
    if (withdrawing) return;
    const { confirm } = await Taro.showModal({
      title: '撤回公告',
      content: '撤回后群众将无法再看到这条公告（系统会留存记录备查）。确定撤回吗？',
      confirmText: '撤回',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    setWithdrawing(true);
    try {
      await api('withdrawNotice', { params: { id } });
      void Taro.showToast({ title: '已撤回', icon: 'success' });
      noticeRef.current = null;
      setTimeout(() => void back(), 600);
    } catch (err) {
      showApiError(err);
    } finally {
      setWithdrawing(false);
    }
  };

  const edited = notice.updatedAt !== notice.publishedAt && Date.parse(notice.updatedAt) - Date.parse(notice.publishedAt) > 60_000;

  return (
    <View className='page' id='nt-detail'>
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
    </View>
  );
}
