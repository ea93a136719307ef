// The author's satisfaction form once a concern is resolved: 满意 closes it, 不满意 sends it back to the station.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ConcernFeedbackBody, type Concern } from '@shared/schemas/concerns';
import { api } from '../../api/client';
import { firstIssue } from '../../lib/forms';
import SubmitBar from '../form/SubmitBar';
import { TextAreaField } from '../form/TextField';
import { useSubmit } from '../form/useSubmit';
import Stars from './Stars';
import './concerns.scss';

const COMMENT_MAX = 500;

export default function FeedbackForm({ concernId, onDone }: { concernId: string; onDone: (c: Concern) => void }) {
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const { error, setError, saving, send } = useSubmit();

  const submit = async () => {
    if (saving) return;
    setError('');
    if (satisfied === null) return setError('请选择满意或不满意');
    if (rating < 1) return setError('请为办理结果打分');
    const r = ConcernFeedbackBody().safeParse({ satisfied, rating, ...(comment.trim() ? { comment } : {}) });
    if (!r.success) return setError(firstIssue(r.error));
    await send(async () => {
      const updated = await api('concernFeedback', { params: { id: concernId }, body: r.data });
      void Taro.showToast({
        title: satisfied ? '感谢您的评价' : '已退回重新办理',
        icon: satisfied ? 'success' : 'none',
        duration: 2500,
      });
      onDone(updated);
    });
  };

  return (
    <View className='cs-card' id='cs-feedback'>
      <Text className='card-title'>评价办理结果</Text>
      <Text className='muted'>事情已办结，请告诉我们您是否满意。选择「不满意」，事项会退回重新办理，您不必再跑一次。</Text>
      <View className='cs-chips'>
        <Text id='cs-satisfied-yes' className={`cs-chip${satisfied === true ? ' cs-chip--on' : ''}`} onClick={() => setSatisfied(true)}>
          满意
        </Text>
        <Text id='cs-satisfied-no' className={`cs-chip${satisfied === false ? ' cs-chip--on' : ''}`} onClick={() => setSatisfied(false)}>
          不满意
        </Text>
      </View>
      <Text className='cs-label'>评分</Text>
      <Stars value={rating} onChange={setRating} />
      <TextAreaField
        kind='cs'
        label={satisfied === false ? '哪里还不满意（选填）' : '说两句（选填）'}
        id='cs-feedback-comment'
        inputClass='cs-textarea cs-textarea--short'
        value={comment}
        maxLength={COMMENT_MAX}
        placeholder={satisfied === false ? '说说还有哪些问题没解决' : '对办理过程的意见或建议'}
        onInput={setComment}
        count={{}}
      />
      <SubmitBar id='cs-feedback-submit' errorId='cs-feedback-error' error={error} loading={saving} onSubmit={submit}>
        提交评价
      </SubmitBar>
    </View>
  );
}
