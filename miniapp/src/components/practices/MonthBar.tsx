// The month a register or overview shows: ‹ 上月 · the month (a picker) · 下月 ›, never past the current month.
import { Picker, Text, View } from '@tarojs/components';
import { monthLabel, shanghaiMonth, shiftMonth } from '@shared/time';

export default function MonthBar({ id, month, onChange }: { id: string; month: string; onChange: (month: string) => void }) {
  const now = shanghaiMonth();
  const canNext = month < now;
  return (
    <View className='px-month' id={id}>
      <Text className='px-month__arrow' id={`${id}-prev`} onClick={() => onChange(shiftMonth(month, -1))}>
        ‹ 上月
      </Text>
      <Picker mode='date' fields='month' value={month} end={now} onChange={(e) => onChange(String(e.detail.value).slice(0, 7))}>
        <Text className='px-month__value' id={`${id}-value`}>
          {monthLabel(month)}
        </Text>
      </Picker>
      <Text className={`px-month__arrow${canNext ? '' : ' px-month__arrow--off'}`} id={`${id}-next`} onClick={() => canNext && onChange(shiftMonth(month, 1))}>
        下月 ›
      </Text>
    </View>
  );
}
