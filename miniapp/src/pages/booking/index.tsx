// 预约 tab: my bookings (with cancel), stations by township, and the way into the official's console.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { Booking } from '@shared/schemas/bookings';
import type { Org, Station, User } from '@shared/schemas/people';
import { api, errorMessage, isApiError, showApiError } from '../../api/client';
import { lookupOrg } from '../../api/orgs';
import { isLoggedIn } from '../../api/session';
import { Button, Tag } from '../../components/nut';
import { usePageGate } from '../../lib/gate';
import { PAGES, goLogin } from '../../lib/nav';
import { loadMe } from '../../lib/themeday-me';
import {
  BK_PAGES,
  BOOKING_STATUS_LABELS,
  adminTownshipIds,
  goBk,
  knownStation,
  officialStationIds,
  rememberStations,
  slotLabel,
} from '../../lib/booking';
import '../../components/booking/booking.scss';

type Status = 'loading' | 'error' | 'ready';

/** The township chosen on this tab, kept while the app runs. */
let chosen: { countyId: string; townshipId: string } | null = null;

async function children(parentId: string): Promise<Org[]> {
  return (await api('listOrgs', { query: { parentId, limit: 50 } })).items;
}

/** The township's own station and those of its villages. */
async function stationsOfTownship(townshipId: string): Promise<Station[]> {
  const villages = (await children(townshipId)).filter((o) => o.type === 'village');
  const lists = await Promise.all(
    [townshipId, ...villages.map((v) => v.id)].map((orgId) => api('listStations', { query: { orgId, limit: 50 } }).then((r) => r.items)),
  );
  const all = lists.flat();
  rememberStations(all);
  return all;
}

/** Where to start the finder: the township of the user's village, else of the station they serve. */
async function homeOf(user: User | null, stationsServed: Station[]): Promise<{ countyId: string; townshipId: string } | null> {
  const orgId = user?.villageId ?? stationsServed[0]?.orgId;
  if (!orgId) return null;
  const org = await lookupOrg(orgId);
  const township = org?.type === 'township' ? org : org?.parentId ? await lookupOrg(org.parentId) : null;
  if (township?.type !== 'township' || !township.parentId) return null;
  return { countyId: township.parentId, townshipId: township.id };
}

/** The stations the user serves as an official, by id. */
async function servedStations(user: User | null): Promise<Station[]> {
  const ids = officialStationIds(user);
  const found = await Promise.all(ids.map((id) => knownStation(id) ?? api('getStation', { params: { stationId: id } }).catch(() => null)));
  const list = found.filter((s): s is Station => !!s);
  rememberStations(list);
  return list;
}

const upcomingFirst = (items: Booking[]) => {
  const now = new Date().toISOString();
  const upcoming = items.filter((b) => b.status === 'booked' && b.slotStartsAt > now).sort((a, b) => a.slotStartsAt.localeCompare(b.slotStartsAt));
  return [...upcoming, ...items.filter((b) => !upcoming.includes(b))];
};

