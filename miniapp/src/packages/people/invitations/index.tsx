// 邀请: make a code for an org (role, expiry, number of uses), show its QR and share card, and list and revoke the
// org's codes. A secretary invites members of their branch; township staff invite secretaries, officials and staff.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { holdsAnywhere, ROLE_SETS } from '@shared/roles';
import type { Invitation, Org, Station } from '@shared/schemas/people';
import { DAY_MS, formatDate } from '@shared/time';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import SubmitBar from '../../../components/form/SubmitBar';
import { FieldRow } from '../../../components/form/TextField';
import { useSubmit } from '../../../components/form/useSubmit';
import ListFooter from '../../../components/ListFooter';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import OrgPicker from '../../../components/people/OrgPicker';
import { usePeopleAdmin } from '../../../components/people/usePeopleAdmin';
import { usePageGate } from '../../../lib/gate';
import { ROLE_LABELS } from '../../../lib/labels';
import { routeParam, useShareCard } from '../../../lib/nav';
import { usePagedList } from '../../../lib/paged-list';
import { invitableRoles, invitationState, redeemPath, type InvitableRole } from '../../../lib/people';
import NewInvitation from './NewInvitation';
import { showModal } from '../../../lib/design';
import '../../../components/people/people.scss';

const VALIDITY_DAYS = [1, 7, 30] as const;

