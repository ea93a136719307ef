// One case (public): the theme day as it was held, its figures and the township's guidance.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ThemeDay } from '@shared/schemas/themeday';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import DayReview, { GuidanceList, type GuidanceState } from '../../../components/cases/DayReview';
import LoadState from '../../../components/LoadState';
import { usePageGate } from '../../../lib/gate';
import { NT_PAGES, routeParam, useShareCard } from '../../../lib/notices';
import '../../../components/notices/notices.scss';

type Status = 'loading' | 'error' | 'ready';

export default function CaseDetailPage() {
  const allowed = usePageGate(NT_PAGES.caseDetail);
  const id = routeParam(useRouter().params, 'id');

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [day, setDay] = useState<ThemeDay | null>(null);
  const [guidance, setGuidance] = useState<GuidanceState>({ status: 'loading' });
  const dayRef = useRef<ThemeDay | null>(null);

  const loadGuidance = useCallback(async () => {
    setGuidance((g) => (g.status === 'ready' ? g : { status: 'loading' }));
    try {
      const r = await api('listGuidance', { params: { id } });
      setGuidance({ status: 'ready', items: r.items });
    } catch (err) {
      setGuidance({ status: 'error', message: errorMessage(err) });
    }
  }, [id]);

  const load = useCallback(async () => {
    if (!dayRef.current) setStatus('loading');
    void loadGuidance();
    try {
      const d = await api('getThemeDay', { params: { id } });
      dayRef.current = d;
      setDay(d);
      setStatus('ready');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return;
      if (dayRef.current) showApiError(err);
      else {
        setLoadError(errorMessage(err));
        setStatus('error');
      }
    }
  }, [id, loadGuidance]);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  useShareCard(() => ({
    title: dayRef.current ? `主题党日案例：${dayRef.current.title}` : '百例案例库',
    path: `${NT_PAGES.caseDetail}?id=${encodeURIComponent(id)}`,
  }));

  if (!allowed) return <View />;

  if (status !== 'ready' || !day) {
    return (
      <View className='page'>
        <LoadState id='ca-detail' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  return (
    <View className='page' id='ca-detail'>
      <DayReview day={day} />
      <GuidanceList state={guidance} onRetry={() => void loadGuidance()} />
      <Text className='muted'>案例由乡镇组织委员从已结束的主题党日中评选。</Text>
    </View>
  );
}
