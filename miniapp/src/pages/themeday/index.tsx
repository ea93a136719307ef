// The 党日 tab: the branch's coming and past theme days, its ideas, this month's political birthdays, and (weapp)
// scanning a check-in code. A user of several branches picks one; the choice is kept while the app runs.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { PoliticalBirthday } from '@shared/schemas/themeday';
import { shanghaiMonth } from '@shared/time';
import { api } from '../../api/client';
import LoadState from '../../components/LoadState';
import { Button } from '../../components/nut';
import SubscribeReminder from '../../components/SubscribeReminder';
import BirthdaysCard from '../../components/themeday/tab/BirthdaysCard';
import DaySection from '../../components/themeday/tab/DaySection';
import { GuestIntro, NoBranchIntro } from '../../components/themeday/tab/TabIntro';
import { IS_WEAPP } from '../../env';
import { usePageGate } from '../../lib/gate';
import { branchIdsOf, isSecretaryOf } from '../../lib/grants';
import { loadMe } from '../../lib/me';
import { go } from '../../lib/nav';
import { lookupOrg } from '../../lib/orgs';
import { usePageLoad } from '../../lib/page-load';
import { usePagedList } from '../../lib/paged-list';
import { splitThemeDays } from '../../lib/themeday';
import { checkInWithCode, scanCheckInCode } from '../../lib/themeday-actions';
import PageShell from '../../components/PageShell';
import '../../components/themeday/themeday.scss';

const PAGE_SIZE = 20;

/** The branch chosen on this tab, kept while the app runs. */
let chosenBranch: string | null = null;

export default function ThemeDayTab() {
  const allowed = usePageGate('themeday');

  const [branchNames, setBranchNames] = useState<Record<string, string>>({});
  /** null until known (or when the lookup failed): then the card is left out rather than claiming none. */
  const [birthdays, setBirthdays] = useState<PoliticalBirthday[] | null>(null);
  const [scanning, setScanning] = useState(false);
  /** The branch on screen: a late birthdays answer for another branch is dropped. */
  const shown = useRef<string | null>(null);
  const days = usePagedList({
    fetchPage: (cursor: string | undefined, branchId: string) =>
      api('listThemeDays', { params: { branchId }, query: { limit: PAGE_SIZE, cursor } }),
    keyOf: (d) => d.id,
  });

  const loadBranch = useCallback(
    async (id: string) => {
      shown.current = id;
      void api('politicalBirthdays', { params: { branchId: id }, query: { month: shanghaiMonth() } })
        .then((r): PoliticalBirthday[] | null => r.items)
        .catch(() => null) // a nicety: the page works without it
        .then((items) => shown.current === id && setBirthdays(items));
      await days.reload(id);
    },
    [days.reload],
  );

  // Who is looking and which branch: the page shows once that branch's first page is in too.
  const scope = usePageLoad(async () => {
    const user = await loadMe(true);
    const branches = branchIdsOf(user);
    const branchId = chosenBranch && branches.includes(chosenBranch) ? chosenBranch : (branches[0] ?? null);
    for (const id of branches) void lookupOrg(id).then((org) => org && setBranchNames((prev) => ({ ...prev, [id]: org.name })));
    if (branchId) await loadBranch(branchId);
    return { user, branchId };
  });

  useDidShow(() => {
    if (allowed) void scope.reload();
  });

  usePullDownRefresh(() => {
    void scope.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (scope.status !== 'ready' || !scope.data) {
    return (
      <PageShell>
        <LoadState id='td' status={scope.status === 'ready' ? 'loading' : scope.status} message={scope.error} onRetry={() => void scope.reload()} />
      </PageShell>
    );
  }

  const { user, branchId } = scope.data;
  if (!user) return <GuestIntro />;
  if (!branchId) return <NoBranchIntro />;

  const switchBranch = (id: string) => {
    if (id === branchId) return;
    chosenBranch = id;
    scope.setData((prev) => prev && { ...prev, branchId: id });
    setBirthdays(null);
    days.reset();
    void loadBranch(id);
  };

  const scan = async () => {
    if (scanning) return;
    setScanning(true);
    try {
      const scanned = await scanCheckInCode();
      if (!scanned) return;
      void Taro.showLoading({ title: '签到中' });
      const outcome = await checkInWithCode(scanned.themeDayId, scanned.code);
      Taro.hideLoading();
      void Taro.showToast({ title: outcome.message, icon: outcome.ok ? 'success' : 'none', duration: 2500 });
      if (outcome.ok) void go('themedayDetail', { id: scanned.themeDayId });
    } catch (err) {
      void Taro.showToast({ title: err instanceof Error ? err.message : '签到失败', icon: 'none' });
    } finally {
      setScanning(false);
    }
  };

  const branches = branchIdsOf(user);
  const secretary = isSecretaryOf(user, branchId);
  const { upcoming, past } = splitThemeDays(days.items, Date.now());
  const open = (id: string) => void go('themedayDetail', { id });

  return (
    <PageShell id='td-tab'>
      <View className='td-hero'>
        <Text className='td-hero__title' id='td-branch-name'>
          {branchNames[branchId] ?? '本支部'}
        </Text>
        <Text className='td-hero__sub'>{secretary ? '支部书记 · 主题党日' : '主题党日'}</Text>
      </View>

      {branches.length > 1 && (
        <View className='td-chips' id='td-branches'>
          {branches.map((id) => (
            <Text key={id} id={`td-branch-${id}`} className={`td-chip${id === branchId ? ' td-chip--on' : ''}`} onClick={() => switchBranch(id)}>
              {branchNames[id] ?? '…'}
            </Text>
          ))}
        </View>
      )}

      <View className='btn-row td-actions'>
        <Button id='td-open-ideas' onClick={() => void go('ideas', { branchId })}>
          创意征集
        </Button>
        {IS_WEAPP && (
          <Button id='td-scan' loading={scanning} onClick={() => void scan()}>
            扫码签到
          </Button>
        )}
        {secretary && (
          <Button id='td-new' type='primary' onClick={() => void go('themedayForm', { branchId })}>
            新建党日
          </Button>
        )}
      </View>

      {days.status !== 'ready' ? (
        <LoadState id='td-days' status={days.status} message={days.error} onRetry={() => void loadBranch(branchId)} />
      ) : (
        <>
          <DaySection
            workflow={secretary}
            title='即将开展'
            id='td-upcoming'
            days={upcoming}
            empty={secretary ? '暂无即将开展的主题党日，点「新建党日」发布预告' : '暂无即将开展的主题党日，预告发布后会显示在这里'}
            onOpen={open}
          >
            <SubscribeReminder id='td-tab-reminder' template='theme_day_published' label='新预告发布时提醒我' />
          </DaySection>

          {birthdays && <BirthdaysCard birthdays={birthdays} branchId={branchId} year={Number(shanghaiMonth().slice(0, 4))} secretary={secretary} />}

          <DaySection title='往期回顾' id='td-past' days={past} empty='暂无往期主题党日' onOpen={open} workflow={secretary} />

          {days.hasMore && (
            <View className='td-more' id='td-more' onClick={() => void days.loadMore()}>
              <Text>{days.loadingMore ? '加载中…' : '加载更多'}</Text>
            </View>
          )}
        </>
      )}
    </PageShell>
  );
}
