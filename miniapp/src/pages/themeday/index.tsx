import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { User } from '@shared/schemas/people';
import type { PoliticalBirthday, ThemeDay } from '@shared/schemas/themeday';
import { shanghaiDate } from '@shared/time';
import { api, errorMessage, isApiError, showApiError } from '../../api/client';
import { IS_WEAPP } from '../../env';
import { usePageGate } from '../../lib/gate';
import { branchIdsOf, isSecretaryOf } from '../../lib/grants';
import { loadMe } from '../../lib/me';
import { go, goLogin, goTab } from '../../lib/nav';
import { lookupOrg } from '../../lib/orgs';
import { splitThemeDays } from '../../lib/themeday';
import { checkInWithCode, scanCheckInCode } from '../../lib/themeday-actions';
import LoadState from '../../components/LoadState';
import ThemeDayCard from '../../components/themeday/ThemeDayCard';
import { Button } from '../../components/nut';
import SubscribeReminder from '../../components/SubscribeReminder';
import '../../components/themeday/themeday.scss';

type Status = 'loading' | 'error' | 'ready';
type Birthday = PoliticalBirthday;

const PAGE_SIZE = 20;

/** The branch chosen on this tab, kept while the app runs. */
let chosenBranch: string | null = null;

export default function ThemeDayTab() {
  const allowed = usePageGate('themeday');

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [user, setUser] = useState<User | null>(null);
  const [branchId, setBranchId] = useState<string | null>(null);
  const [branchNames, setBranchNames] = useState<Record<string, string>>({});
  const [days, setDays] = useState<ThemeDay[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [birthdays, setBirthdays] = useState<Birthday[]>([]);
  const [scanning, setScanning] = useState(false);
  const loaded = useRef(false);

  const loadBranch = useCallback(async (id: string) => {
    void lookupOrg(id).then((org) => {
      if (org) setBranchNames((prev) => ({ ...prev, [id]: org.name }));
    });
    void api('politicalBirthdays', { params: { branchId: id }, query: { month: shanghaiDate(Date.now()).slice(0, 7) } })
      .then((r) => setBirthdays(r.items))
      .catch(() => setBirthdays([])); // a nicety: the page works without it
    const page = await api('listThemeDays', { params: { branchId: id }, query: { limit: PAGE_SIZE } });
    setDays(page.items);
    setNextCursor(page.nextCursor);
  }, []);

  const load = useCallback(async () => {
    if (!loaded.current) setStatus('loading');
    try {
      const me = await loadMe(true);
      setUser(me);
      const branches = branchIdsOf(me);
      const id = chosenBranch && branches.includes(chosenBranch) ? chosenBranch : (branches[0] ?? null);
      setBranchId(id);
      if (id) await loadBranch(id);
      for (const other of branches) {
        if (other !== id) {
          void lookupOrg(other).then((org) => org && setBranchNames((prev) => ({ ...prev, [other]: org.name })));
        }
      }
      loaded.current = true;
      setStatus('ready');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return; // the client is taking the user to the login page
      if (loaded.current) {
        showApiError(err);
      } else {
        setLoadError(errorMessage(err));
        setStatus('error');
      }
    }
  }, [loadBranch]);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  const switchBranch = (id: string) => {
    if (id === branchId) return;
    chosenBranch = id;
    setBranchId(id);
    setDays([]);
    setNextCursor(null);
    setBirthdays([]);
    loaded.current = false;
    setStatus('loading');
    void load();
  };

  const loadMore = async () => {
    if (!branchId || !nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await api('listThemeDays', { params: { branchId }, query: { limit: PAGE_SIZE, cursor: nextCursor } });
      setDays((prev) => [...prev, ...page.items.filter((d) => !prev.some((p) => p.id === d.id))]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      showApiError(err);
    } finally {
      setLoadingMore(false);
    }
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

  if (status !== 'ready') {
    return (
      <View className='page'>
        <LoadState id='td' status={status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  if (!user) {
    return (
      <View className='page' id='td-guest'>
        <View className='td-hero'>
          <Text className='td-hero__title'>主题党日</Text>
          <Text className='td-hero__sub'>创意征集 · 预告公示 · 签到出勤</Text>
        </View>
        <View className='card'>
          <Text className='card-title'>登录后查看本支部的主题党日</Text>
          <Text className='muted'>党员登录后可以查看支部的活动预告、提交创意、报名和签到。</Text>
          <View className='btn-row'>
            <Button id='td-login' type='primary' onClick={() => void goLogin('themeday')}>
              去登录
            </Button>
          </View>
        </View>
      </View>
    );
  }

  const branches = branchIdsOf(user);
  if (!branchId) {
    return (
      <View className='page' id='td-no-branch'>
        <View className='td-hero'>
          <Text className='td-hero__title'>主题党日</Text>
          <Text className='td-hero__sub'>每月一次，支部党员的固定活动日</Text>
        </View>
        <View className='card'>
          <Text className='card-title'>您还没有加入党支部</Text>
          <Text className='muted'>
            主题党日的创意征集、报名和签到面向支部党员。如果您是党员，请向支部书记索取邀请码，在「我的」页面兑换后即可参加本支部的主题党日。
          </Text>
          <View className='btn-row'>
            <Button id='td-go-me' type='primary' onClick={() => void goTab('me')}>
              去兑换邀请码
            </Button>
          </View>
        </View>
      </View>
    );
  }

  const secretary = isSecretaryOf(user, branchId);
  const { upcoming, past } = splitThemeDays(days, Date.now());
  const open = (id: string) => void go('themedayDetail', { id });
  const branchName = branchNames[branchId] ?? '本支部';

  return (
    <View className='page' id='td-tab'>
      <View className='td-hero'>
        <Text className='td-hero__title' id='td-branch-name'>
          {branchName}
        </Text>
        <Text className='td-hero__sub'>{secretary ? '支部书记 · 主题党日' : '主题党日'}</Text>
      </View>

      {branches.length > 1 && (
        <View className='td-chips' id='td-branches'>
          {branches.map((id) => (
            <Text
              key={id}
              id={`td-branch-${id}`}
              className={`td-chip${id === branchId ? ' td-chip--on' : ''}`}
              onClick={() => switchBranch(id)}
            >
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

      <Text className='td-section-title'>即将开展</Text>
      <View id='td-upcoming'>
        {upcoming.length === 0 ? (
          <View className='td-card'>
            <Text className='td-empty' id='td-upcoming-empty'>
              {secretary ? '暂无即将开展的主题党日，点「新建党日」发布预告' : '暂无即将开展的主题党日，预告发布后会显示在这里'}
            </Text>
          </View>
        ) : (
          upcoming.map((d) => <ThemeDayCard key={d.id} day={d} onOpen={open} />)
        )}
        <SubscribeReminder id='td-tab-reminder' template='theme_day_published' label='新预告发布时提醒我' />
      </View>

      {birthdays.length > 0 && (
        <View className='card' id='td-birthdays'>
          <Text className='card-title'>本月政治生日</Text>
          {birthdays.map((b) => (
            <View className='td-spread td-list-item' key={b.userId}>
              <Text>{b.displayName}</Text>
              <Text className='muted'>{`${b.joinedPartyOn.slice(5).replace('-', '月')}日 · 党龄 ${b.years} 年`}</Text>
            </View>
          ))}
        </View>
      )}

      <Text className='td-section-title'>往期回顾</Text>
      <View id='td-past'>
        {past.length === 0 ? (
          <View className='td-card'>
            <Text className='td-empty' id='td-past-empty'>
              暂无往期主题党日
            </Text>
          </View>
        ) : (
          past.map((d) => <ThemeDayCard key={d.id} day={d} onOpen={open} />)
        )}
      </View>

      {nextCursor && (
        <View className='td-more' id='td-more' onClick={() => void loadMore()}>
          <Text>{loadingMore ? '加载中…' : '加载更多'}</Text>
        </View>
      )}
    </View>
  );
}
