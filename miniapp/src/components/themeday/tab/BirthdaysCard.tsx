// 本月政治生日: the branch's members whose party-joining anniversary falls in this month, which were celebrated
// ("1+X"), and for the secretary the record of one. A row opens the member's birthday card.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { PoliticalBirthday } from '@shared/schemas/themeday';
import { go } from '../../../lib/nav';
import { Button } from '../../nut';
import CelebrateForm from '../../practices/CelebrateForm';
import StatusTag from '../../StatusTag';
import '../../practices/practices.scss';

interface Props {
  birthdays: PoliticalBirthday[];
  branchId: string;
  /** The month's year (the anniversary's). */
  year: number;
  secretary: boolean;
}

export default function BirthdaysCard({ birthdays, branchId, year, secretary }: Props) {
  // Records made here, over the list as loaded (until the tab reloads it).
  const [saved, setSaved] = useState<Record<string, PoliticalBirthday['celebration']>>({});
  const [recording, setRecording] = useState<string | null>(null);
  const items = birthdays.map((b) => (saved[b.userId] ? { ...b, celebration: saved[b.userId]! } : b));
  return (
    <View className='card' id='td-birthdays'>
      <Text className='card-title'>本月政治生日</Text>
      {items.length === 0 && (
        <Text className='muted' id='td-birthdays-empty'>
          本月没有党员过政治生日。
        </Text>
      )}
      {items.map((b) => (
        <View className='px-row' key={b.userId} id={`td-birthday-${b.userId}`}>
          <View className='px-row__head' role='button' onClick={() => void go('birthdayCard', { branchId, userId: b.userId, year: String(year) })}>
            <View>
              <Text>{b.displayName}</Text>
              <Text className='px-row__sub'>{`${Number(b.joinedPartyOn.slice(5, 7))}月${Number(b.joinedPartyOn.slice(8, 10))}日 · 党龄 ${b.years} 年`}</Text>
            </View>
            <StatusTag id={`td-birthday-${b.userId}-state`} tone={b.celebration ? 'success' : 'default'} label={b.celebration ? '已过1+X' : '未过'} />
          </View>
          {secretary && !b.celebration && recording !== b.userId && (
            <Button id={`td-birthday-${b.userId}-record`} size='small' onClick={() => setRecording(b.userId)}>
              记录 1+X
            </Button>
          )}
          {secretary && recording === b.userId && (
            <CelebrateForm
              branchId={branchId}
              userId={b.userId}
              year={year}
              onSaved={(c) => {
                setRecording(null);
                setSaved((prev) => ({ ...prev, [b.userId]: c }));
              }}
            />
          )}
        </View>
      ))}
    </View>
  );
}
