// 预约: my bookings, upcoming first, with 取消预约 (asked twice) on the ones still ahead.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Booking } from '@shared/schemas/bookings';
import { api, showApiError } from '../../api/client';
import { BOOKING_STATUS_LABELS, BOOKING_STATUS_TONES, slotLabel } from '../../lib/booking';
import { goLogin } from '../../lib/nav';
import { Button } from '../nut';
import StatusTag from '../StatusTag';

/** Booked ones still ahead first (soonest first), then the rest in the API's order. */
export function upcomingFirst(items: Booking[]): Booking[] {
  const now = new Date().toISOString();
  const upcoming = items.filter((b) => b.status === 'booked' && b.slotStartsAt > now).sort((a, b) => a.slotStartsAt.localeCompare(b.slotStartsAt));
  return [...upcoming, ...items.filter((b) => !upcoming.includes(b))];
}

interface Props {
  loggedIn: boolean;
  bookings: Booking[];
  onChanged: (b: Booking) => void;
}

export default function MyBookings({ loggedIn, bookings, onChanged }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);

  const cancel = async (b: Booking) => {
    if (cancelling) return;
    setCancelling(b.id);
    try {
      onChanged(await api('cancelBooking', { params: { bookingId: b.id } }));
      setConfirming(null);
      void Taro.showToast({ title: '已取消预约', icon: 'success' });
    } catch (err) {
      showApiError(err);
    } finally {
      setCancelling(null);
    }
  };

  const now = new Date().toISOString();
  return (
    <View className='card' id='my-bookings'>
      <Text className='card-title'>我的预约</Text>
      {!loggedIn && (
        <View>
          <Text className='muted'>登录后可以预约驻点干部的接待时段。</Text>
          <View className='btn-row'>
            <Button id='bk-login' type='primary' onClick={() => void goLogin('booking')}>
              去登录
            </Button>
          </View>
        </View>
      )}
      {loggedIn && bookings.length === 0 && <Text className='muted'>还没有预约。选择下方的驻点工作室，预约一个时段吧。</Text>}
      {bookings.map((b) => {
        const upcoming = b.status === 'booked' && b.slotStartsAt > now;
        return (
          <View className={`bk-booking${b.status === 'booked' ? '' : ' bk-booking--inactive'}`} id={`booking-${b.id}`} key={b.id}>
            <View className='bk-booking__head'>
              <Text className='bk-booking__station'>{b.stationName}</Text>
              <StatusTag id={`booking-status-${b.id}`} tone={BOOKING_STATUS_TONES[b.status]} label={BOOKING_STATUS_LABELS[b.status]} />
            </View>
            <Text className='bk-booking__when'>{slotLabel(b.slotStartsAt, b.slotEndsAt)}</Text>
            <Text className='muted'>{`接待：${b.host}`}</Text>
            <Text className='muted'>{`事由：${b.topic}`}</Text>
            {b.cancelledBy === 'official' && b.cancelReason && <Text className='bk-booking__reason'>{`接待已取消：${b.cancelReason}`}</Text>}
            {b.outcomeNote && <Text className='muted'>{`接待记录：${b.outcomeNote}`}</Text>}
            {upcoming && (
              <View className='btn-row'>
                {confirming === b.id ? (
                  <>
                    <Button id={`cancel-confirm-${b.id}`} type='primary' loading={cancelling === b.id} onClick={() => void cancel(b)}>
                      确认取消
                    </Button>
                    <Button id={`cancel-keep-${b.id}`} onClick={() => setConfirming(null)}>
                      不取消
                    </Button>
                  </>
                ) : (
                  <Button id={`cancel-${b.id}`} onClick={() => setConfirming(b.id)}>
                    取消预约
                  </Button>
                )}
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
