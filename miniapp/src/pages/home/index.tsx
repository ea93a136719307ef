// 首页. Logged in: the next theme day of the user's branch, the newest notices of their branch, village and township,
// and the ways into 说事, 预约, 百例 and (for staff and secretaries) 考核 and 发布公告. A visitor picks a village and
// reads its public notices without logging in.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { Org, User } from '@shared/schemas/people';
import type { ThemeDay } from '@shared/schemas/themeday';
import { api, errorMessage, isApiError } from '../../api/client';
import NoticeCard from '../../components/notices/NoticeCard';
import PlacePicker from '../../components/notices/PlacePicker';
import { Button } from '../../components/nut';
import { usePageGate } from '../../lib/gate';
import { PAGES, goLogin } from '../../lib/nav';
import {
  NT_PAGES,
  ORG_NOTICE_TITLES,
  assessmentRoots,
  feedOrgs,
  getChosenVillage,
  goNt,
  isPublisher,
  loadFeed,
  setChosenVillage,
  type ChosenVillage,
  type FeedNotice,
} from '../../lib/notices';
import { branchIdsOf, formatRange } from '../../lib/themeday';
import { loadMe } from '../../lib/themeday-me';
import { TD_PAGES, goTd } from '../../lib/themeday-nav';
import '../../components/notices/notices.scss';
import './index.scss';

type Status = 'loading' | 'error' | 'ready';
type Section<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

const FEED_SIZE = 8;
const HOUR = 3600 * 1000;

