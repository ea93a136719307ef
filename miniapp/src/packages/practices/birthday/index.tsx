// The member's political birthday card: years in the party (from 入党日期) and the branch's "1+X". Shared as a weapp
// card; in H5 a hint says how.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { BIRTHDAY_EXTRA_LABELS } from '@shared/schemas/practices';
import { formatDate, formatDateKey } from '@shared/time';
import { api } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import PageShell from '../../../components/PageShell';
import { IS_WEAPP } from '../../../env';
import { usePageGate } from '../../../lib/gate';
import { pageUrl, routeParam, useShareCard } from '../../../lib/nav';
import { usePageLoad, useReloadOnShow } from '../../../lib/page-load';
import '../../../components/practices/practices.scss';

export default function BirthdayCardPage() {
  const allowed = usePageGate('birthdayCard', { requireLogin: true });
  const params = useRouter().params;
  const [branchId, userId, year] = ['branchId', 'userId', 'year'].map((k) => routeParam(params, k)) as [string, string, string];
  const card = usePageLoad(() => api('birthdayCard', { params: { branchId, userId, year } }));
  useReloadOnShow(allowed, card.reload);
  useShareCard(() => ({
    title: card.data ? `${card.data.displayName}的政治生日：入党 ${card.data.years} 周年` : '政治生日贺卡',
    path: pageUrl('birthdayCard', { branchId, userId, year }),
  }));

  if (!allowed) return <View />;
  const c = card.data;
  if (card.status !== 'ready' || !c) {
    return (
      <PageShell>
        <LoadState id='bc' status={card.status} message={card.error} onRetry={() => void card.reload()} />
      </PageShell>
    );
  }
  const x = c.celebration?.extras.map((e) => BIRTHDAY_EXTRA_LABELS[e as keyof typeof BIRTHDAY_EXTRA_LABELS] ?? e) ?? [];

  return (
    <PageShell id='bc-page'>
      <View className='px-card' id='bc-card'>
        <Text className='px-card__sub'>{c.branchName}</Text>
        <Text className='px-card__title' id='bc-name'>{`${c.displayName} 同志`}</Text>
        <Text className='px-card__years' id='bc-years'>
          {c.years}
        </Text>
        <Text>{`${formatDateKey(c.joinedPartyOn)}入党，今年是您入党 ${c.years} 周年。政治生日快乐！`}</Text>
      </View>
      <View className='card' id='bc-celebration'>
        <Text className='card-title'>1+X 政治生日</Text>
        {c.celebration ? (
          <>
            <Text className='px-row' id='bc-oath'>「1」重温入党誓词 ✓</Text>
            {x.length > 0 && <Text className='px-row' id='bc-extras'>{`「X」${x.join('、')}`}</Text>}
            {c.celebration.note && <Text className='px-row'>{c.celebration.note}</Text>}
            <Text className='px-row__sub'>{`${formatDate(c.celebration.celebratedAt)}支部记录`}</Text>
          </>
        ) : (
          <Text className='muted' id='bc-pending'>
            支部还未记录本年的 1+X 活动。
          </Text>
        )}
      </View>
      {c.celebration && (
        <Text className='muted' id='bc-share-hint'>
          {IS_WEAPP ? '点右上角「…」转发给朋友或分享到朋友圈。' : '复制本页链接即可分享；在微信中打开可直接转发。'}
        </Text>
      )}
    </PageShell>
  );
}
