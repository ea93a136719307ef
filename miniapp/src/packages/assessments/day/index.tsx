// 考核 drill-down: one theme day with its figures and the township's guidance. Township staff give guidance
// (a comment and 1–5 stars) and mark a closed day as a case for the 百例 library.
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Org } from '@shared/schemas/people';
import { api } from '../../../api/client';
import GuidanceForm from '../../../components/assessments/GuidanceForm';
import MarkCaseCard from '../../../components/assessments/MarkCaseCard';
import DayReview, { GuidanceList, useGuidance } from '../../../components/cases/DayReview';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { isStaffOver } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go, routeParam } from '../../../lib/nav';
import { orgChain } from '../../../lib/orgs';
import { usePageLoad } from '../../../lib/page-load';
import PageShell from '../../../components/PageShell';
import '../../../components/notices/notices.scss';

export default function AssessmentDayPage() {
  const allowed = usePageGate('assessmentDay', { requireLogin: true });
  const id = routeParam(useRouter().params, 'id');

  const [chain, setChain] = useState<Org[]>([]);
  const guidance = useGuidance(id);
  const { data, setData, status, error, reload } = usePageLoad(async () => {
    void guidance.reload(); // alongside, with its own error state: the day shows without it
    const [day, user] = await Promise.all([api('getThemeDay', { params: { id } }), loadMe().catch(() => null)]);
    // Only to decide whether to offer guidance and 评为典型案例: the page does not wait for it.
    void orgChain(day.branchId).then(setChain).catch(() => setChain([]));
    return { day, user };
  });
  const day = data?.day;

  useDidShow(() => {
    if (allowed) void reload();
  });

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (status !== 'ready' || !day) {
    return (
      <PageShell>
        <LoadState id='as-day' status={status === 'ready' ? 'loading' : status} message={error} onRetry={() => void reload()} />
      </PageShell>
    );
  }

  const staff = isStaffOver(data.user, chain);

  return (
    <PageShell id='as-day'>
      <DayReview day={day} />

      <View className='btn-row nt-actions'>
        <Button id='as-day-preview' onClick={() => void go('themedayDetail', { id })}>
          查看预告页
        </Button>
        {day.exemplary && (
          <Button id='as-day-case' onClick={() => void go('caseDetail', { id })}>
            查看案例
          </Button>
        )}
      </View>

      <GuidanceList guidance={guidance} />

      {/* Guidance is on a day that was held: the API refuses it before the start. */}
      {staff && (day.status === 'published' || day.status === 'closed') && Date.now() >= Date.parse(day.startsAt) && (
        <GuidanceForm themeDayId={id} onSent={guidance.reload} />
      )}

      {staff && day.status === 'closed' && !day.exemplary && (
        <MarkCaseCard day={day} onMarked={(category) => setData((prev) => prev && { ...prev, day: { ...prev.day, exemplary: true, category } })} />
      )}
    </PageShell>
  );
}
