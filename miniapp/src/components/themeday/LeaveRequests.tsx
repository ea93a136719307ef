// 请假申请 on the secretary's attendance page: members' leave requests with their reasons, to approve or decline.
// Only an approved leave counts as 请假 at the close; declined or undecided is 缺席.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AttendanceRecord } from '@shared/schemas/themeday';
import { api } from '../../api/client';
import { Button } from '../nut';
import { LEAVE_STATUS_LABELS } from '../../lib/themeday-labels';
import { useAction } from './useAction';

interface Props {
  themeDayId: string;
  records: AttendanceRecord[];
  /** Decisions are taken while the day is published. */
  editable: boolean;
  onDecided: (record: AttendanceRecord) => void;
}

export default function LeaveRequests({ themeDayId, records, editable, onDecided }: Props) {
  const { busy, run } = useAction();
  const requests = records.filter((r) => r.rsvp === 'leave');
  if (!requests.length) return null;
  const pending = requests.filter((r) => r.leaveStatus === 'requested').length;

  const decide = (r: AttendanceRecord, decision: 'approve' | 'decline') =>
    run(`${r.userId}-${decision}`, async () => {
      const updated = await api('decideLeave', { params: { id: themeDayId, userId: r.userId }, body: { decision } });
      onDecided(updated);
      void Taro.showToast({ title: decision === 'approve' ? '已批准请假' : '已不批准', icon: 'none' });
    });

  return (
    <View className='card' id='leave-requests'>
      <Text className='card-title'>{pending ? `请假申请（${pending} 条待审批）` : '请假申请'}</Text>
      <Text className='muted'>批准的请假单独统计，不计为缺席；未批准或未审批的，结束时计为缺席。</Text>
      {requests.map((r) => (
        <View className='td-list-item' key={r.userId} id={`leave-${r.userId}`}>
          <View className='td-spread'>
            <Text>{r.displayName ?? '党员'}</Text>
            <Text className='muted' id={`leave-${r.userId}-status`}>
              {LEAVE_STATUS_LABELS[r.leaveStatus ?? 'requested']}
            </Text>
          </View>
          <Text className='td-card__meta'>{`理由：${r.reason ?? ''}`}</Text>
          {editable && (
            <View className='btn-row'>
              <Button
                id={`leave-${r.userId}-approve`}
                type='primary'
                disabled={r.leaveStatus === 'approved'}
                loading={busy === `${r.userId}-approve`}
                onClick={() => void decide(r, 'approve')}
              >
                批准
              </Button>
              <Button
                id={`leave-${r.userId}-decline`}
                disabled={r.leaveStatus === 'declined'}
                loading={busy === `${r.userId}-decline`}
                onClick={() => void decide(r, 'decline')}
              >
                不批准
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
