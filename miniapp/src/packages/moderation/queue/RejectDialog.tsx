// 不通过 asks for a reason, which the author sees; the dialog stays open while the reason is refused.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ModerationDecisionBody, type ModerationItem } from '@shared/schemas/moderation';
import { Button } from '../../../components/nut';
import SubmitBar from '../../../components/form/SubmitBar';
import { TextAreaField } from '../../../components/form/TextField';

const REASON_MAX = 200;

interface Props {
  item: ModerationItem;
  busy: boolean;
  /** Sends the decision: null once decided, else the problem to show ('' when it was toasted). */
  onDecide: (body: ModerationDecisionBody) => Promise<string | null>;
  onClose: () => void;
}

export default function RejectDialog({ item, busy, onDecide, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');

  const submit = async () => {
    setError('');
    const r = ModerationDecisionBody().safeParse({ decision: 'reject', reason: reason.trim() || undefined });
    if (!r.success) return setError(r.error.issues[0]?.message ?? '请填写理由');
    const problem = await onDecide(r.data);
    if (problem === null) onClose();
    else setError(problem);
  };

  return (
    <View className='mod-mask' id='mod-reject-dialog' catchMove>
      <View className='mod-sheet'>
        <Text className='card-title'>{`不通过：${item.title}`}</Text>
        <Text className='muted'>请写明理由，作者会看到。</Text>
        <TextAreaField
          kind='mod-sheet'
          id='mod-reject-reason'
          inputClass='mod-sheet__textarea'
          countClass='mod-sheet__count'
          value={reason}
          maxLength={REASON_MAX}
          placeholder='例如：内容与主题无关'
          onInput={setReason}
          count={{ length: reason.trim().length, over: false }}
        />
        <SubmitBar
          id='mod-reject-submit'
          errorId='mod-reject-error'
          error={error}
          loading={busy}
          onSubmit={submit}
          extra={
            <Button id='mod-reject-cancel' disabled={busy} onClick={onClose}>
              取消
            </Button>
          }
        >
          确认不通过
        </SubmitBar>
      </View>
    </View>
  );
}
