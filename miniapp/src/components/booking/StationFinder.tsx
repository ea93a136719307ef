// 预约: the station finder (county › township › stations), and for a township's admin the way into each console.
import { Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import type { Org, Station, User } from '@shared/schemas/people';
import { showApiError } from '../../api/client';
import { isLoggedIn } from '../../api/session';
import { go } from '../../lib/nav';
import { childOrgs, lookupOrg, stationsOfTownship } from '../../lib/orgs';

interface Place {
  countyId: string;
  townshipId: string;
}

/** The township chosen on this tab, kept while the app runs. */
let chosen: Place | null = null;

/** Where to start the finder: the township of the user's village, else of the station they serve. */
async function homeOf(user: User | null, served: Station[]): Promise<Place | null> {
  const orgId = user?.villageId ?? served[0]?.orgId;
  if (!orgId) return null;
  const org = await lookupOrg(orgId);
  const township = org?.type === 'township' ? org : org?.parentId ? await lookupOrg(org.parentId) : null;
  if (township?.type !== 'township' || !township.parentId) return null;
  return { countyId: township.parentId, townshipId: township.id };
}

export type Finder = ReturnType<typeof useStationFinder>;

/** The finder's state; `start` (once, in the page's load) picks the first county and township. */
export function useStationFinder() {
  const [counties, setCounties] = useState<Org[]>([]);
  const [townships, setTownships] = useState<Org[]>([]);
  const [place, setPlace] = useState<Place | null>(null);
  /** null while loading. */
  const [stations, setStations] = useState<Station[] | null>(null);
  const started = useRef(false);

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
      const list = await childOrgs(countyId, 'township');
      setTownships(list);
      const target = townshipId && list.some((t) => t.id === townshipId) ? townshipId : list[0]?.id;
      if (target) await chooseTownship(countyId, target);
    },
    [chooseTownship],
  );

  const start = useCallback(
    async (user: User | null, served: Station[]) => {
      if (started.current) return;
      const [city] = await childOrgs(undefined);
      const countyList = city ? await childOrgs(city.id, 'county') : [];
      setCounties(countyList);
      const first = chosen ?? (await homeOf(user, served)) ?? (countyList[0] ? { countyId: countyList[0].id, townshipId: '' } : null);
      if (first) await chooseCounty(first.countyId, first.townshipId);
      started.current = true;
    },
    [chooseCounty],
  );

  return { counties, townships, place, stations, chooseCounty, chooseTownship, start };
}

export default function StationFinder({ finder, adminOf }: { finder: Finder; adminOf: string[] }) {
  const { counties, townships, place, stations, chooseCounty, chooseTownship } = finder;
  const adminOfTownship = !!place && adminOf.includes(place.townshipId);
  return (
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
        <View key={s.id} id={`station-${s.id}`} className='bk-station' onClick={() => void go('station', { stationId: s.id })}>
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
            <Text key={s.id} id={`manage-${s.id}`} className='bk-link' onClick={() => void go('bookingConsole', { stationId: s.id })}>
              {`${s.name} · 接待管理 ›`}
            </Text>
          ))}
        </View>
      )}
      {!isLoggedIn() && <Text className='muted'>查看时段无需登录，预约时需要登录。</Text>}
    </View>
  );
}
