// One member of the roster: masked phone, 入党日期, 正式/预备, the date they joined and 绑定微信; opened, it edits
// 入党日期 and status, makes a binding invitation for an unbound member, asks for a transfer or records leaving.
import { Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PARTY_STATUS_LABELS } from '../../../lib/people';
import type { PartyStatus, RosterMember } from '@shared/schemas/members';
import { formatDate, formatDateKey, shanghaiDate } from '@shared/time';
import { Button } from '../../../components/nut';
import { FieldRow } from '../../../components/form/TextField';

interface Props {
  member: RosterMember;
  busy: boolean;
  onSave: (m: RosterMember, change: { joinedPartyOn?: string; partyStatus?: PartyStatus }) => Promise<void>;
  onTransfer: (m: RosterMember, toBranchId: string) => Promise<void>;
  onLeave: (m: RosterMember) => Promise<void>;
  onBind: (m: RosterMember) => Promise<void>;
}

export default function MemberRow({ member: m, busy, onSave, onTransfer, onLeave, onBind }: Props) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(m.joinedPartyOn ?? '');
  const [status, setStatus] = useState<PartyStatus | undefined>(m.partyStatus);
  const [toBranch, setToBranch] = useState('');
  const facts = [m.phoneMasked ?? '未留手机号', m.joinedPartyOn ? `入党 ${formatDateKey(m.joinedPartyOn)}` : '未填入党日期', m.partyStatus ? PARTY_STATUS_LABELS[m.partyStatus] : '', `${formatDate(m.joinedBranchAt)} 加入本支部`, m.wechatBound ? '已绑定微信' : '未绑定微信'];
  const changed = (date && date !== m.joinedPartyOn) || (status && status !== m.partyStatus);

  return (
    <View className='pp-item' id={`member-${m.userId}`}>
      <View className='pp-spread' onClick={() => setOpen(!open)}>
        <Text>{m.displayName || '党员'}</Text>
        <Text className='pp-link'>{open ? '收起' : '管理'}</Text>
      </View>
      <Text className='muted'>{facts.filter(Boolean).join(' · ')}</Text>
      {open && (
        <View>
          <Picker mode='date' value={date || '2000-07-01'} end={shanghaiDate()} onChange={(e) => setDate(String(e.detail.value))}>
            <Text className='pp-chip' id={`member-date-${m.userId}`}>{date ? `入党日期 ${formatDateKey(date)}` : '选择入党日期'}</Text>
          </Picker>
          <View className='pp-row'>
            {(Object.keys(PARTY_STATUS_LABELS) as PartyStatus[]).map((s) => (
              <Text key={s} className={status === s ? 'pp-chip pp-link' : 'pp-chip'} id={`member-status-${s}-${m.userId}`} onClick={() => setStatus(s)}>
                {PARTY_STATUS_LABELS[s]}
              </Text>
            ))}
          </View>
          <View className='btn-row'>
            <Button size='small' type='primary' id={`member-save-${m.userId}`} disabled={!changed || busy} onClick={() => void onSave(m, { ...(date ? { joinedPartyOn: date } : {}), ...(status ? { partyStatus: status } : {}) })}>
              保存
            </Button>
            <Button size='small' id={`member-leave-${m.userId}`} disabled={busy} onClick={() => void onLeave(m)}>
              离开支部
            </Button>
          </View>
          {!m.wechatBound && (
            <View className='btn-row'>
              <Button size='small' id={`member-bind-${m.userId}`} disabled={busy} onClick={() => void onBind(m)}>
                生成绑定邀请
              </Button>
            </View>
          )}
          <FieldRow rowId={`member-transfer-${m.userId}`} label='转入支部编号' value={toBranch} maxLength={64} placeholder='接收支部的编号' onInput={setToBranch} />
          <Button size='small' id={`member-transfer-send-${m.userId}`} disabled={!toBranch.trim() || busy} onClick={() => void onTransfer(m, toBranch.trim())}>
            申请组织关系转接
          </Button>
        </View>
      )}
    </View>
  );
}
