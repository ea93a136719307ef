// 成员管理: a branch's roster for its secretary (and the staff above it), the transfers waiting on either side, and
// the changes: 入党日期 and status, 组织关系转接, leaving, and a binding invitation for a member not bound to WeChat
// (an imported one). Each change is confirmed first.
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { BranchTransfers, RosterMember, Transfer } from '@shared/schemas/members';
import type { Invitation } from '@shared/schemas/people';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import ListFooter from '../../../components/ListFooter';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import OrgPicker from '../../../components/people/OrgPicker';
import { usePeopleAdmin } from '../../../components/people/usePeopleAdmin';
import { usePageGate } from '../../../lib/gate';
import { exportXlsx } from '../../../lib/ledger';
import { routeParam, useShareCard } from '../../../lib/nav';
import { redeemPath } from '../../../lib/people';
import { usePagedList } from '../../../lib/paged-list';
import NewInvitation from '../invitations/NewInvitation';
import MemberRow from './MemberRow';
import { showModal } from '../../../lib/design';
import '../../../components/people/people.scss';
import type { Infer } from '@shared/schemas/lazy';

const ask = async (title: string, content: string, confirmText = '确定') => (await showModal({ title, content, confirmText })).confirm;

export default function MembersPage() {
  const allowed = usePageGate('members', { requireLogin: true });
  const initial = routeParam(useRouter().params, 'branchId');
  const [branchId, setBranchId] = useState('');
  const [busy, setBusy] = useState(false);
  const [transfers, setTransfers] = useState<Infer<typeof BranchTransfers> | null>(null);
  const [binding, setBinding] = useState<{ invitation: Invitation; name: string } | null>(null);
  const { roots, blocked } = usePeopleAdmin(allowed, 'members', '只有支部书记和乡镇组织委员可以管理成员');
  const roster = usePagedList({
    fetchPage: (cursor: string | undefined, bid: string) => api('listMembers', { params: { branchId: bid }, query: { limit: 30, cursor } }),
    keyOf: (m: RosterMember) => m.userId,
    errorText: (err) => (isApiError(err) && err.status === 403 ? '只有本支部书记和上级组织委员可以管理成员' : errorMessage(err)),
  });

  useShareCard(() => ({ title: binding ? `${binding.name}，请绑定您的党员档案` : '先锋驿站', path: binding ? redeemPath(binding.invitation.code) : '/pages/home/index' }));

  if (!allowed) return <View />;
  if (blocked) return blocked;

  const open = (bid: string) => {
    setBranchId(bid);
    roster.reset();
    void roster.reload(bid);
    setTransfers(null);
    setBinding(null);
    void api('listTransfers', { params: { branchId: bid } }).then(setTransfers, () => setTransfers(null));
  };

  const act = async (work: () => Promise<void>, done: string) => {
    setBusy(true);
    try {
      await work();
      void Taro.showToast({ title: done, icon: 'none' });
    } catch (err) {
      showApiError(err);
    } finally {
      setBusy(false);
    }
  };

  const save = (m: RosterMember, body: { joinedPartyOn?: string; partyStatus?: RosterMember['partyStatus'] }) =>
    act(async () => {
      const updated = await api('updateMember', { params: { branchId, userId: m.userId }, body });
      roster.setItems((prev) => prev.map((p) => (p.userId === m.userId ? updated : p)));
    }, '已保存');

  const leave = async (m: RosterMember) => {
    if (!(await ask('离开支部', `确认 ${m.displayName} 离开本支部？其历史记录保留，明天起不再计入主题党日应到人数。`, '确认离开'))) return;
    await act(async () => {
      await api('leaveBranch', { params: { branchId, userId: m.userId } });
      roster.setItems((prev) => prev.filter((p) => p.userId !== m.userId));
    }, '已办理离开');
  };

  const transfer = async (m: RosterMember, toBranchId: string) => {
    if (!(await ask('组织关系转接', `为 ${m.displayName} 申请转入支部「${toBranchId}」？对方书记或乡镇组织委员接收后生效。`))) return;
    await act(async () => {
      const t = await api('requestTransfer', { params: { branchId, userId: m.userId }, body: { toBranchId } });
      setTransfers((prev) => prev && { ...prev, outgoing: [t, ...prev.outgoing] });
    }, '已提交转接申请');
  };

  const bind = async (m: RosterMember) => {
    if (!(await ask('绑定微信', `为 ${m.displayName} 生成一次性的绑定邀请？对方用自己的微信兑换后，即可登录并看到自己的党员档案。`, '生成'))) return;
    await act(async () => {
      const invitation = await api('createInvitation', { body: { role: 'member', orgId: branchId, bindUserId: m.userId, maxUses: 1 } });
      setBinding({ invitation, name: m.displayName });
    }, '已生成绑定邀请');
  };

  const decide = async (t: Transfer, decision: 'accept' | 'decline') => {
    if (!(await ask(decision === 'accept' ? '接收党员' : '退回申请', `${decision === 'accept' ? '接收' : '退回'} ${t.displayName}（来自${t.fromBranchName}）？`))) return;
    await act(async () => {
      await api('decideTransfer', { params: { transferId: t.id }, body: { decision } });
      setTransfers((prev) => prev && { ...prev, incoming: prev.incoming.filter((x) => x.id !== t.id) });
      if (decision === 'accept') void roster.reload(branchId);
    }, decision === 'accept' ? '已接收' : '已退回');
  };

  return (
    <View className='page' id='members'>
      <OrgPicker roots={roots} initial={initial} onChange={(org) => (org.type === 'branch' ? open(org.id) : setBranchId(''))} />
      {!branchId ? (
        <View className='card'>
          <Text className='muted'>请选择一个党支部</Text>
        </View>
      ) : (
        <>
          {transfers && transfers.incoming.length + transfers.outgoing.length > 0 && (
            <View className='card' id='transfers'>
              <Text className='card-title'>组织关系转接</Text>
              {transfers.incoming.map((t) => (
                <View className='pp-item' key={t.id} id={`transfer-in-${t.id}`}>
                  <Text>{`${t.displayName} · 申请从${t.fromBranchName}转入${t.note ? `（${t.note}）` : ''}`}</Text>
                  <View className='btn-row'>
                    <Button size='small' type='primary' disabled={busy} onClick={() => void decide(t, 'accept')}>接收</Button>
                    <Button size='small' disabled={busy} onClick={() => void decide(t, 'decline')}>退回</Button>
                  </View>
                </View>
              ))}
              {transfers.outgoing.map((t) => (
                <View className='pp-item' key={t.id} id={`transfer-out-${t.id}`}>
                  <Text className='muted'>{`${t.displayName} · 转往${t.toBranchName}，等待对方接收`}</Text>
                </View>
              ))}
            </View>
          )}
          {binding && <NewInvitation invitation={binding.invitation} bindName={binding.name} />}
          <View className='card' id='roster'>
            <View className='btn-row'>
              <Text className='card-title'>党员名册</Text>
              <Button id='roster-export' size='small' onClick={() => void exportXlsx(() => api('exportRoster', { params: { branchId } })).catch(showApiError)}>导出花名册</Button>
            </View>
            {roster.status !== 'ready' ? (
              <LoadState id='roster-state' status={roster.status} message={roster.error} onRetry={() => void roster.reload(branchId)} />
            ) : roster.items.length === 0 ? (
              <Text className='muted'>本支部暂无党员，可在「邀请」中生成邀请码</Text>
            ) : (
              roster.items.map((m) => <MemberRow key={m.userId} member={m} busy={busy} onSave={save} onTransfer={transfer} onLeave={leave} onBind={bind} />)
            )}
            {roster.status === 'ready' && roster.items.length > 0 && <ListFooter id='roster-more' className='pp-more' list={roster} />}
          </View>
        </>
      )}
    </View>
  );
}
