// One list of the 党日 tab (即将开展 or 往期回顾): its cards, or a line saying there are none.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { ThemeDay } from '@shared/schemas/themeday';
import ThemeDayCard from '../ThemeDayCard';

interface Props {
  title: string;
  /** The list's element id; its empty line is `${id}-empty`. */
  id: string;
  days: ThemeDay[];
  empty: string;
  onOpen: (id: string) => void;
  children?: ReactNode;
  /** The secretary's view: workflow words on the cards. */
  workflow?: boolean;
}

export default function DaySection({ title, id, days, empty, onOpen, children, workflow }: Props) {
  return (
    <>
      <Text className='td-section-title'>{title}</Text>
      <View id={id}>
        {days.length === 0 ? (
          <View className='td-card'>
            <Text className='td-empty' id={`${id}-empty`}>
              {empty}
            </Text>
          </View>
        ) : (
          days.map((d) => <ThemeDayCard key={d.id} day={d} onOpen={onOpen} workflow={workflow} />)
        )}
        {children}
      </View>
    </>
  );
}
