// One case (public): the theme day as it was held, its figures and the township's guidance.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { ThemeDay } from '@shared/schemas/themeday';
import { api } from '../../../api/client';
import DayReview, { GuidanceList, useGuidance } from '../../../components/cases/DayReview';
import LoadState from '../../../components/LoadState';
import { usePageGate } from '../../../lib/gate';
import { pageUrl, routeParam, useShareCard } from '../../../lib/nav';
import { usePageLoad } from '../../../lib/page-load';
import PageShell from '../../../components/PageShell';
import '../../../components/notices/notices.scss';

export default function CaseDetailPage() {
  const allowed = usePageGate('caseDetail');
  const id = routeParam(useRouter().params, 'id');

  const guidance = useGuidance(id);

  const {
    data: day,
    status,
    error: loadError,
    reload: load,
  } = usePageLoad<ThemeDay>(() => {
    void guidance.reload(); // alongside, with its own error state: the day shows without it
    return api('getThemeDay', { params: { id } });
  });

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  useShareCard(() => ({
    title: day ? `主题党日案例：${day.title}` : '百例案例库',
    path: pageUrl('caseDetail', { id }),
  }));

  if (!allowed) return <View />;

  if (status !== 'ready' || !day) {
    return (
      <PageShell>
        <LoadState id='ca-detail' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </PageShell>
    );
  }

  return (
    <PageShell id='ca-detail'>
      <DayReview day={day} />
      <GuidanceList guidance={guidance} />
      <Text className='muted'>案例由乡镇组织委员从已结束的主题党日中评选。</Text>
    </PageShell>
  );
}
