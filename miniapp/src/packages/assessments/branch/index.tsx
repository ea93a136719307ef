// 考核 drill-down: one branch's figures for the period and its theme days in that period (or all of them).
// ?branchId=&name=&month=YYYY-MM | year=YYYY
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { Assessment } from '@shared/schemas/notices';
import { monthLabel, monthRange, shanghaiMonth, yearRange } from '@shared/time';
import { api } from '../../../api/client';
import BranchVisitForm from '../../../components/assessments/BranchVisitForm';
import FiguresGrid from '../../../components/assessments/FiguresGrid';
import LoadState from '../../../components/LoadState';
import ThemeDayCard from '../../../components/themeday/ThemeDayCard';
import { usePageGate } from '../../../lib/gate';
import { ratePercent } from '../../../lib/assessments';
import { go, routeParam } from '../../../lib/nav';
import { isStaffOver } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { lookupOrg, orgChain } from '../../../lib/orgs';
import { usePagedList } from '../../../lib/paged-list';
import { assessmentOrder } from '../../../lib/themeday';
import PageShell from '../../../components/PageShell';
import '../../../components/notices/notices.scss';
import '../../../components/themeday/themeday.scss';

type Figures = Assessment['totals'];

const PAGE_SIZE = 20;

export default function AssessmentBranchPage() {
  const allowed = usePageGate('assessmentBranch', { requireLogin: true });
  const params = useRouter().params;
  const branchId = routeParam(params, 'branchId');
  const year = params.year && /^\d{4}$/.test(params.year) ? params.year : '';
  const month = !year && params.month && /^\d{4}-\d{2}$/.test(params.month) ? params.month : year ? '' : shanghaiMonth();
  const periodText = year ? `${year}年` : monthLabel(month);
  const range = year ? yearRange(year) : monthRange(month);

  const [name, setName] = useState(routeParam(params, 'name'));
  const [all, setAll] = useState(false);
  const [figures, setFigures] = useState<Figures | null>(null);
  // Township staff over the branch record 调研督查 here; only to offer the form, the page does not wait for it.
  const [staff, setStaff] = useState(false);
  const days = usePagedList({
    fetchPage: (cursor: string | undefined, everything: boolean) =>
      api('listThemeDays', { params: { branchId }, query: { limit: PAGE_SIZE, cursor, ...(everything ? {} : range) } }),
    keyOf: (d) => d.id,
  });

  const load = useCallback(
    async (everything: boolean) => {
      await days.reload(everything);
      // The branch's own figures: a nicety, the list works without them.
      void api('getAssessment', { params: { orgId: branchId }, query: year ? { year } : { month } })
        .then((a) => setFigures(a.totals))
        .catch(() => undefined);
      if (!name) void lookupOrg(branchId).then((o) => o && setName(o.name));
      void Promise.all([loadMe(), orgChain(branchId)])
        .then(([user, chain]) => setStaff(isStaffOver(user, chain)))
        .catch(() => setStaff(false));
    },
    // range, month and year come from the page's params, which never change
    [branchId, name, days.reload],
  );

  useDidShow(() => {
    if (allowed) void load(all);
  });

  usePullDownRefresh(() => {
    void load(all).finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  const switchAll = (everything: boolean) => {
    if (everything === all) return;
    setAll(everything);
    days.reset();
    void load(everything);
  };

  return (
    <PageShell id='as-branch'>
      <View className='nt-hero'>
        <Text className='nt-hero__title' id='as-branch-name'>
          {name || '支部'}
        </Text>
        <Text className='nt-hero__sub'>{`${periodText} · 主题党日`}</Text>
      </View>

      {figures && (
        <View className='card' id='as-branch-figures'>
          <FiguresGrid
            figures={[
              { value: ratePercent(figures.attendanceRate), label: '出勤率', id: 'as-branch-rate', rate: true },
              { value: `${figures.present}/${figures.expected}`, label: '实到/应到' },
              { value: `${figures.leave} · ${figures.online}`, label: '请假 · 线上', id: 'as-branch-leave' },
              { value: figures.themeDaysHeld, label: '党日次数' },
              { value: `${figures.summariesOnTime}/${figures.themeDaysHeld}`, label: '按时总结', id: 'as-branch-summaries' },
              { value: `${figures.guidanceCount} · ${figures.guidanceAverage ?? '—'}`, label: '指导次数 · 评分', id: 'as-branch-guidance' },
            ]}
          />
        </View>
      )}

      {staff && (
        <BranchVisitForm
          branchId={branchId}
          onSent={() => void api('getAssessment', { params: { orgId: branchId }, query: year ? { year } : { month } }).then((a) => setFigures(a.totals))}
        />
      )}

      <View className='nt-chips'>
        <Text id='as-days-period' className={`nt-chip${all ? '' : ' nt-chip--on'}`} onClick={() => switchAll(false)}>
          {periodText}
        </Text>
        <Text id='as-days-all' className={`nt-chip${all ? ' nt-chip--on' : ''}`} onClick={() => switchAll(true)}>
          全部党日
        </Text>
      </View>

      {days.status !== 'ready' ? (
        <LoadState id='as-days' status={days.status} message={days.error} onRetry={() => void load(all)} />
      ) : (
        <View id='as-days'>
          {days.items.length === 0 ? (
            <View className='nt-card'>
              <Text className='nt-empty' id='as-days-empty'>
                {all ? '该支部还没有主题党日' : `${periodText}没有主题党日`}
              </Text>
            </View>
          ) : (
            (all ? days.items : assessmentOrder(days.items)).map((d) => <ThemeDayCard key={d.id} day={d} workflow onOpen={(id) => void go('assessmentDay', { id })} />)
          )}
          {days.hasMore && (
            <View className='nt-more' id='as-days-more' onClick={() => void days.loadMore()}>
              <Text>{days.loadingMore ? '加载中…' : '加载更多'}</Text>
            </View>
          )}
        </View>
      )}
    </PageShell>
  );
}
