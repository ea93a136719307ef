import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CloseThemeDayBody, THEMEDAY_RULES, type AttendanceStats, type ThemeDay } from '@shared/schemas/themeday';
import { onlineWindowEnd } from '@shared/rules/themeday';
import { formatDateTime } from '@shared/time';
import { api } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import StatsGrid from '../../../components/themeday/StatsGrid';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { back } from '../../../lib/nav';
import { usePageLoad } from '../../../lib/page-load';
import { formatRange } from '../../../lib/themeday';
import SubmitBar from '../../../components/form/SubmitBar';
import { TextAreaField } from '../../../components/form/TextField';
import { useSubmit } from '../../../components/form/useSubmit';
import PageShell from '../../../components/PageShell';
import { showModal } from '../../../lib/design';
import '../../../components/themeday/themeday.scss';

const SUMMARY_MAX = 2000;

export default function CloseThemeDayPage() {
  const allowed = usePageGate('closeDay', { requireLogin: true });
  const id = useRouter().params.id ?? '';

  const [summary, setSummary] = useState('');
  const { error, setError, saving, send } = useSubmit();
  const [stats, setStats] = useState<AttendanceStats | null>(null);

  const {
    data: day,
    setData: setDay,
    status,
    error: loadError,
    reload: load,
  } = usePageLoad<ThemeDay>(async () => {
    const d = await api('getThemeDay', { params: { id } });
    if (d.status === 'closed' && d.stats) setStats(d.stats); // already closed: straight to its figures
    return d;
  });

  useDidShow(() => {
    if (allowed && !day) void load();
  });

  if (!allowed) return <View />;

  const onlineWindow = day ? onlineWindowEnd(day.endsAt) : '';

  if (status !== 'ready' || !day) {
    return (
      <PageShell>
        <LoadState id='close' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </PageShell>
    );
  }

  const close = async () => {
    if (saving) return;
    setError('');
    const r = CloseThemeDayBody().safeParse({ summary });
    if (!r.success) return setError(r.error.issues[0]?.message ?? '输入有误');
    // Closing cannot be undone: the on-site figures freeze.
    const { confirm } = await showModal({
      title: '确认结束主题党日？',
      content: '结束后现场出勤数据冻结，不能撤销、不能再更正。',
      confirmText: '确认结束',
      cancelText: '再看看',
    });
    if (!confirm) return;
    await send(async () => {
      const res = await api('closeThemeDay', { params: { id }, body: r.data });
      setStats(res.stats);
      setDay({ ...day, status: res.status, summary: r.data.summary, stats: res.stats });
      void Taro.showToast({ title: '主题党日已结束', icon: 'success' });
    });
  };

  return (
    <PageShell id='close'>
      <View className='card'>
        <Text className='card-title'>{day.title}</Text>
        <Text className='muted'>{formatRange(day.startsAt, day.endsAt)}</Text>
      </View>

      {stats ? (
        <View className='card' id='close-result'>
          <Text className='card-title'>出勤情况</Text>
          <StatsGrid stats={stats} idPrefix='close-stat' />
          <Text className='muted'>出勤率 = 出席 ÷ 应到；请假和线上参与单独统计，不计入出席。</Text>
          {day.onlineParticipation && (
            <Text className='muted' id='close-online-window'>
              {Date.now() <= Date.parse(onlineWindow)
                ? `现场数据已冻结。线上参与（补课）开放至 ${formatDateTime(onlineWindow)}，线上人数届时确定，期间补交心得的缺席党员将计为线上参与。`
                : `线上参与已于 ${formatDateTime(onlineWindow)} 截止，线上人数已确定。`}
            </Text>
          )}
          {day.summary && <Text className='td-card__meta'>{day.summary}</Text>}
          <View className='btn-row'>
            <Button id='close-done' type='primary' onClick={() => void back('themeday')}>
              完成
            </Button>
          </View>
        </View>
      ) : day.status !== 'published' ? (
        <View className='card'>
          <Text className='muted' id='close-unavailable'>
            只有已发布的主题党日才能结束。
          </Text>
        </View>
      ) : (
        <View className='card' id='close-form'>
          <Text className='card-title'>活动总结</Text>
          <Text className='muted'>
            {`结束后现场出勤数据冻结，不能撤销、不能再更正；仍未签到、请假未获批准、也未线上参与的党员计为缺席。${
              day.onlineParticipation ? `线上参与在活动结束后 ${THEMEDAY_RULES.onlineWindowDays} 天内仍可提交，线上人数届时确定。` : ''
            }`}
          </Text>
          <Text className='muted' id='close-summary-rule'>
            {`考核按时总结：活动结束后 ${THEMEDAY_RULES.summaryWithinDays} 天内写成、不少于 ${THEMEDAY_RULES.summaryMinChars} 字（做了什么、怎么做、有何成效），可入选百例。`}
          </Text>
          <TextAreaField
            kind='td'
            id='close-summary'
            value={summary}
            maxLength={SUMMARY_MAX}
            placeholder='本次主题党日开展了哪些活动、取得了什么成效'
            onInput={setSummary}
            count={{ id: 'close-summary-count', length: summary.trim().length, over: false }}
          />
          <SubmitBar id='close-submit' errorId='close-error' error={error} loading={saving} onSubmit={close}>
            结束并生成出勤统计
          </SubmitBar>
        </View>
      )}
    </PageShell>
  );
}
