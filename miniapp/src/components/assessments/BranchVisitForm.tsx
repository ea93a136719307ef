// 调研督查 not tied to a theme day (经常性、随机式、蹲点式): township staff record a visit to the branch with a 1–5
// rating and a comment; it counts in the 指导次数 and 平均评分 of the month of its date.
import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { GUIDANCE_KIND_LABELS } from '@shared/labels';
import { BranchVisitBody, GUIDANCE_KINDS, type GuidanceKind } from '@shared/schemas/notices';
import { formatDateKey, shanghaiDate } from '@shared/time';
import { api } from '../../api/client';
import { useActionKey } from '../../lib/action-key';
import SubmitBar from '../form/SubmitBar';
import { TextAreaField } from '../form/TextField';
import { useSubmit } from '../form/useSubmit';
import '../cases/cases.scss'; // .ca-rating, the stars 百例 shows too

export default function BranchVisitForm({ branchId, onSent }: { branchId: string; onSent: () => void }) {
  const today = shanghaiDate();
  const [kind, setKind] = useState<GuidanceKind>('regular');
  const [visitedOn, setVisitedOn] = useState(today);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const { error, setError, saving, send } = useSubmit();
  const actionKey = useActionKey();

  const submit = async () => {
    if (saving) return;
    setError('');
    const r = BranchVisitBody().safeParse({ comment, rating, kind, visitedOn });
    if (!r.success) return setError(rating < 1 ? '请先选择评分' : (r.error.issues[0]?.message ?? '输入有误'));
    await send(async () => {
      await api('recordBranchVisit', { params: { branchId }, body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
      actionKey.reset();
      setComment('');
      setRating(0);
      void Taro.showToast({ title: '已记录调研督查', icon: 'success' });
      onSent();
    });
  };

  return (
    <View className='card' id='as-visit-form'>
      <Text className='card-title'>记录调研督查</Text>
      <View className='nt-chips'>
        {GUIDANCE_KINDS.map((k) => (
          <Text key={k} id={`as-visit-kind-${k}`} className={`nt-chip${kind === k ? ' nt-chip--on' : ''}`} onClick={() => setKind(k)}>
            {GUIDANCE_KIND_LABELS[k]}
          </Text>
        ))}
      </View>
      <Picker mode='date' value={visitedOn} end={today} onChange={(e) => setVisitedOn(String(e.detail.value))}>
        <Text className='nt-label' id='as-visit-date'>{`日期：${formatDateKey(visitedOn)}`}</Text>
      </Picker>
      <View className='ca-rating' id='as-visit-rating'>
        {[1, 2, 3, 4, 5].map((n) => (
          <Text key={n} id={`as-visit-star-${n}`} className={`ca-rating__star${n <= rating ? ' ca-rating__star--on' : ''}`} onClick={() => setRating(n)}>
            ★
          </Text>
        ))}
      </View>
      <TextAreaField
        kind='nt'
        label='督查意见'
        id='as-visit-comment'
        boxed
        inputClass='nt-textarea nt-textarea--short'
        value={comment}
        maxLength={1000}
        placeholder='例如：台账齐全，党员活动室使用正常'
        onInput={setComment}
        count={{ length: comment.trim().length, over: false }}
      />
      <SubmitBar id='as-visit-submit' errorId='as-visit-error' error={error} loading={saving} onSubmit={submit}>
        提交
      </SubmitBar>
    </View>
  );
}
