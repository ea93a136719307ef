// 首页. Logged in: the next theme day of the user's branch, the newest notices of their branch, village and township,
// and the ways into 说事, 预约, 百例 and (for staff and secretaries) 考核 and 发布公告. A visitor picks a village and
// reads its public notices without logging in.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { Org, User } from '@shared/schemas/people';
import NextThemeDay, { nextThemeDay } from '../../components/home/NextThemeDay';
import NoticeFeed, { type Feed } from '../../components/home/NoticeFeed';
import { useSection } from '../../components/home/useSection';
import LoadState from '../../components/LoadState';
import PlacePicker from '../../components/notices/PlacePicker';
import { Button } from '../../components/nut';
import { usePageGate } from '../../lib/gate';
import { assessmentRoots, branchIdsOf, isPublisher, officialStationIds } from '../../lib/grants';
import { getChosenVillage, setChosenVillage, type ChosenVillage } from '../../lib/home-village';
import { loadMe } from '../../lib/me';
import { go, goTab } from '../../lib/nav';
import { ORG_NOTICE_TITLES, feedOrgs, loadFeed } from '../../lib/notices';
import { usePageLoad } from '../../lib/page-load';
import PageShell from '../../components/PageShell';
import LoginCard from '../../components/LoginCard';
import '../../components/notices/notices.scss';
import './index.scss';

const FEED_SIZE = 8;

interface Entry {
  id: string;
  title: string;
  desc: string;
  open: () => void;
}

/** The ways into the other modules; 考核 and 发布公告 only for those who may. */
function entriesFor(user: User | null): Entry[] {
  const entries: Entry[] = [
    { id: 'concerns', title: '群众说事', desc: '有事说一说，进度全程可见', open: () => void goTab('concerns') },
    { id: 'booking', title: '局长驻点', desc: '预约驻点干部，当面反映', open: () => void goTab('booking') },
    { id: 'cases', title: '百例案例', desc: '优秀主题党日，学习借鉴', open: () => void go('cases') },
  ];
  if (assessmentRoots(user).length > 0) {
    entries.push({ id: 'assessments', title: '三项考核', desc: '出勤率、组织、指导情况', open: () => void go('assessments') });
  }
  if (isPublisher(user)) {
    entries.push({ id: 'publish', title: '发布公告', desc: '党务、村务、财务公开', open: () => void go('noticeForm') });
  }
  if (!user) {
    entries.push({ id: 'themeday', title: '主题党日', desc: '党员登录后报名、签到', open: () => void goTab('themeday') });
  }
  return entries;
}

export default function HomePage() {
  const allowed = usePageGate('home');

  const [village, setVillage] = useState<ChosenVillage | null>(() => getChosenVillage());
  const [picking, setPicking] = useState(false);
  /** Whether the next load asks /v1/me again (the first one, pull-down, 重试) or takes the shared copy. */
  const fresh = useRef(true);
  const home = usePageLoad(async () => {
    const me = await loadMe(fresh.current);
    let orgs = me ? await feedOrgs(me) : [];
    /** The feed follows the user's own branch / village / township, else the village a visitor chose. */
    const own = orgs.length > 0;
    const chosen = getChosenVillage();
    if (!own && chosen) orgs = await feedOrgs({ grants: [], villageId: chosen.id });
    return { user: me, orgs, own };
  });
  const reload = (again: boolean) => {
    fresh.current = again;
    return home.reload();
  };

  const data = home.data;
  const branchId = branchIdsOf(data?.user)[0];
  const orgs = data?.orgs ?? [];
  const nextDay = useSection(branchId ? () => nextThemeDay(branchId) : null, data, branchId ?? '');
  const feed = useSection<Feed>(
    data ? () => (orgs.length > 0 ? loadFeed(orgs).then((f) => ({ items: f.items.slice(0, FEED_SIZE), partial: f.failed > 0 })) : Promise.resolve({ items: [], partial: false })) : null,
    data,
    orgs.map((o) => o.id).join(),
  );

  useDidShow(() => {
    if (allowed) void reload(!data);
  });

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (home.status !== 'ready' || !data) {
    return (
      <PageShell>
        <LoadState id='home' status={home.status} message={home.error} onRetry={() => void reload(true)} />
      </PageShell>
    );
  }

  const pick = (v: ChosenVillage) => {
    setChosenVillage(v);
    setVillage(v);
    setPicking(false);
    void reload(false);
  };

  const { user } = data;
  /** A stationed official's 首页 leads to the work (说事办理, 接待管理), not to a village to pick. */
  const stationId = user ? officialStationIds(user)[0] : undefined;
  const visitorMode = !data.own && !stationId;
  const branchOrg = orgs.find((o) => o.type === 'branch');
  const placeLine = [orgs.find((o) => o.type === 'township')?.name, orgs.find((o) => o.type === 'village')?.name].filter(Boolean).join(' · ');

  return (
    <PageShell className='home' id='home'>
      <View className='home__hero'>
        <Text className='home__title' id='home-greeting'>
          {user ? `${user.displayName}，您好` : '先锋驿站'}
        </Text>
        <Text className='home__subtitle'>{user && placeLine ? placeLine : '支部建在身边，服务就在门口'}</Text>
      </View>

      {!user && (
        <LoginCard
          id='home-guest'
          buttonId='home-login'
          title='登录后更方便'
          text='登录后可查看本支部的主题党日，提交说事、预约驻点干部并随时查看进度。党务公开无需登录即可查看。'
          from='home'
        />
      )}

      {stationId && (
        <View className='card' id='home-station'>
          <Text className='card-title'>驻点工作</Text>
          <Text className='muted'>办理群众说事，安排和记录驻点接待。</Text>
          <View className='btn-row'>
            <Button id='home-concern-queue' type='primary' onClick={() => void go('concernQueue', { stationId })}>
              说事办理
            </Button>
            <Button id='home-booking-console' onClick={() => void go('bookingConsole', { stationId })}>
              接待管理
            </Button>
          </View>
        </View>
      )}

      {nextDay && <NextThemeDay section={nextDay} branchName={branchOrg?.name} onRetry={() => void reload(false)} />}

      <View className='home__grid' id='home-entries'>
        {entriesFor(user).map((e) => (
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

      {visitorMode && (!village || picking) && <PlacePicker onPick={pick} onCancel={village ? () => setPicking(false) : undefined} />}

      {orgs.length > 0 && (
        <View className='nt-chips home__orgs' id='home-orgs'>
          {orgs.map((o: Org) => (
            <Text key={o.id} id={`home-org-${o.id}`} className='nt-chip' onClick={() => void go('noticeList', { orgId: o.id })}>
              {`${o.name}${ORG_NOTICE_TITLES[o.type]} ›`}
            </Text>
          ))}
        </View>
      )}

      {(orgs.length > 0 || !visitorMode) && feed && <NoticeFeed section={feed} onRetry={() => void reload(false)} />}
    </PageShell>
  );
}