export default function BookingTab() {
  const allowed = usePageGate(PAGES.booking);

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [user, setUser] = useState<User | null>(null);
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [counties, setCounties] = useState<Org[]>([]);
  const [townships, setTownships] = useState<Org[]>([]);
  const [place, setPlace] = useState<{ countyId: string; townshipId: string } | null>(null);
  const [stations, setStations] = useState<Station[] | null>(null);
  const [served, setServed] = useState<Station[]>([]);
  const loaded = useRef(false);

  const chooseTownship = useCallback(async (countyId: string, townshipId: string) => {
    chosen = { countyId, townshipId };
    setPlace(chosen);
    setStations(null);
    try {
      setStations(await stationsOfTownship(townshipId));
    } catch (err) {
      setStations([]);
      showApiError(err);
    }
  }, []);

  const chooseCounty = useCallback(
    async (countyId: string, townshipId?: string) => {
      const list = (await children(countyId)).filter((o) => o.type === 'township');
      setTownships(list);
      const target = townshipId && list.some((t) => t.id === townshipId) ? townshipId : list[0]?.id;
      if (target) await chooseTownship(countyId, target);
    },
    [chooseTownship],
  );

  const load = useCallback(async () => {
    if (!loaded.current) setStatus('loading');
    try {
      const me = await loadMe(true);
      setUser(me);
      if (me) setBookings(upcomingFirst((await api('myBookings', { query: { limit: 20 } })).items));
      else setBookings([]);
      const mine = await servedStations(me);
      setServed(mine);
      if (!loaded.current) {
        const [city] = (await api('listOrgs', { query: { limit: 50 } })).items;
        const countyList = city ? (await children(city.id)).filter((o) => o.type === 'county') : [];
        setCounties(countyList);
        const start = chosen ?? (await homeOf(me, mine)) ?? (countyList[0] ? { countyId: countyList[0].id, townshipId: '' } : null);
        if (start) await chooseCounty(start.countyId, start.townshipId);
      }
      loaded.current = true;
      setStatus('ready');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return; // the client is taking the user to the login page
      if (loaded.current) showApiError(err);
      else {
        setLoadError(errorMessage(err));
        setStatus('error');
      }
    }
  }, [chooseCounty]);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  const cancel = async (b: Booking) => {
    if (cancelling) return;
    setCancelling(b.id);
    try {
      const updated = await api('cancelBooking', { params: { bookingId: b.id } });
      setBookings((prev) => prev.map((x) => (x.id === b.id ? updated : x)));
      setConfirming(null);
      void Taro.showToast({ title: '已取消预约', icon: 'success' });
    } catch (err) {
      showApiError(err);
    } finally {
      setCancelling(null);
    }
  };

  if (status !== 'ready') {
    return (
      <View className='page'>
        <View className='state' id={`bk-${status}`}>
          <Text className='state-text'>{status === 'loading' ? '加载中…' : loadError || '加载失败'}</Text>
          {status === 'error' && (
            <Button id='bk-retry' type='primary' onClick={() => void load()}>
              重试
            </Button>
          )}
        </View>
      </View>
    );
  }

  const now = new Date().toISOString();
  const adminOfTownship = !!place && adminTownshipIds(user).includes(place.townshipId);

  return (
    <View className='page bk' id='bk-tab'>
      {served.length > 0 && (
        <View className='card' id='bk-official'>
          <Text className='card-title'>驻点接待</Text>
          <Text className='muted'>开设接待时段、查看当天预约、记录接待结果。</Text>
          {served.map((s) => (
            <View className='btn-row' key={s.id}>
              <Button id={`console-${s.id}`} type='primary' onClick={() => void goBk(BK_PAGES.console, { stationId: s.id })}>
                {`${s.name} · 接待管理`}
              </Button>
            </View>
          ))}
        </View>
      )}

      <View className='card' id='my-bookings'>
        <Text className='card-title'>我的预约</Text>
        {!user && (
          <View>
            <Text className='muted'>登录后可以预约驻点干部的接待时段。</Text>
            <View className='btn-row'>
              <Button id='bk-login' type='primary' onClick={() => void goLogin(PAGES.booking)}>
                去登录
              </Button>
            </View>
          </View>
        )}
        {user && bookings.length === 0 && <Text className='muted'>还没有预约。选择下方的驻点工作室，预约一个时段吧。</Text>}
        {bookings.map((b) => {
          const upcoming = b.status === 'booked' && b.slotStartsAt > now;
          return (
            <View className={`bk-booking${b.status === 'booked' ? '' : ' bk-booking--inactive'}`} id={`booking-${b.id}`} key={b.id}>
              <View className='bk-booking__head'>
                <Text className='bk-booking__station'>{b.stationName}</Text>
                <Tag type={b.status === 'booked' ? 'primary' : 'default'}>
                  <Text id={`booking-status-${b.id}`}>{BOOKING_STATUS_LABELS[b.status]}</Text>
                </Tag>
              </View>
              <Text className='bk-booking__when'>{slotLabel(b.slotStartsAt, b.slotEndsAt)}</Text>
              <Text className='muted'>{`接待：${b.host}`}</Text>
              <Text className='muted'>{`事由：${b.topic}`}</Text>
              {b.cancelledBy === 'official' && b.cancelReason && (
                <Text className='bk-booking__reason'>{`接待已取消：${b.cancelReason}`}</Text>
              )}
              {b.outcomeNote && <Text className='muted'>{`接待记录：${b.outcomeNote}`}</Text>}
              {upcoming && (
                <View className='btn-row'>
                  {confirming === b.id ? (
                    <>
                      <Button id={`cancel-confirm-${b.id}`} type='primary' loading={cancelling === b.id} onClick={() => void cancel(b)}>
                        确认取消
                      </Button>
                      <Button id={`cancel-keep-${b.id}`} onClick={() => setConfirming(null)}>
                        不取消
                      </Button>
                    </>
                  ) : (
                    <Button id={`cancel-${b.id}`} onClick={() => setConfirming(b.id)}>
                      取消预约
                    </Button>
                  )}
                </View>
              )}
            </View>
          );
        })}
      </View>

      <View className='card' id='bk-finder'>
        <Text className='card-title'>驻点工作室</Text>
        <View className='bk-chips' id='bk-counties'>
          {counties.map((c) => (
            <Text
              key={c.id}
              id={`county-${c.id}`}
              className={`bk-chip${place?.countyId === c.id ? ' bk-chip--on' : ''}`}
              onClick={() => void chooseCounty(c.id).catch(showApiError)}
            >
              {c.name}
            </Text>
          ))}
        </View>
        <View className='bk-chips' id='bk-townships'>
          {townships.map((t) => (
            <Text
              key={t.id}
              id={`township-${t.id}`}
              className={`bk-chip${place?.townshipId === t.id ? ' bk-chip--on' : ''}`}
              onClick={() => place && void chooseTownship(place.countyId, t.id)}
            >
              {t.name}
            </Text>
          ))}
        </View>
        {stations === null && <Text className='muted'>加载中…</Text>}
        {stations?.length === 0 && <Text className='muted'>该乡镇暂无驻点工作室。</Text>}
        {stations?.map((s) => (
          <View
            key={s.id}
            id={`station-${s.id}`}
            className='bk-station'
            onClick={() => void goBk(BK_PAGES.station, { stationId: s.id })}
          >
            <View className='bk-station__text'>
              <Text className='bk-station__name'>{s.name}</Text>
              <Text className='muted'>{s.address}</Text>
            </View>
            <Text className='bk-station__go'>查看时段 ›</Text>
          </View>
        ))}
        {adminOfTownship && stations && stations.length > 0 && (
          <View className='bk-admin'>
            <Text className='muted'>您是本乡镇组织委员，可以管理各驻点的接待：</Text>
            {stations.map((s) => (
              <Text key={s.id} id={`manage-${s.id}`} className='bk-link' onClick={() => void goBk(BK_PAGES.console, { stationId: s.id })}>
                {`${s.name} · 接待管理 ›`}
              </Text>
            ))}
          </View>
        )}
        {!isLoggedIn() && <Text className='muted'>查看时段无需登录，预约时需要登录。</Text>}
      </View>
    </View>
  );
}
