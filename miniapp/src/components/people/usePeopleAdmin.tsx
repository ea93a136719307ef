// The start of each people page (成员管理, 邀请, 权限): the signed-in user and the orgs where they manage people, or
// the state to show instead (loading, or why they cannot).
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import LoadState from '../LoadState';
import { loadMe } from '../../lib/me';
import { usePageLoad, useReloadOnShow } from '../../lib/page-load';
import { peopleScopes } from '../../lib/people';

export function usePeopleAdmin(allowed: boolean, id: string, refusal: string) {
  const me = usePageLoad(() => loadMe());
  useReloadOnShow(allowed, me.reload);
  const roots = peopleScopes(me.data);
  const blocked: ReactNode =
    me.status !== 'ready' || !roots.length ? (
      <View className='page'>
        <LoadState id={id} status={me.status === 'ready' ? 'error' : me.status} message={me.error || refusal} onRetry={() => void me.reload()} />
      </View>
    ) : null;
  return { me: me.data, roots, blocked };
}
