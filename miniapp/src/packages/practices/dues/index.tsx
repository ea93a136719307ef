// 集中交纳党费: a branch's register per month. The secretary marks payments made offline, reminds the unpaid
// (subscribe message) and exports; township staff above read and export.
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { api, showApiError } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import PageShell from '../../../components/PageShell';
import OrgPicker from '../../../components/people/OrgPicker';
import MonthBar from '../../../components/practices/MonthBar';
import { useOrgMonth } from '../../../components/practices/useOrgMonth';
import { usePageGate } from '../../../lib/gate';
import { duesRoots, isSecretaryOf } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { routeParam } from '../../../lib/nav';
import { usePageLoad, useReloadOnShow } from '../../../lib/page-load';
import { saveXlsx } from '../../../lib/ledger';
import DuesRow, { type DuesMark } from './DuesRow';
import '../../../components/practices/practices.scss';

export default function DuesPage() {
  const allowed = usePageGate('dues', { requireLogin: true });
  const initial = routeParam(useRouter().params, 'branchId');
  const me = usePageLoad(() => loadMe());
  useReloadOnShow(allowed, me.reload);
  const { orgId: branchId, month, data: reg, status, error, load, open, changeMonth } = useOrgMonth((bid, m) => api('duesRegister', { params: { branchId: bid }, query: { month: m } }), '只有本支部书记和上级组织委员可以查看');
  const [busy, setBusy] = useState(false);

  if (!allowed) return <View />;
  const roots = duesRoots(me.data);
  if (me.status !== 'ready' || !roots.length) {
    return (
      <PageShell>
        <LoadState id='dues' status={me.status === 'ready' ? 'error' : me.status} message={me.error || '只有支部书记和乡镇组织委员可以查看党费登记'} onRetry={() => void me.reload()} />
      </PageShell>
    );
  }
  const secretary = !!branchId && isSecretaryOf(me.data, branchId);

  const mark = async (e: { userId: string }, body: DuesMark) => {
    await api('markDues', { params: { branchId, month, userId: e.userId }, body });
    void Taro.showToast({ title: '已保存', icon: 'none' });
    await load();
  };

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      showApiError(err);
    } finally {
      setBusy(false);
    }
  };
  const remind = () =>
    act(async () => {
      const { reminded } = await api('remindDues', { params: { branchId, month } });
      void Taro.showToast({ title: reminded ? `已向 ${reminded} 名未交党员发送提醒` : '今天已提醒过，或没有未交党员', icon: 'none', duration: 2500 });
    });
  const exportFile = () => act(async () => saveXlsx(await api('exportDues', { params: { branchId }, query: { month } })));

  return (
    <PageShell id='dues-page'>
      <OrgPicker roots={roots} initial={initial} onChange={(org) => (open(org.type === 'branch' ? org.id : ''))} />
      {!branchId ? (
        <View className='card'>
          <Text className='muted'>请选择一个党支部</Text>
        </View>
      ) : (
        <>
          <MonthBar id='dues-month' month={month} onChange={changeMonth} />
          {status !== 'ready' || !reg ? (
            <LoadState id='dues-state' status={status} message={error} onRetry={() => void load()} />
          ) : (
            <>
              <View className='card px-figures' id='dues-summary'>
                <Figure id='dues-expected' value={reg.expected} label='应交人数' />
                <Figure id='dues-paid-count' value={reg.paidCount} label='已交' />
                <Figure id='dues-unpaid-count' value={reg.unpaidCount} label='未交' />
                <Figure id='dues-total' value={reg.totalPaid.toFixed(2)} label='已交合计（元）' />
              </View>
              <View className='btn-row'>
                {secretary && reg.unpaidCount > 0 && (
                  <Button id='dues-remind' disabled={busy} onClick={() => void remind()}>
                    提醒未交
                  </Button>
                )}
                <Button id='dues-export' disabled={busy} onClick={() => void exportFile()}>
                  导出
                </Button>
              </View>
              <View className='card' id='dues-list'>
                <Text className='card-title'>{secretary ? '党员名单（点击登记）' : '党员名单'}</Text>
                {reg.items.length === 0 ? <Text className='muted'>本支部暂无党员</Text> : reg.items.map((e) => <DuesRow key={`${month}-${e.userId}-${e.paid}-${e.amount}`} entry={e} canMark={secretary} onMark={mark} />)}
              </View>
            </>
          )}
        </>
      )}
    </PageShell>
  );
}

function Figure({ id, value, label }: { id: string; value: number | string; label: string }) {
  return (
    <View className='px-figure'>
      <Text className='px-figure__value' id={id}>
        {value}
      </Text>
      <Text className='px-figure__label'>{label}</Text>
    </View>
  );
}
