// 参加 / 请假 on a preview; a leave needs a reason, which the secretary sees.
import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ThemeDay } from '@shared/schemas/themeday';
import { api } from '../../../api/client';
import { Button } from '../../nut';
import { askFor } from '../../../lib/subscribe';
import { useAction } from '../useAction';
import FormError from '../../FormError';

interface Props {
  day: ThemeDay;
  /** 参加 is the page's primary action (not while check-in is open: 签到 is). */
  primary: boolean;
  /** Reads the day again once the answer is stored. */
  onChanged: () => Promise<void>;
}

export default function RsvpForm({ day, primary, onChanged }: Props) {
  const [leaveOpen, setLeaveOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const rsvp = day.mine?.rsvp;

  const attend = () =>
    run('attend', async () => {
      await api('rsvp', { params: { id: day.id }, body: { response: 'attending' } });
      setLeaveOpen(false);
      await onChanged();
      void Taro.showToast({ title: '已报名参加', icon: 'success' });
    });

  const leave = () => {
    // Inside the tap, before any await: the member may hear of the secretary's decision.
    void askFor(['leave_decided']);
    const text = reason.trim();
    if (!text) {
      setError('请假需填写理由');
      return;
    }
    void run(
      'leave',
      async () => {
        await api('rsvp', { params: { id: day.id }, body: { response: 'leave', reason: text } });
        setLeaveOpen(false);
        setReason('');
        await onChanged();
        void Taro.showToast({ title: '已提交请假', icon: 'success' });
      },
      { inline: true },
    );
  };

  return (
    <>
      <View className='btn-row'>
        <Button
          id='rsvp-attend'
          type={rsvp === 'attending' || !primary ? 'default' : 'primary'}
          disabled={rsvp === 'attending'}
          loading={busy === 'attend'}
          onClick={() => void attend()}
        >
          {rsvp === 'attending' ? '已报名' : '参加'}
        </Button>
        <Button id='rsvp-leave' onClick={() => setLeaveOpen(!leaveOpen)}>
          {rsvp === 'leave' ? '修改请假理由' : '请假'}
        </Button>
      </View>
      {leaveOpen && (
        <View id='leave-form'>
          <Text className='td-label'>请假理由</Text>
          <Textarea
            id='leave-reason'
            className='td-textarea'
            value={reason}
            maxlength={200}
            placeholder='请简要说明不能参加的原因'
            onInput={(e) => setReason(e.detail.value)}
          />
          <Text className='td-count'>{`${reason.length}/200`}</Text>
          <View className='btn-row'>
            <Button id='leave-submit' type='primary' loading={busy === 'leave'} onClick={leave}>
              提交请假
            </Button>
          </View>
        </View>
      )}
      <FormError id='td-form-error' message={error} />
    </>
  );
}
