// 补充说明: while the concern is open, its author adds what changed (text and up to four photos); the station sees it
// on the timeline.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ConcernFollowUpBody, type Concern } from '@shared/schemas/concerns';
import { api } from '../../api/client';
import { useActionKey } from '../../lib/action-key';
import { firstIssue } from '../../lib/forms';
import SubmitBar from '../form/SubmitBar';
import { TextAreaField } from '../form/TextField';
import { useSubmit } from '../form/useSubmit';
import { Button } from '../nut';
import PhotoPicker, { usePhotoUploads } from './PhotoPicker';
import './concerns.scss';

const NOTE_MAX = 1000;

export default function FollowUpForm({ concernId, onDone }: { concernId: string; onDone: (c: Concern) => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const photos = usePhotoUploads();
  const { error, setError, saving, send } = useSubmit();
  const actionKey = useActionKey();

  if (!open) {
    return (
      <View className='btn-row'>
        <Button id='cs-follow-up-open' onClick={() => setOpen(true)}>
          补充说明
        </Button>
      </View>
    );
  }

  const submit = async () => {
    if (saving) return;
    setError('');
    if (photos.blocker) return setError(photos.blocker);
    const r = ConcernFollowUpBody().safeParse({ note, ...(photos.photoIds.length ? { photos: photos.photoIds } : {}) });
    if (!r.success) return setError(firstIssue(r.error));
    await send(async () => {
      const updated = await api('concernFollowUp', { params: { id: concernId }, body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
      actionKey.reset();
      void Taro.showToast({ title: '已补充', icon: 'success' });
      setNote('');
      photos.reset();
      setOpen(false);
      onDone(updated);
    });
  };

  return (
    <View className='cs-card' id='cs-follow-up'>
      <Text className='card-title'>补充说明</Text>
      <TextAreaField
        kind='cs'
        label='补充内容'
        id='cs-follow-up-note'
        inputClass='cs-textarea cs-textarea--short'
        value={note}
        maxLength={NOTE_MAX}
        placeholder='情况有什么变化，或还有什么要告诉办理人员'
        onInput={setNote}
        count={{}}
      />
      <PhotoPicker id='cs-follow-up-photos' uploads={photos} />
      <SubmitBar id='cs-follow-up-submit' errorId='cs-follow-up-error' error={error} loading={saving} onSubmit={submit}>
        提交补充
      </SubmitBar>
    </View>
  );
}
