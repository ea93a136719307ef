// A theme day's preview (public, shareable): members answer and check in here, the secretary runs the day from it.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { ThemeDay } from '@shared/schemas/themeday';
import { api } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import DayPreview from '../../../components/themeday/detail/DayPreview';
import MyParticipation from '../../../components/themeday/detail/MyParticipation';
import OnlineCard from '../../../components/themeday/detail/OnlineCard';
import SecretaryCard from '../../../components/themeday/detail/SecretaryCard';
import StatsGrid from '../../../components/themeday/StatsGrid';
import { usePageGate } from '../../../lib/gate';
import { isBranchPerson, isSecretaryOf } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { pageUrl } from '../../../lib/nav';
import { lookupOrg } from '../../../lib/orgs';
import { usePageLoad } from '../../../lib/page-load';
import { isCheckInOpen, isOnlineOpen } from '../../../lib/themeday';
import PageShell from '../../../components/PageShell';
import '../../../components/themeday/themeday.scss';

export default function ThemeDayDetail() {
  const allowed = usePageGate('themedayDetail');
  const id = useRouter().params.id ?? '';

  const [branchName, setBranchName] = useState('');
  const { data, setData, status, error, reload } = usePageLoad(async () => {
    const [day, user] = await Promise.all([
      api('getThemeDay', { params: { id } }),
      loadMe().catch(() => null), // the preview is public: show it even when /v1/me fails
    ]);
    if (day.branchName) setBranchName(day.branchName);
    else void lookupOrg(day.branchId).then((org) => org && setBranchName(org.name));
    return { day, user };
  });
  const day = data?.day;
  const user = data?.user ?? null;

  useDidShow(() => {
    if (allowed) void reload();
  });

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  useShareAppMessage(() => ({
    title: day ? `主题党日预告：${day.title}` : '主题党日预告',
    path: pageUrl('themedayDetail', { id }),
  }));

  if (!allowed) return <View />;

  if (status !== 'ready' || !day) {
    return (
      <PageShell>
        <LoadState id='td-detail' status={status === 'ready' ? 'loading' : status} message={error} onRetry={() => void reload()} />
      </PageShell>
    );
  }

  const show = (d: ThemeDay) => setData((prev) => prev && { ...prev, day: d });
  const refresh = async () => show(await api('getThemeDay', { params: { id } }));

  const now = Date.now();
  const ended = now > Date.parse(day.endsAt);
  const member = isBranchPerson(user, day.branchId);
  const mine = day.mine;
  const present = mine?.status === 'present';
  const online = mine?.status === 'online';
  const canRsvp = member && day.status === 'published' && !ended && !present && !online;
  const checkInOpen = member && isCheckInOpen(day, now);

  return (
    <PageShell id='td-detail'>
      <DayPreview day={day} branchName={branchName} member={member} started={now >= Date.parse(day.startsAt)} workflow={isSecretaryOf(user, day.branchId)} />

      {day.onlineParticipation && day.status !== 'cancelled' && (
        <OnlineCard day={day} member={member} open={member && isOnlineOpen(day, now) && !present} primary={!canRsvp && !checkInOpen} />
      )}

      {day.status === 'closed' && (
        <View className='card' id='td-summary'>
          <Text className='card-title'>活动总结</Text>
          {day.summary && <Text className='td-card__meta'>{day.summary}</Text>}
          {day.stats && <StatsGrid stats={day.stats} />}
        </View>
      )}

      {member && (canRsvp || mine?.rsvp || mine?.status || checkInOpen) && (
        <MyParticipation day={day} canRsvp={canRsvp} checkInOpen={checkInOpen} onChanged={refresh} />
      )}

      {isSecretaryOf(user, day.branchId) && day.status !== 'cancelled' && (
        <SecretaryCard day={day} now={now} onShow={show} onChanged={refresh} />
      )}
    </PageShell>
  );
}
