// The console's 开设接待 card: host, day, hours, slot length and seats; the API cuts the session into slots.
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BOOKING_RULES, CreateSessionBody } from '@shared/schemas/bookings';
import { DAY_MS, shanghaiDate, shanghaiInstant } from '@shared/time';
import { api, errorMessage } from '../../api/client';
import { dayLabel } from '../../lib/booking';
import { firstIssue } from '../../lib/forms';
import FormError from '../FormError';
import { Button } from '../nut';

export default function SessionForm({ stationId, onCreated }: { stationId: string; onCreated: () => Promise<void> }) {
  const [host, setHost] = useState('');
  const [date, setDate] = useState(shanghaiDate(Date.now() + DAY_MS));
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('11:00');
  const [slotMinutes, setSlotMinutes] = useState('30');
  const [seats, setSeats] = useState('3');
  const [error, setError] = useState('');
  const [creating, setCreating] = useState(false);

  const create = async () => {
    if (creating) return;
    setError('');
    const parsed = CreateSessionBody().safeParse({
      host,
      startsAt: shanghaiInstant(date, start),
      endsAt: shanghaiInstant(date, end),
      slotMinutes: Number(slotMinutes),
      seatsPerSlot: Number(seats),
    });
    if (!parsed.success) {
      setError(firstIssue(parsed.error));
      return;
    }
    setCreating(true);
    try {
      const created = await api('createSession', { params: { stationId }, body: parsed.data });
      void Taro.showToast({ title: `已开设 ${created.slots.length} 个时段`, icon: 'success' });
      await onCreated();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  return (
    <View className='card' id='new-session'>
      <Text className='card-title'>开设接待</Text>
      <View className='field'>
        <Text className='field-label'>接待人</Text>
        <Input id='session-host' className='field-input' value={host} maxlength={40} placeholder='如：王局长 · 区农业农村局' onInput={(e) => setHost(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field-label'>日期</Text>
        <Picker mode='date' value={date} start={shanghaiDate()} onChange={(e) => setDate(String(e.detail.value))}>
          <Text>{dayLabel(date)}</Text>
        </Picker>
      </View>
      <View className='field'>
        <Text className='field-label'>时间</Text>
        <Picker mode='time' value={start} onChange={(e) => setStart(String(e.detail.value))}>
          <Text>{start}</Text>
        </Picker>
        <Text className='bk-to'>至</Text>
        <Picker mode='time' value={end} onChange={(e) => setEnd(String(e.detail.value))}>
          <Text>{end}</Text>
        </Picker>
      </View>
      <View className='field'>
        <Text className='field-label'>每段分钟</Text>
        <Input className='field-input' type='number' value={slotMinutes} onInput={(e) => setSlotMinutes(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field-label'>每段名额</Text>
        <Input className='field-input' type='number' value={seats} onInput={(e) => setSeats(e.detail.value)} />
      </View>
      <Text className='muted'>{`一次接待不超过 ${BOOKING_RULES.maxSessionHours} 小时，最多提前 ${BOOKING_RULES.maxAheadDays} 天；同一接待人的时间不能重叠。`}</Text>
      <FormError id='session-error' message={error} />
      <View className='btn-row'>
        <Button id='session-submit' type='primary' loading={creating} onClick={() => void create()}>
          开设
        </Button>
      </View>
    </View>
  );
}
