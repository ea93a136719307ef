// A station's concern queue for its officials and the township staff above: overdue ones first, filters by status
// and 只看超期, pages of 20. `?stationId=` opens one station (an official may run several); `?townshipId=` lists the
// stations of that township to choose from.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { CONCERN_STATUSES, type Concern, type ConcernStatus } from '@shared/schemas/concerns';
import type { Station } from '@shared/schemas/people';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import ConcernCard from '../../../components/concerns/ConcernCard';
import LoadState from '../../../components/LoadState';
import SubscribeReminder from '../../../components/SubscribeReminder';
import { CONCERN_STATUS_LABELS, CS_PAGES, goCs, handledStations, stationsOfTownship } from '../../../lib/concerns';
import { usePageGate } from '../../../lib/gate';
import { loadMe } from '../../../lib/themeday-me';
import '../../../components/concerns/concerns.scss';

type Status = 'loading' | 'error' | 'ready';
interface Filter {
  status?: ConcernStatus;
  overdue: boolean;
}

const PAGE_SIZE = 20;
/** A status filter is applied after the read: a page can come back empty with more behind it. */
const MAX_EMPTY_PAGES = 5;

type PageOf = { items: Concern[]; nextCursor: string | null };

export default function ConcernQueuePage() {
  const allowed = usePageGate(CS_PAGES.queue, { requireLogin: true });
  const params = useRouter().params;

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [stations, setStations] = useState<Station[]>([]);
  const [stationId, setStationId] = useState<string>(params.stationId ?? '');
  const [filter, setFilter] = useState<Filter>({ overdue: false });
  const [listStatus, setListStatus] = useState<Status>('loading');
  const [listError, setListError] = useState('');
  const [items, setItems] = useState<Concern[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const seqRef = useRef(0);
  const listShown = useRef(false);

  /** One page of the queue; skips over pages the status filter emptied. */
  const fetchPage = useCallback(async (sid: string, f: Filter, cursor?: string): Promise<PageOf> => {
    let page: PageOf = { items: [], nextCursor: cursor ?? null };
    for (let i = 0; i < MAX_EMPTY_PAGES; i++) {
      page = await api('stationConcerns', {
        params: { stationId: sid },
        query: { limit: PAGE_SIZE, status: f.status, overdue: f.overdue ? 'true' : undefined, cursor: page.nextCursor ?? undefined },
      });
      if (page.items.length > 0 || !page.nextCursor) break;
    }
    return page;
  }, []);

  const loadList = useCallback(
    async (sid: string, f: Filter) => {
      const seq = ++seqRef.current;
      if (!listShown.current) setListStatus('loading');
      try {
        const page = await fetchPage(sid, f);
        if (seq !== seqRef.current) return; // a newer station or filter won
        setItems(page.items);
        setNextCursor(page.nextCursor);
        listShown.current = true;
        setListStatus('ready');
      } catch (err) {
        if (seq !== seqRef.current) return;
        if (isApiError(err) && err.status === 401) return;
        if (listShown.current) showApiError(err);
        else {
          setListError(isApiError(err) && err.status === 404 ? '您没有这个驻点的办理权限' : errorMessage(err));
          setListStatus('error');
        }
      }
    },
    [fetchPage],
  );

  const load = useCallback(async () => {
    if (stations.length === 0) setStatus('loading');
    try {
      let list = stations;
      if (list.length === 0) {
        list = params.townshipId ? await stationsOfTownship(params.townshipId) : await handledStations(await loadMe());
        setStations(list);
      }
      const sid = stationId && list.some((s) => s.id === stationId) ? stationId : (params.stationId ?? list[0]?.id ?? '');
      if (!sid) {
        setLoadError('您还不是驻点干部或乡镇组织委员，没有需要办理的说事');
        setStatus('error');
        return;
      }
      setStationId(sid);
      setStatus('ready');
      await loadList(sid, filter);
    } catch (err) {
      if (isApiError(err) && err.status === 401) return;
      setLoadError(errorMessage(err));
      setStatus('error');
    }
  }, [stations, stationId, filter, params.stationId, params.townshipId, loadList]);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const loadMore = async () => {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    const seq = seqRef.current;
    try {
      const page = await fetchPage(stationId, filter, nextCursor);
      if (seq !== seqRef.current) return;
      setItems((prev) => [...prev, ...page.items.filter((c) => !prev.some((p) => p.id === c.id))]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      showApiError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  useReachBottom(() => {
    void loadMore();
  });

  if (!allowed) return <View />;

  if (status !== 'ready') {
    return (
      <View className='page'>
        <LoadState id='cs-queue' status={status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  const switchTo = (sid: string, f: Filter) => {
    setStationId(sid);
    setFilter(f);
    setItems([]);
    setNextCursor(null);
    listShown.current = false;
    void loadList(sid, f);
  };

  const station = stations.find((s) => s.id === stationId);

  return (
    <View className='page' id='cs-queue'>
      {stations.length > 1 ? (
        <View className='cs-card'>
          <Text className='cs-label'>驻点</Text>
          <View className='cs-chips' id='cs-queue-stations'>
            {stations.map((s) => (
              <Text
                key={s.id}
                id={`cs-queue-station-${s.id}`}
                className={`cs-chip${s.id === stationId ? ' cs-chip--on' : ''}`}
                onClick={() => s.id !== stationId && switchTo(s.id, filter)}
              >
                {s.name}
              </Text>
            ))}
          </View>
        </View>
      ) : (
        <Text className='card-title' id='cs-queue-station'>
          {station?.name ?? stationId}
        </Text>
      )}
      {/* The daily overdue digest goes to the station's officials (township staff open the queue by township). */}
      {!params.townshipId && <SubscribeReminder id='cs-queue-reminder' template='overdue_digest' label='超期事项每日提醒我' />}

      <View className='cs-chips' id='cs-queue-filters'>
        <Text
          id='cs-filter-all'
          className={`cs-chip${!filter.status ? ' cs-chip--on' : ''}`}
          onClick={() => filter.status && switchTo(stationId, { ...filter, status: undefined })}
        >
          全部
        </Text>
        {CONCERN_STATUSES.map((s) => (
          <Text
            key={s}
            id={`cs-filter-${s}`}
            className={`cs-chip${filter.status === s ? ' cs-chip--on' : ''}`}
            onClick={() => filter.status !== s && switchTo(stationId, { ...filter, status: s })}
          >
            {CONCERN_STATUS_LABELS[s]}
          </Text>
        ))}
        <Text
          id='cs-filter-overdue'
          className={`cs-chip${filter.overdue ? ' cs-chip--on' : ''}`}
          onClick={() => switchTo(stationId, { ...filter, overdue: !filter.overdue })}
        >
          只看超期
        </Text>
      </View>

      {listStatus !== 'ready' ? (
        <LoadState id='cs-queue-list' status={listStatus} message={listError} onRetry={() => void loadList(stationId, filter)} />
      ) : items.length === 0 ? (
        <View className='cs-card' id='cs-queue-empty'>
          <Text className='cs-empty'>{filter.status || filter.overdue ? '没有符合条件的说事' : '暂无群众说事'}</Text>
        </View>
      ) : (
        <View id='cs-queue-list'>
          {items.map((c) => (
            <ConcernCard key={c.id} concern={c} audience='handler' onOpen={() => void goCs(CS_PAGES.handle, { id: c.id })} />
          ))}
          {nextCursor ? (
            <View className='cs-more' id='cs-queue-more' onClick={() => void loadMore()}>
              <Text>{loadingMore ? '加载中…' : '加载更多'}</Text>
            </View>
          ) : (
            <View className='cs-more'>
              <Text>没有更多了</Text>
            </View>
          )}
        </View>
      )}
    </View>
  );
}
