// 说事概况 for township staff: per station and month, received / resolved / overdue / time to resolve / satisfaction,
// the township's worst overdue concerns, and the export.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { StationOverview } from '@shared/schemas/practices';
import { formatDate } from '@shared/time';
import { api, showApiError } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import PageShell from '../../../components/PageShell';
import OrgPicker from '../../../components/people/OrgPicker';
import MonthBar from '../../../components/practices/MonthBar';
import { useOrgMonth } from '../../../components/practices/useOrgMonth';
import StatusTag from '../../../components/StatusTag';
import { usePageGate } from '../../../lib/gate';
import { staffOrgIds } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go, routeParam } from '../../../lib/nav';
import { usePageLoad, useReloadOnShow } from '../../../lib/page-load';
import { saveXlsx } from '../../../lib/ledger';
import '../../../components/practices/practices.scss';
import type { Infer } from '@shared/schemas/lazy';

type Figures = Omit<Infer<typeof StationOverview>, 'stationId' | 'stationName'>;
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);
const hours = (n: number | null) => (n === null ? '—' : n < 48 ? `${n} 小时` : `${Math.round(n / 24)} 天`);
const line = (f: Figures) =>
  `受理 ${f.received} · 办结 ${f.resolved} · 超期 ${f.overdue} · 平均办结 ${hours(f.avgResolveHours)} · 满意率 ${pct(f.satisfactionRate)}${f.avgRating === null ? '' : ` · 评分 ${f.avgRating}`}`;

export default function ConcernOverviewPage() {
  const allowed = usePageGate('concernOverview', { requireLogin: true });
  const initial = routeParam(useRouter().params, 'townshipId');
  const me = usePageLoad(() => loadMe());
  useReloadOnShow(allowed, me.reload);
  const { orgId: townshipId, month, data, status, error, load, open, changeMonth } = useOrgMonth((id, m) => api('concernOverview', { params: { orgId: id }, query: { month: m } }), '只有本乡镇的组织委员可以查看');
  const [busy, setBusy] = useState(false);

  if (!allowed) return <View />;
  const roots = staffOrgIds(me.data);
  if (me.status !== 'ready' || !roots.length) {
    return (
      <PageShell>
        <LoadState id='ov' status={me.status === 'ready' ? 'error' : me.status} message={me.error || '只有乡镇组织委员可以查看说事概况'} onRetry={() => void me.reload()} />
      </PageShell>
    );
  }

  const exportFile = async () => {
    setBusy(true);
    try {
      await saveXlsx(await api('exportConcernOverview', { params: { orgId: townshipId }, query: { month } }));
    } catch (err) {
      showApiError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell id='ov-page'>
      <OrgPicker roots={roots} initial={initial} onChange={(org) => (open(org.type === 'township' ? org.id : ''))} />
      {!townshipId ? (
        <View className='card'>
          <Text className='muted'>请选择一个乡镇</Text>
        </View>
      ) : (
        <>
          <MonthBar id='ov-month' month={month} onChange={changeMonth} />
          {status !== 'ready' || !data ? (
            <LoadState id='ov-state' status={status} message={error} onRetry={() => void load()} />
          ) : (
            <>
              <View className='card' id='ov-total'>
                <Text className='card-title'>全乡镇</Text>
                <Text>{line(data.total)}</Text>
              </View>
              <View className='btn-row'>
                <Button id='ov-export' disabled={busy} onClick={() => void exportFile()}>
                  导出
                </Button>
              </View>
              <View className='card' id='ov-stations'>
                <Text className='card-title'>各驿站</Text>
                {data.stations.length === 0 && <Text className='muted'>本乡镇暂无驿站</Text>}
                {data.stations.map((s) => (
                  <View className='px-row' key={s.stationId} id={`ov-station-${s.stationId}`}>
                    <Text>{s.stationName}</Text>
                    <Text className='px-row__sub'>{line(s)}</Text>
                  </View>
                ))}
              </View>
              <View className='card' id='ov-overdue'>
                <Text className='card-title'>超期最久</Text>
                {data.worstOverdue.length === 0 && <Text className='muted'>没有超期未办结的诉求</Text>}
                {data.worstOverdue.map((c) => (
                  <View className='px-row' key={c.id} id={`ov-overdue-${c.id}`} role='button' onClick={() => void go('concernHandle', { id: c.id })}>
                    <View className='px-row__head'>
                      <Text>{c.title}</Text>
                      <StatusTag tone='danger' label={`超期 ${c.daysOverdue} 天`} />
                    </View>
                    <Text className='px-row__sub'>{`${c.trackingNo} · ${c.stationName} · 应于 ${formatDate(c.dueAt)} 前办结`}</Text>
                  </View>
                ))}
              </View>
            </>
          )}
        </>
      )}
    </PageShell>
  );
}
