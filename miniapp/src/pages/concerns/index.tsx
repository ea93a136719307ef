// 说事 tab: raise a concern (form → tracking number), my concerns with status chips and overdue marks, and for
// officials and township staff the way into the station queue (subpackage `packages/concerns-admin`).
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Org, Station } from '@shared/schemas/people';
import { api } from '../../api/client';
import ConcernCard from '../../components/concerns/ConcernCard';
import ConcernForm from '../../components/concerns/ConcernForm';
import ListFooter from '../../components/ListFooter';
import LoadState from '../../components/LoadState';
import { usePageGate } from '../../lib/gate';
import { officialStationIds, townshipAdminIds } from '../../lib/grants';
import { loadMe } from '../../lib/me';
import { go } from '../../lib/nav';
import { lookupOrg, lookupStations } from '../../lib/orgs';
import { usePageLoad, useReloadOnShow } from '../../lib/page-load';
import { usePagedList } from '../../lib/paged-list';
import PageShell from '../../components/PageShell';
import LoginCard from '../../components/LoginCard';
import '../../components/concerns/concerns.scss';

type Mode = 'new' | 'mine';

const PAGE_SIZE = 20;
/** The segment last shown, kept while the app runs. */
let lastMode: Mode = 'new';

export default function ConcernsTab() {
  const allowed = usePageGate('concerns');
  const [mode, setMode] = useState<Mode>(lastMode);
  const [handled, setHandled] = useState<Station[]>([]);
  const [townshipNames, setTownshipNames] = useState<Record<string, string>>({});

  const mine = usePagedList({
    fetchPage: (cursor?: string) => api('myConcerns', { query: { limit: PAGE_SIZE, cursor } }),
    keyOf: (c) => c.id,
    loadOnReachBottom: mode === 'mine',
  });
  const tab = usePageLoad(async () => {
    const user = await loadMe(true);
    if (user && mode === 'mine') void mine.reload();
    return { user };
  });
  const user = tab.data?.user ?? null;

  // Names of the stations an official runs and the townships staff run, for the buttons into the queue.
  useEffect(() => {
    let live = true;
    void lookupStations(officialStationIds(user)).then((list) => {
      if (live) setHandled(list);
    });
    void Promise.all(townshipAdminIds(user).map(lookupOrg)).then((list) => {
      if (live) setTownshipNames(Object.fromEntries(list.filter((o): o is Org => o !== null).map((o) => [o.id, o.name])));
    });
    return () => {
      live = false;
    };
  }, [user]);

  useReloadOnShow(allowed, tab.reload);

  if (!allowed) return <View />;

  if (tab.status !== 'ready') {
    return (
      <PageShell>
        <LoadState id='cs-tab' status={tab.status} message={tab.error} onRetry={() => void tab.reload()} />
      </PageShell>
    );
  }

  const switchTo = (next: Mode) => {
    if (next === mode) return;
    lastMode = next;
    setMode(next);
    if (next === 'mine' && user) void mine.reload();
  };

  const townships = townshipAdminIds(user);

  return (
    <PageShell id='cs-tab'>
      <View className='cs-hero'>
        <Text className='cs-hero__title'>群众说事</Text>
        <Text className='cs-hero__sub'>有事说一说，村里的说事室来办理，最多跑一次。</Text>
      </View>

      {user && (handled.length > 0 || townships.length > 0) && (
        <View className='card' id='cs-handler'>
          <Text className='card-title'>说事办理</Text>
          <Text className='muted'>查看本驻点收到的群众说事，超期的排在最前。</Text>
          <View className='cs-handler-stations'>
            {handled.map((s) => (
              <View
                key={s.id}
                id={`cs-open-queue-${s.id}`}
                className='cs-station-row'
                onClick={() => void go('concernQueue', { stationId: s.id })}
              >
                <Text>{s.name}</Text>
                <Text className='cs-station-row__go'>进入办理 ›</Text>
              </View>
            ))}
            {townships.map((id) => (
              <View
                key={id}
                id={`cs-open-queue-township-${id}`}
                className='cs-station-row'
                onClick={() => void go('concernQueue', { townshipId: id })}
              >
                <Text>{`${townshipNames[id] ?? '本乡镇'}各驻点`}</Text>
                <Text className='cs-station-row__go'>进入办理 ›</Text>
              </View>
            ))}
          </View>
        </View>
      )}

      {!user ? (
        <LoginCard id='cs-login' buttonId='cs-go-login' title='登录后说事' text='环境卫生、道路交通、邻里纠纷……有事请说，每件事都有受理编号和承诺办结时限。' from='concerns' />
      ) : (
        <>
          <View className='cs-tabs'>
            <Text id='cs-tab-new' className={`cs-tabs__item${mode === 'new' ? ' cs-tabs__item--on' : ''}`} onClick={() => switchTo('new')}>
              我要说事
            </Text>
            <Text id='cs-tab-mine' className={`cs-tabs__item${mode === 'mine' ? ' cs-tabs__item--on' : ''}`} onClick={() => switchTo('mine')}>
              我的说事
            </Text>
          </View>

          <View style={mode === 'new' ? undefined : { display: 'none' }}>
            <ConcernForm
              user={user}
              onRaised={() => {
                mine.reset(); // the list is stale now
              }}
              onViewProgress={(c) => void go('concernDetail', { id: c.id, mine: '1' })}
            />
          </View>

          {mode === 'mine' &&
            (mine.status !== 'ready' ? (
              <LoadState id='cs-mine' status={mine.status} message={mine.error} onRetry={() => void mine.reload()} />
            ) : mine.items.length === 0 ? (
              <View className='cs-card' id='cs-mine-empty'>
                <Text className='cs-empty'>您还没有说过事。有需要反映的问题，点「我要说事」告诉我们。</Text>
              </View>
            ) : (
              <View id='cs-mine-list'>
                {mine.items.map((c) => (
                  <ConcernCard key={c.id} concern={c} audience='resident' onOpen={() => void go('concernDetail', { id: c.id, mine: '1' })} />
                ))}
                <ListFooter id='cs-mine-more' className='cs-more' list={mine} />
              </View>
            ))}
        </>
      )}
    </PageShell>
  );
}
