// The console's 接待安排: sessions with their status, and 取消这次接待 with a reason every booked resident sees.
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { SessionSummary } from '@shared/schemas/bookings';
import { api, showApiError } from '../../api/client';
import { slotLabel } from '../../lib/booking';
import { Button } from '../nut';
import StatusTag from '../StatusTag';

export default function SessionList({ sessions, onCancelled }: { sessions: SessionSummary[]; onCancelled: () => Promise<void> }) {
  const [cancelFor, setCancelFor] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);

  const cancel = async (s: SessionSummary) => {
    if (cancelling) return;
    if (!reason.trim()) {
      void Taro.showToast({ title: '请填写取消原因，预约的群众会看到', icon: 'none' });
      return;
    }
    setCancelling(true);
    try {
      const done = await api('cancelSession', { params: { sessionId: s.id }, body: { reason: reason.trim() } });
      void Taro.showToast({ title: `已取消，通知 ${done.cancelledBookings ?? 0} 人`, icon: 'none' });
      setCancelFor(null);
      setReason('');
      await onCancelled();
    } catch (err) {
      showApiError(err);
    } finally {
      setCancelling(false);
    }
  };

  const now = new Date().toISOString();
  return (
    <View className='card' id='sessions'>
      <Text className='card-title'>接待安排</Text>
      {sessions.length === 0 && <Text className='muted'>暂无接待安排。</Text>}
      {sessions.map((s) => (
        <View className='bk-booking' key={s.id} id={`session-${s.id}`}>
          <View className='bk-booking__head'>
            <Text className='bk-booking__station'>{s.host}</Text>
            <StatusTag tone={s.status === 'open' ? 'primary' : 'default'} label={s.status === 'open' ? '开放预约' : '已取消'} />
          </View>
          <Text className='bk-line'>{`${slotLabel(s.startsAt, s.endsAt)} · 每段 ${s.slotMinutes} 分钟 ${s.seatsPerSlot} 席`}</Text>
          {s.cancelReason && <Text className='muted'>{`取消原因：${s.cancelReason}`}</Text>}
          {s.status === 'open' && s.endsAt > now && (
            <View>
              {cancelFor === s.id ? (
                <View>
                  <View className='field'>
                    <Input className='field-input' value={reason} maxlength={200} placeholder='取消原因（预约的群众会看到）' onInput={(e) => setReason(e.detail.value)} />
                  </View>
                  <View className='btn-row'>
                    <Button type='primary' loading={cancelling} onClick={() => void cancel(s)}>
                      确认取消接待
                    </Button>
                    <Button onClick={() => setCancelFor(null)}>不取消</Button>
                  </View>
                </View>
              ) : (
                <View className='btn-row'>
                  <Button id={`cancel-session-${s.id}`} onClick={() => setCancelFor(s.id)}>
                    取消这次接待
                  </Button>
                </View>
              )}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
