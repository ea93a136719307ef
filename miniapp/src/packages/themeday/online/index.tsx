import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { OnlineParticipationBody, type OnlineParticipation, type ThemeDay } from '@shared/schemas/themeday';
import { onlineWindowEnd } from '@shared/rules/themeday';
import { formatDateTime } from '@shared/time';
import { api } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { useActionKey } from '../../../lib/action-key';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { back } from '../../../lib/nav';
import { usePageLoad } from '../../../lib/page-load';
import { formatRange, onlineClosedReason } from '../../../lib/themeday';
import SubmitBar from '../../../components/form/SubmitBar';
import { TextAreaField } from '../../../components/form/TextField';
import { useSubmit } from '../../../components/form/useSubmit';
import PageShell from '../../../components/PageShell';
import '../../../components/themeday/themeday.scss';

const MIN = 10;
const MAX = 2000;

export default function OnlinePage() {
  const allowed = usePageGate('online', { requireLogin: true });
  const id = useRouter().params.id ?? '';

  const { data: day, status, error: loadError, reload: load } = usePageLoad<ThemeDay>(() => api('getThemeDay', { params: { id } }));
  // The text is kept on the phone until the API takes it: a refusal (window over, a network error) never loses it.
  const draftKey = `reflection-draft:${id}`;
  const [content, setContentState] = useState(() => String(Taro.getStorageSync(draftKey) || ''));
  const setContent = (text: string) => {
    setContentState(text);
    Taro.setStorageSync(draftKey, text);
  };
  const { error, setError, saving, send } = useSubmit();
  const [done, setDone] = useState<OnlineParticipation['reviewStatus'] | null>(null);
  const actionKey = useActionKey();

  useDidShow(() => {
    if (allowed && !day) void load();
  });

  if (!allowed) return <View />;

  if (status !== 'ready' || !day) {
    return (
      <PageShell>
        <LoadState id='online' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </PageShell>
    );
  }

  const submit = async () => {
    if (saving) return;
    setError('');
    const r = OnlineParticipationBody().safeParse({ content });
    if (!r.success) return setError(r.error.issues[0]?.message ?? '输入有误');
    await send(async () => {
      const res = await api('participateOnline', { params: { id }, body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
      actionKey.reset();
      Taro.removeStorageSync(draftKey);
      setDone(res.reviewStatus);
      void Taro.showToast({ title: '心得已提交', icon: 'success' });
    });
  };

  const length = content.trim().length;
  // Said before the member types (the window may have ended since the link was shared); a draft kept here stays.
  const closedReason = done ? null : onlineClosedReason(day, Date.now());

  return (
    <PageShell id='online'>
      <View className='card'>
        <Text className='card-title'>{day.title}</Text>
        <Text className='muted'>{formatRange(day.startsAt, day.endsAt)}</Text>
      </View>
      {done ? (
        <View className='card' id='online-submitted'>
          <Text className='card-title'>心得已提交</Text>
          <Text className='muted'>
            {done === 'pending_review'
              ? '内容正在审核，审核期间您的心得会妥善保存。本次主题党日计为线上参与。'
              : '本次主题党日计为线上参与，感谢您的认真学习。'}
          </Text>
          <View className='btn-row'>
            <Button id='online-back' type='primary' onClick={() => void back('themeday')}>
              返回
            </Button>
          </View>
        </View>
      ) : closedReason ? (
        <View className='card' id='online-closed'>
          <Text className='card-title'>学习心得</Text>
          <Text className='muted' id='online-closed-reason'>
            {closedReason}
          </Text>
          {content.trim() && (
            <Text className='td-card__meta' id='online-closed-draft' userSelect>
              {`您写下的内容仍保存在本机：${content}`}
            </Text>
          )}
          <View className='btn-row'>
            <Button id='online-back' onClick={() => void back('themeday')}>
              返回
            </Button>
          </View>
        </View>
      ) : (
        <View className='card' id='online-form'>
          <Text className='card-title'>学习心得</Text>
          <Text className='muted'>
            {`未能到场的党员，请结合本次主题党日的内容写下学习体会（不少于 ${MIN} 个字），计为线上参与。可提交至 ${formatDateTime(onlineWindowEnd(day.endsAt))}${day.status === 'closed' ? '（活动已结束，仍可补课）' : ''}。`}
          </Text>
          <TextAreaField
            kind='td'
            id='reflection'
            value={content}
            maxLength={MAX}
            placeholder='写下您的学习体会'
            onInput={setContent}
            count={{
              id: 'reflection-count',
              length,
              over: length > 0 && length < MIN,
              text: length < MIN ? `${length}/${MAX}（至少 ${MIN} 个字）` : undefined,
            }}
          />
          <SubmitBar id='reflection-submit' errorId='reflection-error' error={error} loading={saving} onSubmit={submit}>
            提交心得
          </SubmitBar>
        </View>
      )}
    </PageShell>
  );
}
