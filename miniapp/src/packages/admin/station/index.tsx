// 驿站管理: create a station under an org (`?orgId=`) or edit one (`?stationId=`): name, type, host department,
// address, opening hours and the villages and communities of its township it serves (their new concerns come here).
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { STATION_TYPE_LABELS } from '@shared/labels';
import { CreateStationBody, STATION_TYPES, type Org, type Station, type StationType } from '@shared/schemas/orgs';
import { api } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import SubmitBar from '../../../components/form/SubmitBar';
import { TextField } from '../../../components/form/TextField';
import { useSubmit } from '../../../components/form/useSubmit';
import { useActionKey } from '../../../lib/action-key';
import { usePageGate } from '../../../lib/gate';
import { back } from '../../../lib/nav';
import { childOrgs, orgChain } from '../../../lib/orgs';
import { usePageLoad } from '../../../lib/page-load';
import { showModal } from '../../../lib/design';
import '../admin.scss';

interface Loaded {
  station: Station | null;
  org: Org;
  /** Villages and communities of the station's township: what it may serve. */
  villages: Org[];
}

export default function AdminStationPage() {
  const allowed = usePageGate('adminStation', { requireLogin: true });
  const params = useRouter().params;
  const [draft, setDraft] = useState({ name: '', hostDepartment: '', address: '', openingHours: '' });
  const [stationType, setStationType] = useState<StationType | null>(null);
  const [serves, setServes] = useState<string[]>([]);
  const { error, setError, saving, send } = useSubmit();
  const actionKey = useActionKey();

  const page = usePageLoad(async (): Promise<Loaded> => {
    const station = params.stationId ? await api('getStation', { params: { stationId: params.stationId } }) : null;
    const orgId = station?.orgId ?? params.orgId ?? '';
    const chain = await orgChain(orgId);
    const org = chain[chain.length - 1];
    if (!org) throw new Error('组织不存在');
    const township = [...chain].reverse().find((o) => o.type === 'township');
    const villages = township ? await childOrgs(township.id, 'village') : org.type === 'village' ? [org] : [];
    if (station) {
      setDraft({ name: station.name, hostDepartment: station.hostDepartment ?? '', address: station.address, openingHours: station.openingHours ?? '' });
      setStationType(station.stationType ?? null);
      setServes(station.serves ?? []);
    }
    return { station, org, villages };
  });
  // Loaded once: a later show must not throw away what is being typed.
  useDidShow(() => {
    if (allowed && !page.data) void page.reload();
  });

  if (!allowed) return <View />;
  if (page.status !== 'ready' || !page.data) {
    return (
      <View className='page'>
        <LoadState id='adm-station' status={page.status} message={page.error} onRetry={() => void page.reload()} />
      </View>
    );
  }
  const { station, org, villages } = page.data;
  const field = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const toggle = (id: string) => setServes((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  const submit = async () => {
    if (saving) return;
    setError('');
    if (!stationType) return setError('请选择驿站类型');
    const fields = {
      name: draft.name,
      stationType,
      address: draft.address,
      ...(draft.hostDepartment.trim() ? { hostDepartment: draft.hostDepartment } : {}),
      ...(draft.openingHours.trim() ? { openingHours: draft.openingHours } : {}),
      serves,
    };
    const r = CreateStationBody().safeParse({ orgId: org.id, ...fields });
    if (!r.success) return setError(r.error.issues[0]?.message ?? '输入有误');
    const { confirm } = await showModal({ title: station ? '保存驿站' : '新建驿站', content: `${station ? '保存' : '新建'}「${r.data.name}」？服务的村（社区）的新诉求将转到此驿站。`, confirmText: station ? '确认保存' : '确认新建' });
    if (!confirm) return;
    await send(async () => {
      if (station) await api('updateStation', { params: { stationId: station.id }, body: fields });
      else await api('createStation', { body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
      actionKey.reset();
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void back('me');
    });
  };

  return (
    <View className='page' id='adm-station'>
      <View className='card'>
        <Text className='card-title'>{station ? '编辑驿站' : `在「${org.name}」新建驿站`}</Text>
        <TextField kind='adm' label='名称' id='adm-station-name' value={draft.name} maxLength={40} placeholder='如：凤凰社区红管家服务驿站' onInput={field('name')} />
        <Text className='adm-label'>类型</Text>
        <View className='adm-chips' id='adm-station-type'>
          {STATION_TYPES.map((t) => (
            <Text key={t} id={`adm-station-type-${t}`} className={`adm-chip${stationType === t ? ' adm-chip--on' : ''}`} onClick={() => setStationType(t)}>
              {STATION_TYPE_LABELS[t]}
            </Text>
          ))}
        </View>
        <TextField kind='adm' label='承办单位' id='adm-station-host' value={draft.hostDepartment} maxLength={40} placeholder='如：街道党工委' onInput={field('hostDepartment')} />
        <TextField kind='adm' label='地址' id='adm-station-address' value={draft.address} maxLength={100} placeholder='详细地址' onInput={field('address')} />
        <TextField kind='adm' label='开放时间' id='adm-station-hours' value={draft.openingHours} maxLength={60} placeholder='如：每日 9:00—18:00' onInput={field('openingHours')} />
        <Text className='adm-label'>服务的村（社区）</Text>
        <View className='adm-chips' id='adm-station-serves'>
          {villages.length === 0 && <Text className='muted'>该组织下没有村（社区）</Text>}
          {villages.map((v) => (
            <Text key={v.id} id={`adm-serves-${v.id}`} className={`adm-chip${serves.includes(v.id) ? ' adm-chip--on' : ''}`} onClick={() => toggle(v.id)}>
              {v.name}
            </Text>
          ))}
        </View>
        <SubmitBar id='adm-station-submit' errorId='adm-station-error' error={error} loading={saving} onSubmit={submit}>
          保存
        </SubmitBar>
      </View>
    </View>
  );
}
