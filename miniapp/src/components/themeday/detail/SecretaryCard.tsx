// 书记操作 on a preview: publish the draft, open the check-in code and attendance, close the day, or cancel it.
import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { THEMEDAY_RULES, type ThemeDay } from '@shared/schemas/themeday';
import { api } from '../../../api/client';
import { Button } from '../../nut';
import { go } from '../../../lib/nav';
import { isLateNotice } from '../late-notice';
import { useAction } from '../useAction';
import FormError from '../../FormError';

interface Props {
  day: ThemeDay;
  now: number;
  /** Shows an answer at once… */
  onShow: (day: ThemeDay) => void;
  /** …or reads the day again. */
  onChanged: () => Promise<void>;
}

export default function SecretaryCard({ day, now, onShow, onChanged }: Props) {
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const id = day.id;
  const started = now >= Date.parse(day.startsAt);
  const ended = now > Date.parse(day.endsAt);

  const publish = () =>
    run('publish', async () => {
      const r = await api('publishThemeDay', { params: { id } });
      onShow({ ...day, status: r.status, publishedAt: r.publishedAt, lateNotice: r.lateNotice });
      void Taro.showToast({ title: r.lateNotice ? '已发布（预告发布较晚）' : '预告已发布', icon: 'none' });
      await onChanged();
    });

  const cancelDay = () => {
    const text = reason.trim();
    if (!text) {
      setError('请填写取消原因');
      return;
    }
    void run(
      'cancel',
      async () => {
        onShow(await api('cancelThemeDay', { params: { id }, body: { reason: text } }));
        setCancelOpen(false);
        setReason('');
        void Taro.showToast({ title: '已取消', icon: 'none' });
      },
      { inline: true },
    );
  };

  return (
    <View className='card' id='td-secretary'>
      <Text className='card-title'>书记操作</Text>
      {day.status === 'draft' && (
        <Text className='muted'>
          {isLateNotice(day.startsAt, now)
            ? `草稿尚未公示。距开始已不足 ${THEMEDAY_RULES.lateNoticeDays} 天，发布后预告将标注「预告发布较晚」。`
            : '草稿尚未公示，发布后党员和群众都能看到预告。'}
        </Text>
      )}
      <View className='btn-row'>
        {day.status === 'draft' && (
          <Button id='td-publish' type='primary' loading={busy === 'publish'} onClick={() => void publish()}>
            发布预告
          </Button>
        )}
        {day.status === 'published' && (
          <Button id='td-console' type='primary' onClick={() => void go('themedayConsole', { id })}>
            签到码
          </Button>
        )}
        {(day.status === 'published' || day.status === 'closed') && (
          <Button id='td-attendance' onClick={() => void go('attendance', { id })}>
            {day.status === 'closed' ? '出勤明细' : '出勤管理'}
          </Button>
        )}
      </View>
      <View className='btn-row'>
        {day.status === 'published' && started && (
          <Button id='td-close' type='primary' fill='outline' onClick={() => void go('closeDay', { id })}>
            结束并总结
          </Button>
        )}
        {(day.status === 'draft' || (day.status === 'published' && !ended)) && (
          <Button id='td-cancel-open' fill='outline' onClick={() => setCancelOpen(!cancelOpen)}>
            取消活动
          </Button>
        )}
      </View>
      {cancelOpen && (
        <View id='cancel-form'>
          <Text className='td-label'>取消原因（将在预告中公示）</Text>
          <Textarea
            id='cancel-reason'
            className='td-textarea'
            value={reason}
            maxlength={200}
            placeholder='例如：因天气原因改期'
            onInput={(e) => setReason(e.detail.value)}
          />
          <Text className='td-count'>{`${reason.length}/200`}</Text>
          <FormError id='cancel-error' message={error} />
          <View className='btn-row'>
            <Button id='cancel-confirm' type='danger' loading={busy === 'cancel'} onClick={cancelDay}>
              确认取消活动
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
