// A station's concern queue for its officials and the township staff above: overdue ones first, filters by status
// and 只看超期, pages of 20. `?stationId=` opens one station (an official may run several); `?townshipId=` lists the
// stations of that township to choose from.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CONCERN_STATUSES, type Concern, type ConcernStatus } from '@shared/schemas/concerns';
import type { Station } from '@shared/schemas/people';
import { api, errorMessage, isApiError } from '../../../api/client';
import ConcernCard from '../../../components/concerns/ConcernCard';
import ExportButton from '../../../components/ExportButton';
import ListFooter from '../../../components/ListFooter';
import LoadState from '../../../components/LoadState';
import SubscribeReminder from '../../../components/SubscribeReminder';
import { CONCERN_STATUS_LABELS, handledStations } from '../../../lib/concerns';
import { usePageGate } from '../../../lib/gate';
import { loadMe } from '../../../lib/me';
import { go } from '../../../lib/nav';
import { stationsOfTownship } from '../../../lib/orgs';
import { usePageLoad, useReloadOnShow, type PageLoad } from '../../../lib/page-load';
import { usePagedList } from '../../../lib/paged-list';
import PageShell from '../../../components/PageShell';
import '../../../components/concerns/concerns.scss';

interface Filter {
  status?: ConcernStatus;
  overdue: boolean;
}

const PAGE_SIZE = 20;
const NO_STATION = '您还不是驻点干部或乡镇组织委员，没有需要办理的说事';
/** A status filter is applied after the read: a page can come back empty with more behind it. */
const MAX_EMPTY_PAGES = 5;

type PageOf = { items: Concern[]; nextCursor: string | null };
type Query = { stationId: string; filter: Filter };

export default function ConcernQueuePage() {
  const allowed = usePageGate('concernQueue', { requireLogin: true });
  const params = useRouter().params;

  const [stationId, setStationId] = useState<string>(params.stationId ?? '');
  const [filter, setFilter] = useState<Filter>({ overdue: false });
  const queue = usePagedList({
    /** One page of the queue; skips over pages the status filter emptied. */
    fetchPage: async (cursor: string | undefined, q: Query): Promise<PageOf> => {
      let page: PageOf = { items: [], nextCursor: cursor ?? null };
      for (let i = 0; i < MAX_EMPTY_PAGES; i++) {
        page = await api('stationConcerns', {
          params: { stationId: q.stationId },
          query: {
            limit: PAGE_SIZE,
            status: q.filter.status,
            overdue: q.filter.overdue ? 'true' : undefined,
            cursor: page.nextCursor ?? undefined,
          },
        });
        if (page.items.length > 0 || !page.nextCursor) break;
      }
      return page;
    },
    keyOf: (c) => c.id,
    errorText: (err) => (isApiError(err) && err.status === 404 ? '您没有这个驻点的办理权限' : errorMessage(err)),
  });

  const page: PageLoad<Station[]> = usePageLoad(
    async (): Promise<Station[]> => {
      const list =
        page.data ?? (params.townshipId ? await stationsOfTownship(params.townshipId) : await handledStations(await loadMe()));
      const sid = stationId && list.some((s) => s.id === stationId) ? stationId : (params.stationId ?? list[0]?.id ?? '');
      if (!sid) throw new Error(NO_STATION);
      setStationId(sid);
      void queue.reload({ stationId: sid, filter });
      return list;
    },
    { errorText: (err) => (err instanceof Error && err.message === NO_STATION ? NO_STATION : errorMessage(err)) },
  );
  const stations = page.data ?? [];
  const load = page.reload;

  useReloadOnShow(allowed, load);

  if (!allowed) return <View />;

  if (page.status !== 'ready') {
    return (
      <PageShell>
        <LoadState id='cs-queue' status={page.status} message={page.error} onRetry={() => void load()} />
      </PageShell>
    );
  }

  const switchTo = (sid: string, f: Filter) => {
    setStationId(sid);
    setFilter(f);
    queue.reset();
    void queue.reload({ stationId: sid, filter: f });
  };

  const station = stations.find((s) => s.id === stationId);

  return (
    <PageShell id='cs-queue'>
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
      <View className='btn-row'>
        <ExportButton id='cs-queue-export' fetch={() => api('exportStationConcerns', { params: { stationId } })} />
      </View>
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

      {queue.status !== 'ready' ? (
        <LoadState id='cs-queue-list' status={queue.status} message={queue.error} onRetry={() => void queue.reload({ stationId, filter })} />
      ) : queue.items.length === 0 ? (
        <View className='cs-card' id='cs-queue-empty'>
          <Text className='cs-empty'>{filter.status || filter.overdue ? '没有符合条件的说事' : '暂无群众说事'}</Text>
        </View>
      ) : (
        <View id='cs-queue-list'>
          {queue.items.map((c) => (
            <ConcernCard key={c.id} concern={c} audience='handler' onOpen={() => void go('concernHandle', { id: c.id })} />
          ))}
          <ListFooter id='cs-queue-more' className='cs-more' list={queue} />
        </View>
      )}
    </PageShell>
  );
}
