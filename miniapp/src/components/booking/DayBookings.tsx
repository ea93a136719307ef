// The console's 预约名单: the week's days as chips, the chosen day's bookings, and 已接待 / 未到场 with a note.
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Booking } from '@shared/schemas/bookings';
import { DAY_MS, shanghaiDate, shanghaiTime } from '@shared/time';
import { api, showApiError } from '../../api/client';
import { BOOKING_STATUS_LABELS, BOOKING_STATUS_TONES, dayLabel } from '../../lib/booking';
import ContactResident from '../ContactResident';
import { Button } from '../nut';
import StatusTag from '../StatusTag';

interface Props {
  day: string;
  bookings: Booking[];
  onDay: (date: string) => void;
  onChanged: (b: Booking) => void;
}

export default function DayBookings({ day, bookings, onDay, onChanged }: Props) {
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [recording, setRecording] = useState<string | null>(null);

  const record = async (b: Booking, outcome: 'completed' | 'no_show') => {
    if (recording) return;
    setRecording(b.id);
    try {
      const note = notes[b.id]?.trim();
      onChanged(await api('recordOutcome', { params: { bookingId: b.id }, body: { status: outcome, ...(note ? { note } : {}) } }));
      void Taro.showToast({ title: '已记录', icon: 'success' });
    } catch (err) {
      showApiError(err);
    } finally {
      setRecording(null);
    }
  };

  const now = new Date().toISOString();
  const week = Array.from({ length: 7 }, (_, i) => shanghaiDate(Date.now() + i * DAY_MS));

  return (
    <View className='card' id='day-bookings'>
      <Text className='card-title'>预约名单</Text>
      <View className='bk-chips'>
        {week.map((d) => (
          <Text key={d} id={`day-${d}`} className={`bk-chip${d === day ? ' bk-chip--on' : ''}`} onClick={() => onDay(d)}>
            {dayLabel(d).replace(/ 周.$/, '')}
          </Text>
        ))}
      </View>
      {bookings.length === 0 && <Text className='muted'>当天没有预约。</Text>}
      {bookings.map((b) => {
        const canRecord = b.slotStartsAt <= now && b.status !== 'cancelled';
        return (
          <View className='bk-booking' id={`day-booking-${b.id}`} key={b.id}>
            <View className='bk-booking__head'>
              <Text className='bk-booking__station'>{`${shanghaiTime(b.slotStartsAt)} ${b.residentName ?? ''}`}</Text>
              <StatusTag tone={BOOKING_STATUS_TONES[b.status]} label={BOOKING_STATUS_LABELS[b.status]} />
            </View>
            <Text>{`事由：${b.topic}`}</Text>
            <ContactResident
              id={`day-booking-${b.id}`}
              stationId={b.stationId}
              masked={b.contactPhoneMasked}
              reveal={() => api('revealBookingPhone', { params: { bookingId: b.id } })}
            />
            {b.outcomeNote && <Text className='muted'>{`记录：${b.outcomeNote}`}</Text>}
            {canRecord && (
              <View>
                <View className='field'>
                  <Input
                    className='field-input'
                    value={notes[b.id] ?? ''}
                    maxlength={1000}
                    placeholder='接待记录（选填）'
                    onInput={(e) => setNotes((prev) => ({ ...prev, [b.id]: e.detail.value }))}
                  />
                </View>
                <View className='btn-row'>
                  <Button id={`done-${b.id}`} type='primary' loading={recording === b.id} onClick={() => void record(b, 'completed')}>
                    已接待
                  </Button>
                  <Button id={`noshow-${b.id}`} onClick={() => void record(b, 'no_show')}>
                    未到场
                  </Button>
                </View>
                <Text className='muted'>需要持续办理的事，请群众在「说事」中提交，可在说事办理中跟进。</Text>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
