// The secretary's record of a member's "1+X" political birthday: the oath (the "1", always) and chosen extras.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BIRTHDAY_EXTRAS, BIRTHDAY_EXTRA_LABELS, type Celebration } from '@shared/schemas/practices';
import { api } from '../../api/client';
import { TextAreaField } from '../form/TextField';
import SubmitBar from '../form/SubmitBar';
import { useSubmit } from '../form/useSubmit';
import type { Infer } from '@shared/schemas/lazy';

type Extra = (typeof BIRTHDAY_EXTRAS)[number];
interface Props {
  branchId: string;
  userId: string;
  year: number;
  onSaved: (c: Infer<typeof Celebration>) => void;
}

export default function CelebrateForm({ branchId, userId, year, onSaved }: Props) {
  const [extras, setExtras] = useState<Extra[]>([]);
  const [note, setNote] = useState('');
  const form = useSubmit();
  const id = `bd-${userId}`;
  const toggle = (x: Extra) => setExtras((prev) => (prev.includes(x) ? prev.filter((p) => p !== x) : [...prev, x]));
  const save = () =>
    form.send(async () => {
      const body = { oath: true as const, extras, ...(note.trim() ? { note: note.trim() } : {}) };
      onSaved(await api('celebrateBirthday', { params: { branchId, userId, year: String(year) }, body }));
    });

  return (
    <View id={`${id}-form`}>
      <Text className='px-row__sub'>「1」重温入党誓词（必选）；「X」可选：</Text>
      <View className='px-chips'>
        <Text className='px-chip px-chip--on' id={`${id}-oath`}>
          ✓ 重温入党誓词
        </Text>
        {BIRTHDAY_EXTRAS.map((x) => (
          <Text key={x} id={`${id}-extra-${x}`} className={`px-chip${extras.includes(x) ? ' px-chip--on' : ''}`} onClick={() => toggle(x)}>
            {BIRTHDAY_EXTRA_LABELS[x]}
          </Text>
        ))}
      </View>
      <TextAreaField kind='px' boxed id={`${id}-note`} label='备注（选填）' value={note} onInput={setNote} maxLength={200} />
      <SubmitBar id={`${id}-save`} errorId={`${id}-error`} error={form.error} loading={form.saving} onSubmit={save}>
        记录 1+X
      </SubmitBar>
    </View>
  );
}
