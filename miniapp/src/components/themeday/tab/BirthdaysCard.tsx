// 本月政治生日: the branch's members whose party-joining anniversary falls in this month.
import { Text, View } from '@tarojs/components';
import type { PoliticalBirthday } from '@shared/schemas/themeday';

export default function BirthdaysCard({ birthdays }: { birthdays: PoliticalBirthday[] }) {
  return (
    <View className='card' id='td-birthdays'>
      <Text className='card-title'>本月政治生日</Text>
      {birthdays.length === 0 && (
        <Text className='muted' id='td-birthdays-empty'>
          本月没有党员过政治生日。
        </Text>
      )}
      {birthdays.map((b) => (
        <View className='td-spread td-list-item' key={b.userId}>
          <Text>{b.displayName}</Text>
          <Text className='muted'>{`${Number(b.joinedPartyOn.slice(5, 7))}月${Number(b.joinedPartyOn.slice(8, 10))}日 · 党龄 ${b.years} 年`}</Text>
        </View>
      ))}
    </View>
  );
}
