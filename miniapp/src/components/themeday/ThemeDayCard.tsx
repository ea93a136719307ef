import { Text, View } from '@tarojs/components';
import type { ThemeDay } from '@shared/schemas/themeday';
import { formatRange } from '../../lib/themeday';
import { ThemeDayStatusTag } from './StatusTag';
import './themeday.scss';

export interface ThemeDayCardProps {
  day: Pick<ThemeDay, 'id' | 'title' | 'status' | 'startsAt' | 'endsAt' | 'location' | 'lateNotice'>;
  onOpen: (id: string) => void;
  /** Show the secretary's workflow words (已发布) instead of the members' 即将开始 / 进行中 / 已结束. */
  workflow?: boolean;
}

export default function ThemeDayCard({ day, onOpen, workflow = false }: ThemeDayCardProps) {
  return (
    <View className='td-card' id={`td-card-${day.id}`} onClick={() => onOpen(day.id)}>
      <View className='td-row'>
        <ThemeDayStatusTag status={day.status} phase={workflow ? undefined : day} />
        {day.lateNotice && day.status !== 'draft' && <Text className='td-late'>预告发布较晚</Text>}
      </View>
      <Text className='td-card__title'>{day.title}</Text>
      <Text className='td-card__meta'>{formatRange(day.startsAt, day.endsAt)}</Text>
      <Text className='td-card__meta'>{day.location}</Text>
    </View>
  );
}
