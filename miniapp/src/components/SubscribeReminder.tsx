// A "remind me" button for one subscribe-message template, with the reminders already granted ("已订阅提醒 ×2").
// Renders nothing where WeChat's prompt does not exist (H5) or the template is not configured.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { SubscribeTemplate } from '@shared/schemas/notify';
import { grantsFor } from '../lib/subscribe-plan';
import { askFor, promptable, useSubscriptions } from '../lib/subscribe';
import { Button } from './nut';
import './SubscribeReminder.scss';

export interface SubscribeReminderProps {
  /** Element ids become `${id}`, `${id}-ask`, `${id}-count`. */
  id: string;
  template: SubscribeTemplate;
  label: string;
}

export default function SubscribeReminder({ id, template, label }: SubscribeReminderProps) {
  const templates = useSubscriptions();
  if (!templates?.some((t) => t.key === template)) return null;
  const grants = grantsFor(templates, template);
  // Hidden when the user always rejects it or turned subscribe messages off: the tap could not show anything.
  const canAsk = promptable([template]).length > 0;
  if (!canAsk && grants === 0) return null;

  // askFor runs inside the tap itself: WeChat shows its prompt only then.
  const ask = () => {
    void askFor([template]).then((n) => {
      if (n > 0) void Taro.showToast({ title: '已订阅提醒', icon: 'success' });
    });
  };

  return (
    <View className='subscribe-reminder' id={id}>
      {canAsk && (
        <Button id={`${id}-ask`} size='small' fill='outline' onClick={ask}>
          {label}
        </Button>
      )}
      {grants > 0 && (
        <Text className='muted subscribe-reminder__count' id={`${id}-count`}>
          {`已订阅提醒 ×${grants}`}
        </Text>
      )}
    </View>
  );
}