export default function InvitationsPage() {
  const allowed = usePageGate('invitations', { requireLogin: true });
  const initial = routeParam(useRouter().params, 'orgId');
  const { me, roots, blocked } = usePeopleAdmin(allowed, 'invitations', '只有支部书记和乡镇组织委员可以发放邀请码');
  const [trail, setTrail] = useState<Org[]>([]);
  const [stations, setStations] = useState<Station[]>([]);
  const [station, setStation] = useState<Station | null>(null);
  const [role, setRole] = useState<InvitableRole | null>(null);
  const [days, setDays] = useState<number>(7);
  const [uses, setUses] = useState('1');
  const [made, setMade] = useState<Invitation | null>(null);
  const { error, setError, saving, send } = useSubmit();
  const list = usePagedList({
    fetchPage: (cursor: string | undefined, oid: string) => api('listInvitations', { params: { orgId: oid }, query: { limit: 20, cursor } }),
    keyOf: (i: Invitation) => i.code,
    errorText: (err) => (isApiError(err) && err.status === 403 ? '您不能为该组织发放邀请码' : errorMessage(err)),
  });

  useShareCard(() => ({ title: made ? `邀请您加入先锋驿站（${ROLE_LABELS[made.role]}）` : '先锋驿站', path: made ? redeemPath(made.code) : '/pages/home/index' }));

  if (!allowed) return <View />;
  if (blocked) return blocked;

  const org = trail[trail.length - 1];
  const roles: InvitableRole[] = station ? ['official'] : invitableRoles(me, trail);
  const targetId = station?.id ?? org?.id ?? '';
  // Officials are invited to a station: staff pick one of the chosen org's stations.
  const isStaff = holdsAnywhere(me, ROLE_SETS.staff);

  const choose = (next: Org[], st: Station | null) => {
    setTrail(next);
    setStation(st);
    setRole(null);
    setMade(null);
    const id = st?.id ?? next[next.length - 1]!.id;
    list.reset();
    void list.reload(id);
  };

  const create = async () => {
    const chosen = role ?? roles[0];
    if (!chosen || saving) return;
    const maxUses = Number(uses);
    if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > 500) return setError('使用次数须为 1 到 500');
    setError('');
    await send(async () => {
      const inv = await api('createInvitation', { body: { role: chosen, orgId: targetId, maxUses, expiresAt: new Date(Date.now() + days * DAY_MS).toISOString() } });
      setMade(inv);
      list.setItems((prev) => [inv, ...prev]);
    });
  };

  const revoke = async (inv: Invitation) => {
    const { confirm } = await showModal({ title: '撤销邀请码', content: `撤销后，邀请码 ${inv.code} 将无法再使用。已加入的人不受影响。`, confirmText: '确认撤销' });
    if (!confirm) return;
    try {
      const revoked = await api('revokeInvitation', { params: { code: inv.code } });
      list.setItems((prev) => prev.map((p) => (p.code === inv.code ? revoked : p)));
      if (made?.code === inv.code) setMade(null);
    } catch (err) {
      showApiError(err);
    }
  };

  return (
    <View className='page' id='invitations'>
      <OrgPicker
        roots={roots}
        initial={initial}
        onChange={(o, t) => {
          choose(t, null);
          setStations([]);
          if (isStaff) {
            void api('listStations', { query: { orgId: o.id } }).then((p) => setStations(p.items), () => setStations([]));
          }
        }}
      />
      {stations.length > 0 && (
        <View className='card'>
          <Text className='muted'>邀请驻点干部：选择驻点工作室</Text>
          <View className='pp-row'>
            {stations.map((s) => (
              <Text key={s.id} id={`station-${s.id}`} className={station?.id === s.id ? 'pp-chip pp-link' : 'pp-chip'} onClick={() => choose(trail, station?.id === s.id ? null : s)}>
                {s.name}
              </Text>
            ))}
          </View>
        </View>
      )}
      <View className='card' id='invitation-form'>
        <Text className='card-title'>{`生成邀请码 · ${station?.name ?? org?.name ?? ''}`}</Text>
        {roles.length === 0 ? (
          <Text className='muted'>您不能为该组织发放邀请码，请选择下级党支部</Text>
        ) : (
          <>
            <View className='pp-row'>
              {roles.map((r) => (
                <Text key={r} id={`invite-role-${r}`} className={(role ?? roles[0]) === r ? 'pp-chip pp-link' : 'pp-chip'} onClick={() => setRole(r)}>
                  {ROLE_LABELS[r]}
                </Text>
              ))}
            </View>
            <View className='pp-row'>
              {VALIDITY_DAYS.map((d) => (
                <Text key={d} id={`invite-days-${d}`} className={days === d ? 'pp-chip pp-link' : 'pp-chip'} onClick={() => setDays(d)}>
                  {`${d} 天有效`}
                </Text>
              ))}
            </View>
            <FieldRow rowId='invite-uses' label='可使用次数' type='number' value={uses} maxLength={3} onInput={setUses} />
            <SubmitBar id='invite-submit' errorId='invite-error' error={error} loading={saving} onSubmit={create}>
              生成邀请码
            </SubmitBar>
          </>
        )}
      </View>
      {made && <NewInvitation invitation={made} />}
      <View className='card' id='invitation-list'>
        <Text className='card-title'>已发放的邀请码</Text>
        {list.status !== 'ready' ? (
          <LoadState id='invitation-list-state' status={list.status} message={list.error} onRetry={() => void list.reload(targetId)} />
        ) : list.items.length === 0 ? (
          <Text className='muted'>暂无邀请码</Text>
        ) : (
          list.items.map((inv) => {
            const state = invitationState(inv);
            return (
              <View className='pp-item' key={inv.code} id={`invitation-${inv.code}`}>
                <View className='pp-spread'>
                  <Text>{`${inv.code} · ${inv.bindUserId ? '绑定微信' : ROLE_LABELS[inv.role]}`}</Text>
                  {state.usable && (
                    <Button size='small' id={`invitation-revoke-${inv.code}`} onClick={() => void revoke(inv)}>
                      撤销
                    </Button>
                  )}
                </View>
                <Text className='muted'>{`${state.label} · ${formatDate(inv.expiresAt)} 到期`}</Text>
              </View>
            );
          })
        )}
        {list.status === 'ready' && list.items.length > 0 && <ListFooter id='invitations-more' className='pp-more' list={list} />}
      </View>
    </View>
  );
}
