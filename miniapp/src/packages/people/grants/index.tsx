// 权限: the grants of an org (who holds which role there), revoked with a confirmation. Revoking a branch's last
// secretary is confirmed a second time, with the API's own words.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { OrgGrant } from '@shared/schemas/members';
import { formatDate } from '@shared/time';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import ListFooter from '../../../components/ListFooter';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import OrgPicker from '../../../components/people/OrgPicker';
import { usePeopleAdmin } from '../../../components/people/usePeopleAdmin';
import { usePageGate } from '../../../lib/gate';
import { ROLE_LABELS } from '../../../lib/labels';
import { routeParam } from '../../../lib/nav';
import { usePagedList } from '../../../lib/paged-list';
import { useRouter } from '@tarojs/taro';
import { showModal } from '../../../lib/design';
import '../../../components/people/people.scss';

const keyOf = (g: OrgGrant) => `${g.role}:${g.userId}`;

export default function GrantsPage() {
  const allowed = usePageGate('grants', { requireLogin: true });
  const initial = routeParam(useRouter().params, 'orgId');
  const [orgId, setOrgId] = useState('');
  const { roots, blocked } = usePeopleAdmin(allowed, 'grants', '只有支部书记和乡镇组织委员可以管理权限');
  const list = usePagedList({
    fetchPage: (cursor: string | undefined, oid: string) => api('listGrants', { params: { orgId: oid }, query: { limit: 20, cursor } }),
    keyOf,
    errorText: (err) => (isApiError(err) && err.status === 403 ? '您没有查看该组织权限的权限' : errorMessage(err)),
  });

  if (!allowed) return <View />;
  if (blocked) return blocked;

  const revoke = async (g: OrgGrant, confirm = false) => {
    if (!confirm) {
      const asked = await showModal({ title: '撤销权限', content: `撤销 ${g.displayName} 的「${ROLE_LABELS[g.role]}」权限？撤销后立即生效。`, confirmText: '确认撤销' });
      if (!asked.confirm) return;
    }
    try {
      await api('revokeGrant', { params: { orgId: g.orgId, role: g.role, userId: g.userId }, query: confirm ? { confirm: 'true' } : {} });
      list.setItems((prev) => prev.filter((p) => keyOf(p) !== keyOf(g)));
      void Taro.showToast({ title: '已撤销', icon: 'none' });
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT' && !confirm) {
        const again = await showModal({ title: '再次确认', content: err.message, confirmText: '仍然撤销' });
        if (again.confirm) await revoke(g, true);
        return;
      }
      showApiError(err);
    }
  };

  return (
    <View className='page' id='grants'>
      <OrgPicker
        roots={roots}
        initial={initial}
        onChange={(org) => {
          setOrgId(org.id);
          list.reset();
          void list.reload(org.id);
        }}
      />
      <View className='card' id='grant-list'>
        <Text className='card-title'>权限</Text>
        {list.status !== 'ready' ? (
          <LoadState id='grant-list-state' status={list.status} message={list.error} onRetry={() => void list.reload(orgId)} />
        ) : list.items.length === 0 ? (
          <Text className='muted'>该组织暂无授权</Text>
        ) : (
          list.items.map((g) => (
            <View className='pp-item' key={keyOf(g)} id={`grant-${g.role}-${g.userId}`}>
              <View className='pp-spread'>
                <Text>{`${g.displayName} · ${ROLE_LABELS[g.role]}`}</Text>
                <Button size='small' id={`revoke-${g.role}-${g.userId}`} onClick={() => void revoke(g)}>
                  撤销
                </Button>
              </View>
              <Text className='muted'>{`授权于 ${formatDate(g.grantedAt)}`}</Text>
            </View>
          ))
        )}
        {list.status === 'ready' && list.items.length > 0 && <ListFooter id='grants-more' className='pp-more' list={list} />}
      </View>
    </View>
  );
}
