// Township staff's guidance on a theme day: 1–5 stars and a comment, which the branch and the case library show.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { GuidanceBody } from '@shared/schemas/notices';
import { api } from '../../api/client';
import { useActionKey } from '../../lib/action-key';
import SubmitBar from '../form/SubmitBar';
import { TextAreaField } from '../form/TextField';
import { useSubmit } from '../form/useSubmit';
import '../cases/cases.scss'; // .ca-rating, the stars 百例 shows too

const COMMENT_MAX = 1000;

interface Props {
  themeDayId: string;
  /** Reads the guidance again once it is stored. */
  onSent: () => Promise<void>;
}

export default function GuidanceForm({ themeDayId, onSent }: Props) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const { error, setError, saving: sending, send: submit } = useSubmit();
  const actionKey = useActionKey();

  const send = async () => {
    if (sending) return;
    setError('');
    const r = GuidanceBody().safeParse({ comment, rating });
    if (!r.success) {
      setError(rating < 1 ? '请先选择评分' : (r.error.issues[0]?.message ?? '输入有误'));
      return;
    }
    await submit(async () => {
      await api('giveGuidance', { params: { id: themeDayId }, body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
      actionKey.reset();
      setComment('');
      setRating(0);
      void Taro.showToast({ title: '已记录指导意见', icon: 'success' });
      await onSent();
    });
  };

  return (
    <View className='card' id='as-guide-form'>
      <Text className='card-title'>填写指导意见</Text>
      <Text className='nt-label'>评分</Text>
      <View className='ca-rating' id='as-guide-rating'>
        {[1, 2, 3, 4, 5].map((n) => (
          <Text
            key={n}
            id={`as-guide-star-${n}`}
            className={`ca-rating__star${n <= rating ? ' ca-rating__star--on' : ''}`}
            onClick={() => setRating(n)}
          >
            ★
          </Text>
        ))}
      </View>
      <TextAreaField
        kind='nt'
        label='指导意见'
        id='as-guide-comment'
        boxed
        inputClass='nt-textarea nt-textarea--short'
        value={comment}
        maxLength={COMMENT_MAX}
        placeholder='例如：议程完整，建议增加党员交流发言环节'
        onInput={setComment}
        count={{ length: comment.trim().length, over: false }}
      />
      <SubmitBar id='as-guide-submit' errorId='as-guide-error' error={error} loading={sending} onSubmit={send}>
        提交指导意见
      </SubmitBar>
    </View>
  );
}