/** The nearest published theme day of the branch that has not ended yet, or null. */
async function nextThemeDay(branchId: string): Promise<ThemeDay | null> {
  const now = Date.now();
  // Days are keyed by start time: look from a day back (one may be under way) onwards.
  const page = await api('listThemeDays', { params: { branchId }, query: { from: new Date(now - 24 * HOUR).toISOString(), limit: 20 } });
  const upcoming = page.items
    .filter((d) => d.status === 'published' && Date.parse(d.endsAt) >= now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return upcoming[0] ?? null;
}

interface Entry {
  id: string;
  title: string;
  desc: string;
  open: () => void;
}

export default function HomePage() {
  const allowed = usePageGate(PAGES.home);

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [user, setUser] = useState<User | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  /** The feed follows the user's own branch / village / township (else the village a visitor chose). */
  const [ownFeed, setOwnFeed] = useState(false);
  const [village, setVillage] = useState<ChosenVillage | null>(() => getChosenVillage());
  const [picking, setPicking] = useState(false);
  const [nextDay, setNextDay] = useState<Section<ThemeDay | null> | null>(null);
  const [feed, setFeed] = useState<Section<{ items: FeedNotice[]; partial: boolean }>>({ status: 'loading' });
  const seq = useRef(0);
  const shown = useRef(false);

  const loadNotices = useCallback(async (list: Org[], mine: number) => {
    setFeed((f) => (f.status === 'ready' ? f : { status: 'loading' }));
    try {
      const { items, failed } = await loadFeed(list);
      if (mine === seq.current) setFeed({ status: 'ready', value: { items: items.slice(0, FEED_SIZE), partial: failed > 0 } });
    } catch (err) {
      if (mine === seq.current) setFeed({ status: 'error', message: errorMessage(err) });
    }
  }, []);

  const loadNextDay = useCallback(async (branchId: string, mine: number) => {
    setNextDay((s) => (s?.status === 'ready' ? s : { status: 'loading' }));
    try {
      const day = await nextThemeDay(branchId);
      if (mine === seq.current) setNextDay({ status: 'ready', value: day });
    } catch (err) {
      if (mine === seq.current) setNextDay({ status: 'error', message: errorMessage(err) });
    }
  }, []);

  const load = useCallback(
    async (fresh: boolean, chosen: ChosenVillage | null = getChosenVillage()) => {
      const mine = ++seq.current;
      if (!shown.current) setStatus('loading');
      try {
        const me = await loadMe(fresh);
        if (mine !== seq.current) return;
        setUser(me);
        let list = me ? await feedOrgs(me) : [];
        const own = list.length > 0;
        if (!own && chosen) list = await feedOrgs({ grants: [], villageId: chosen.id });
        if (mine !== seq.current) return;
        setOrgs(list);
        setOwnFeed(own);
        shown.current = true;
        setStatus('ready');
        const branchId = branchIdsOf(me)[0];
        const work: Promise<void>[] = [];
        if (branchId) work.push(loadNextDay(branchId, mine));
        else setNextDay(null);
        if (list.length > 0) work.push(loadNotices(list, mine));
        else setFeed({ status: 'ready', value: { items: [], partial: false } });
        await Promise.all(work);
      } catch (err) {
        if (mine !== seq.current || (isApiError(err) && err.status === 401)) return;
        if (shown.current) {
          setFeed({ status: 'error', message: errorMessage(err) });
        } else {
          setLoadError(errorMessage(err));
          setStatus('error');
        }
      }
    },
    [loadNextDay, loadNotices],
  );

  useDidShow(() => {
    if (allowed) void load(!shown.current);
  });

  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (status !== 'ready') {
    return (
      <View className='page'>
        {status === 'loading' ? (
          <View className='state' id='home-loading'>
            <Text className='state-text'>加载中…</Text>
          </View>
        ) : (
          <View className='state' id='home-error'>
            <Text className='state-text'>{loadError || '加载失败'}</Text>
            <Button id='home-retry' type='primary' onClick={() => void load(true)}>
              重试
            </Button>
          </View>
        )}
      </View>
    );
  }

  const pick = (v: ChosenVillage) => {
    setChosenVillage(v);
    setVillage(v);
    setPicking(false);
    setFeed({ status: 'loading' });
    void load(false, v);
  };

  const visitorMode = !ownFeed;
  const branchOrg = orgs.find((o) => o.type === 'branch');
  const villageOrg = orgs.find((o) => o.type === 'village');
  const townshipOrg = orgs.find((o) => o.type === 'township');
  const placeLine = [townshipOrg?.name, villageOrg?.name].filter(Boolean).join(' · ');

  const entries: Entry[] = [
    { id: 'concerns', title: '群众说事', desc: '有事说一说，进度全程可见', open: () => void Taro.switchTab({ url: PAGES.concerns }) },
    { id: 'booking', title: '局长驻点', desc: '预约驻点干部，当面反映', open: () => void Taro.switchTab({ url: PAGES.booking }) },
    { id: 'cases', title: '百例案例', desc: '优秀主题党日，学习借鉴', open: () => void goNt(NT_PAGES.cases) },
  ];
  if (assessmentRoots(user).length > 0) {
    entries.push({ id: 'assessments', title: '三项考核', desc: '出勤率、组织、指导情况', open: () => void goNt(NT_PAGES.assessments) });
  }
  if (isPublisher(user)) {
    entries.push({ id: 'publish', title: '发布公告', desc: '党务、村务、财务公开', open: () => void goNt(NT_PAGES.form) });
  }
  if (!user) {
    entries.push({ id: 'themeday', title: '主题党日', desc: '党员登录后报名、签到', open: () => void Taro.switchTab({ url: PAGES.themeday }) });
  }

  const openNotice = (id: string) => void goNt(NT_PAGES.detail, { id });

  return (
    <View className='page home' id='home'>
      <View className='home__hero'>
        <Text className='home__title' id='home-greeting'>
          {user ? `${user.displayName}，您好` : '先锋驿站'}
        </Text>
        <Text className='home__subtitle'>{user && placeLine ? placeLine : '支部建在身边，服务就在门口'}</Text>
      </View>

      {!user && (
        <View className='card' id='home-guest'>
          <Text className='card-title'>登录后更方便</Text>
          <Text className='muted'>登录后可查看本支部的主题党日，提交说事、预约驻点干部并随时查看进度。党务公开无需登录即可查看。</Text>
          <View className='btn-row'>
            <Button id='home-login' type='primary' onClick={() => void goLogin(PAGES.home)}>
              去登录
            </Button>
          </View>
        </View>
      )}

      {nextDay && (
        <View id='home-next-td'>
          <Text className='nt-section-title'>下次主题党日</Text>
          {nextDay.status === 'loading' && (
            <View className='nt-card'>
              <Text className='muted'>加载中…</Text>
            </View>
          )}
          {nextDay.status === 'error' && (
            <View className='nt-card nt-spread' id='home-next-td-error'>
              <Text className='muted'>{nextDay.message}</Text>
              <Text className='nt-chip' id='home-next-td-retry' onClick={() => void load(false)}>
                重试
              </Text>
            </View>
          )}
          {nextDay.status === 'ready' && !nextDay.value && (
            <View className='nt-card' onClick={() => void Taro.switchTab({ url: PAGES.themeday })}>
              <Text className='nt-empty' id='home-next-td-empty'>
                {`${branchOrg?.name ?? '本支部'}暂无即将开展的主题党日`}
              </Text>
            </View>
          )}
          {nextDay.status === 'ready' && nextDay.value && (
            <View className='nt-card home__td' id={`home-td-${nextDay.value.id}`} onClick={() => void goTd(TD_PAGES.detail, { id: nextDay.value!.id })}>
              <View className='nt-spread'>
                <Text className='nt-tag nt-tag--pinned'>预告</Text>
                <Text className='muted'>{nextDay.value.branchName ?? branchOrg?.name ?? ''}</Text>
              </View>
              <Text className='nt-card__title' id='home-td-title'>
                {nextDay.value.title}
              </Text>
              <Text className='nt-card__meta'>{formatRange(nextDay.value.startsAt, nextDay.value.endsAt)}</Text>
              <Text className='nt-card__meta'>{nextDay.value.location}</Text>
            </View>
          )}
        </View>
      )}

      <View className='home__grid' id='home-entries'>
        {entries.map((e) => (
          <View className='home__module' id={`home-entry-${e.id}`} key={e.id} onClick={e.open}>
            <Text className='home__module-title'>{e.title}</Text>
            <Text className='muted'>{e.desc}</Text>
          </View>
        ))}
      </View>

      <View className='nt-spread'>
        <Text className='nt-section-title'>党务村务公开</Text>
        {visitorMode && village && !picking && (
          <Text className='nt-link home__change' id='home-village-change' onClick={() => setPicking(true)}>
            {`${village.townshipName} · ${village.name} 更换`}
          </Text>
        )}
      </View>

      {visitorMode && (!village || picking) && (
        <PlacePicker onPick={pick} onCancel={village ? () => setPicking(false) : undefined} />
      )}

      {orgs.length > 0 && (
        <View className='nt-chips home__orgs' id='home-orgs'>
          {orgs.map((o) => (
            <Text key={o.id} id={`home-org-${o.id}`} className='nt-chip' onClick={() => void goNt(NT_PAGES.list, { orgId: o.id })}>
              {`${o.name}${ORG_NOTICE_TITLES[o.type]} ›`}
            </Text>
          ))}
        </View>
      )}

      {(orgs.length > 0 || !visitorMode) && (
        <View id='home-feed'>
          {feed.status === 'loading' && (
            <View className='nt-card' id='home-feed-loading'>
              <Text className='muted'>加载中…</Text>
            </View>
          )}
          {feed.status === 'error' && (
            <View className='nt-card nt-spread' id='home-feed-error'>
              <Text className='muted'>{feed.message}</Text>
              <Text className='nt-chip' id='home-feed-retry' onClick={() => void load(false)}>
                重试
              </Text>
            </View>
          )}
          {feed.status === 'ready' && feed.value.items.length === 0 && (
            <View className='nt-card'>
              <Text className='nt-empty' id='home-feed-empty'>
                暂无公开内容
              </Text>
            </View>
          )}
          {feed.status === 'ready' &&
            feed.value.items.map((n) => <NoticeCard key={n.id} notice={n} idPrefix='home-notice' showOrg onOpen={openNotice} />)}
          {feed.status === 'ready' && feed.value.partial && <Text className='muted'>部分内容加载失败，下拉可重新加载</Text>}
        </View>
      )}
    </View>
  );
}
