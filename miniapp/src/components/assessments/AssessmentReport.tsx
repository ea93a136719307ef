// One org's three assessments for one period: the totals, 出勤率 per row as a chart with the 92% line, and the table.
// Mounted per org and period (a `key`), so what is shown always belongs to the period named above it.
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import type { Assessment } from '@shared/schemas/notices';
import { ORG_TYPE_LABELS } from '@shared/labels';
import { THEMEDAY_RULES } from '@shared/rules/themeday';
import { api } from '../../api/client';
import LoadState from '../LoadState';
import { usePageLoad } from '../../lib/page-load';
import { ratePercent } from '../../lib/assessments';
import AssessmentTable from './AssessmentTable';
import AttendanceChart from './AttendanceChart';
import FiguresGrid from './FiguresGrid';

export type AssessmentRow = Assessment['rows'][number];

interface Props {
  orgId: string;
  period: { month: string } | { year: string };
  periodText: string;
  onOpen: (row: AssessmentRow) => void;
}

export default function AssessmentReport({ orgId, period, periodText, onOpen }: Props) {
  const { data, status, error, reload } = usePageLoad(() => api('getAssessment', { params: { orgId }, query: period }));

  useEffect(() => {
    void reload();
  }, [reload]);

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (status !== 'ready' || !data) {
    return <LoadState id='as' status={status === 'ready' ? 'loading' : status} message={error} onRetry={() => void reload()} />;
  }

  const { rows, totals } = data;
  const rowsAre = rows[0]?.type === 'branch' || !rows.length ? '支部' : ORG_TYPE_LABELS[rows[0].type];

  return (
    <>
      <View className='card' id='as-totals'>
        <Text className='card-title'>{`${periodText}合计`}</Text>
        <FiguresGrid
          figures={[
            { value: ratePercent(totals.attendanceRate), label: '出勤率', id: 'as-total-rate', rate: true },
            { value: `${totals.present}/${totals.expected}`, label: '实到/应到' },
            { value: `${totals.leave} · ${totals.online}`, label: '请假 · 线上' },
            { value: totals.themeDaysHeld, label: '党日次数', id: 'as-total-held' },
            { value: rows.length === 1 ? `${totals.monthsHeld}/${data.monthsInPeriod}` : totals.monthsHeld, label: '开展月数', id: 'as-total-months' },
            { value: `${totals.previewsOnTime}/${totals.themeDaysHeld}`, label: '按时预告', id: 'as-total-previews' },
            { value: `${totals.summariesOnTime}/${totals.themeDaysHeld}`, label: '按时总结', id: 'as-total-summaries' },
            { value: `${totals.guidanceCount} · ${totals.guidanceAverage ?? '—'}`, label: '指导次数 · 平均评分', id: 'as-total-guidance' },
          ]}
        />
        <Text className='muted'>
          {`出勤率 = 实到 ÷ 应到（仅统计已结束的主题党日）；请假（经书记批准）、线上参与单列，不计入实到。每个支部每月应开展一次；预告须提前 ${THEMEDAY_RULES.lateNoticeDays} 天发布；总结须在活动结束后 ${THEMEDAY_RULES.summaryWithinDays} 天内写成、不少于 ${THEMEDAY_RULES.summaryMinChars} 字。点赞、支持数不计入考核。`}
        </Text>
      </View>

      <View className='card'>
        <Text className='card-title'>{`各${rowsAre}出勤率`}</Text>
        {rows.length === 0 ? (
          <Text className='nt-empty' id='as-empty'>
            暂无下属支部
          </Text>
        ) : (
          <AttendanceChart rows={rows} onOpen={onOpen} />
        )}
      </View>

      {rows.length > 0 && (
        <View className='card'>
          <View className='nt-spread'>
            <Text className='card-title'>考核明细</Text>
            <Text className='muted'>{rows[0].type === 'branch' ? '点支部查看主题党日' : '点名称查看下级'}</Text>
          </View>
          <AssessmentTable rows={rows} totals={totals} onOpen={onOpen} />
        </View>
      )}
    </>
  );
}
