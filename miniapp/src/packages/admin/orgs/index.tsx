// 组织管理: browse the tree from the orgs the user administers, and create, rename, move or archive an org, with a
// confirmation before each change; the API's zh-CN errors (duplicate name, move under a descendant, what keeps an org
// from being archived) are shown as they come. Stations of the org open 驿站管理.
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ORG_TYPE_LABELS, SECTOR_LABELS } from '@shared/labels';
import type { Org, Station } from '@shared/schemas/orgs';
import { api, errorMessage } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { staffOrgIds } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go } from '../../../lib/nav';
import { childOrgs, lookupOrg, orgChain } from '../../../lib/orgs';
import { usePageLoad, useReloadOnShow } from '../../../lib/page-load';
import OrgForm, { type OrgFormMode } from './OrgForm';
import { showModal } from '../../../lib/design';
import '../admin.scss';

interface AdminView {
  org: Org;
  chain: Org[];
  children: Org[];
  stations: Station[];
  /** The orgs the user administers (the top of what they may browse). */
  roots: Org[];
}

export default function AdminOrgsPage() {
  const allowed = usePageGate('adminOrgs', { requireLogin: true });
  const params = useRouter().params;
  const [form, setForm] = useState<OrgFormMode | null>(null);

  const page = usePageLoad(async (): Promise<AdminView | null> => {
    const me = await loadMe();
    const roots = (await Promise.all(staffOrgIds(me).map(lookupOrg))).filter((o): o is Org => !!o);
    const orgId = params.orgId ?? roots[0]?.id;
    if (!orgId) return null;
    const [org, chain, children, stations] = await Promise.all([
      api('getOrg', { params: { orgId } }),
      orgChain(orgId),
      childOrgs(orgId, undefined, { withArchived: true }),
      api('listStations', { query: { orgId, limit: 50 } }),
    ]);
    return { org, chain, children, stations: stations.items, roots };
  });
  useReloadOnShow(allowed, page.reload);

  if (!allowed) return <View />;
  const data = page.data;
  if (page.status !== 'ready' || !data) {
    return (
      <View className='page'>
        <LoadState id='adm-orgs' status={page.status === 'ready' ? 'error' : page.status} message={data === null && page.status === 'ready' ? '只有乡镇组织委员和管理员可以管理组织' : page.error} onRetry={() => void page.reload()} />
      </View>
    );
  }
  const { org, chain, children, stations, roots } = data;
  const top = chain.findIndex((o) => roots.some((r) => r.id === o.id));
  const archive = async () => {
    const { confirm } = await showModal({ title: '归档组织', content: `归档后「${org.name}」不再出现在选择列表中，历史记录保留。`, confirmText: '确认归档' });
    if (!confirm) return;
    try {
      await api('archiveOrg', { params: { orgId: org.id } });
      void Taro.showToast({ title: '已归档', icon: 'success' });
      void page.reload();
    } catch (err) {
      // 409 lists the open concerns, future sessions and active children in its message.
      void showModal({ title: '不能归档', content: errorMessage(err), showCancel: false });
    }
  };

  return (
    <View className='page' id='adm-orgs'>
      <View className='adm-crumbs' id='adm-crumbs'>
        {chain.slice(Math.max(0, top)).map((o) => (
          <Text key={o.id} className='adm-crumb' onClick={() => o.id !== org.id && void go('adminOrgs', { orgId: o.id })}>
            {o.name} ›
          </Text>
        ))}
      </View>
      <View className='card'>
        <Text className='card-title' id='adm-org-name'>
          {org.name}
        </Text>
        <Text className='muted'>
          {ORG_TYPE_LABELS[org.type]}
          {org.sector ? ` · ${SECTOR_LABELS[org.sector]}` : ''}
          {org.archivedAt ? ' · 已归档' : ''}
        </Text>
        {!org.archivedAt && (
          <View className='adm-actions'>
            <Button id='adm-create' size='small' type='primary' onClick={() => setForm({ kind: 'create', parent: org })}>新建下级</Button>
            <Button id='adm-rename' size='small' onClick={() => setForm({ kind: 'rename', org })}>改名</Button>
            {org.parentId && <Button id='adm-move' size='small' onClick={() => setForm({ kind: 'move', org })}>移动</Button>}
            <Button id='adm-station-new' size='small' onClick={() => void go('adminStation', { orgId: org.id })}>新建驿站</Button>
            <Button id='adm-import' size='small' onClick={() => void go('adminImport', { orgId: org.id })}>批量导入</Button>
            {org.parentId && <Button id='adm-archive' size='small' fill='none' onClick={() => void archive()}>归档</Button>}
          </View>
        )}
      </View>

      {form && <OrgForm mode={form} onDone={() => { setForm(null); void page.reload(); }} onCancel={() => setForm(null)} childOptions={childOrgs} />}

      <View className='card' id='adm-children'>
        <Text className='card-title'>下级组织（{children.length}）</Text>
        {children.length === 0 && <Text className='muted'>暂无下级组织</Text>}
        {children.map((c) => (
          <View key={c.id} id={`adm-child-${c.id}`} className={`adm-row${c.archivedAt ? ' adm-row--archived' : ''}`} onClick={() => void go('adminOrgs', { orgId: c.id })}>
            <Text>{c.name}</Text>
            <Text className='muted'>{c.archivedAt ? '已归档' : ORG_TYPE_LABELS[c.type]} ›</Text>
          </View>
        ))}
      </View>

      <View className='card' id='adm-stations'>
        <Text className='card-title'>驿站（{stations.length}）</Text>
        {stations.length === 0 && <Text className='muted'>暂无驿站</Text>}
        {stations.map((s) => (
          <View key={s.id} id={`adm-station-${s.id}`} className='adm-row' onClick={() => void go('adminStation', { stationId: s.id })}>
            <Text>{s.name}</Text>
            <Text className='muted'>编辑 ›</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
