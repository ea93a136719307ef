// A station's slots for the next 14 days (full ones greyed) and the booking form. Slots are public; booking needs login.
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BOOKING_RULES, CreateBookingBody, type Booking, type Slot } from '@shared/schemas/bookings';
import { DAY_MS, shanghaiTime } from '@shared/time';
import { api, errorMessage, isApiError } from '../../../api/client';
import { isLoggedIn } from '../../../api/session';
import { IS_WEAPP } from '../../../env';
import SubmitBar from '../../../components/form/SubmitBar';
import { FieldRow } from '../../../components/form/TextField';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import SubscribeReminder from '../../../components/SubscribeReminder';
import { dayLabel, groupByDay, slotBlockedReason, slotLabel } from '../../../lib/booking';
import { firstIssue } from '../../../lib/forms';
import { usePageGate } from '../../../lib/gate';
import { goLogin, goTab } from '../../../lib/nav';
import { knownStation } from '../../../lib/orgs';
import { usePageLoad, useReloadOnShow } from '../../../lib/page-load';
import { askFor, useSubscriptions } from '../../../lib/subscribe';
import PageShell from '../../../components/PageShell';
import '../../../components/booking/booking.scss';

const DAYS_SHOWN = 14;
const MAX_PAGES = 10;

async function nextSlots(stationId: string): Promise<Slot[]> {
  const from = new Date().toISOString();
  const to = new Date(Date.now() + DAYS_SHOWN * DAY_MS).toISOString();
  const all: Slot[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await api('listSlots', { params: { stationId }, query: { from, to, limit: 50, cursor } });
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}

export default function StationPage() {
  const router = useRouter();
  const stationId = router.params.stationId ?? '';
  const allowed = usePageGate('booking');

  const [selected, setSelected] = useState<Slot | null>(null);
  const [topic, setTopic] = useState('');
  const [phone, setPhone] = useState('');
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [booked, setBooked] = useState<Booking | null>(null);
  // Loaded ahead so that 确认预约 can ask for the reminder within the tap.
  useSubscriptions();

  const page = usePageLoad(async () => {
    const [station, slots] = await Promise.all([knownStation(stationId) ?? api('getStation', { params: { stationId } }), nextSlots(stationId)]);
    setSelected((prev) => (prev ? (slots.find((x) => x.id === prev.id && x.bookable) ?? null) : null));
    return { station, slots };
  });
  const load = page.reload;
  const station = page.data?.station ?? knownStation(stationId) ?? null;

  useReloadOnShow(allowed, load);

  if (!allowed) return <View />;

  const submit = async () => {
    if (!selected || submitting) return;
    setFormError('');
    if (!isLoggedIn()) {
      void goLogin('booking');
      return;
    }
    const parsed = CreateBookingBody().safeParse({ topic, ...(phone.trim() ? { contactPhone: phone.trim() } : {}) });
    if (!parsed.success) {
      setFormError(firstIssue(parsed.error));
      return;
    }
    // The day-before reminder: asked in this tap (WeChat requires it), alongside the booking itself.
    void askFor(['session_reminder']);
    setSubmitting(true);
    try {
      const b = await api('createBooking', { params: { slotId: selected.id }, body: parsed.data });
      setBooked(b);
      setSelected(null);
      setTopic('');
      setPhone('');
      void Taro.showToast({ title: '预约成功', icon: 'success' });
      void load();
    } catch (err) {
      setFormError(errorMessage(err));
      if (isApiError(err) && (err.code === 'SLOT_FULL' || err.code === 'INVALID_STATE')) void load();
    } finally {
      setSubmitting(false);
    }
  };

  const addToCalendar = (b: Booking) => {
    void Taro.addPhoneCalendar({
      title: `局长驻点接待：${b.host}`,
      startTime: Math.floor(Date.parse(b.slotStartsAt) / 1000),
      endTime: String(Math.floor(Date.parse(b.slotEndsAt) / 1000)),
      location: station ? `${station.name} ${station.address}` : b.stationName,
      description: `事由：${b.topic}`,
      alarmOffset: 3600,
    }).catch(() => undefined);
  };

  const openMap = () => {
    if (!station?.lat || !station.lng) return;
    void Taro.openLocation({ latitude: station.lat, longitude: station.lng, name: station.name, address: station.address, scale: 16 }).catch(
      () => undefined,
    );
  };

  if (page.status !== 'ready' || !page.data) {
    return (
      <PageShell>
        <LoadState id='station' status={page.status} message={page.error} onRetry={() => void load()} />
      </PageShell>
    );
  }

  const days = groupByDay(page.data.slots);

  return (
    <PageShell className='bk' id='station-page'>
      <View className='card'>
        <Text className='card-title' id='station-name'>
          {station?.name ?? '驻点工作室'}
        </Text>
        {station?.address && <Text className='muted bk-line'>{station.address}</Text>}
        {IS_WEAPP && station?.lat && station.lng && (
          <View className='btn-row'>
            <Button id='open-map' onClick={openMap}>
              查看位置
            </Button>
          </View>
        )}
      </View>

      {booked && (
        <View className='card' id='booked-card'>
          <Text className='card-title'>预约成功</Text>
          <Text className='bk-line'>{slotLabel(booked.slotStartsAt, booked.slotEndsAt)}</Text>
          <Text className='muted bk-line'>{`接待：${booked.host}；请提前几分钟到达。开始前可以在“我的预约”中取消。`}</Text>
          <SubscribeReminder id='booking-reminder' template='session_reminder' label='开启前一天提醒' />
          <View className='btn-row'>
            {IS_WEAPP && (
              <Button id='add-calendar' onClick={() => addToCalendar(booked)}>
                添加到日历
              </Button>
            )}
            <Button id='to-my-bookings' type='primary' onClick={() => void goTab('booking')}>
              查看我的预约
            </Button>
          </View>
        </View>
      )}

      <View className='card' id='slots'>
        <Text className='card-title'>{`未来 ${DAYS_SHOWN} 天的接待时段`}</Text>
        <Text className='muted bk-line'>{`开始前 ${BOOKING_RULES.minLeadMinutes} 分钟截止预约；每人最多同时预约 ${BOOKING_RULES.maxUpcoming} 个时段。`}</Text>
        {days.length === 0 && (
          <Text className='muted' id='no-slots'>
            近期暂无接待安排。
          </Text>
        )}
        {days.map((d) => (
          <View className='bk-day' key={d.date}>
            <Text className='bk-day__title'>{dayLabel(d.date)}</Text>
            <View className='bk-slots'>
              {d.slots.map((s) => {
                const blocked = slotBlockedReason(s);
                const cls = `bk-slot${blocked ? ' bk-slot--disabled' : ''}${selected?.id === s.id ? ' bk-slot--selected' : ''}`;
                return (
                  <View
                    key={s.id}
                    id={`slot-${s.id}`}
                    className={cls}
                    onClick={() => {
                      if (blocked) return;
                      setSelected(s);
                      setFormError('');
                    }}
                  >
                    <Text className='bk-slot__time'>{`${shanghaiTime(s.startsAt)}–${shanghaiTime(s.endsAt)}`}</Text>
                    <Text className='bk-slot__seats' id={`slot-seats-${s.id}`}>
                      {blocked ?? `余 ${s.seatsLeft} 席`}
                    </Text>
                  </View>
                );
              })}
            </View>
          </View>
        ))}
      </View>

      {selected && (
        <View className='card' id='book-form'>
          <Text className='card-title'>预约</Text>
          <Text className='bk-line'>{slotLabel(selected.startsAt, selected.endsAt)}</Text>
          <Text className='muted bk-line'>{`接待：${selected.host}`}</Text>
          <FieldRow
            rowId='topic'
            multiline
            inputClass='bk-textarea'
            value={topic}
            maxLength={200}
            placeholder='想反映或咨询的事情（必填，200 字以内）'
            onInput={setTopic}
          />
          <FieldRow rowId='contact-phone' label='联系电话' type='number' maxLength={11} value={phone} placeholder='选填，便于干部联系您' onInput={setPhone} />
          <SubmitBar id='book-submit' errorId='book-error' error={formError} loading={submitting} onSubmit={submit}>
            {isLoggedIn() ? '确认预约' : '登录后预约'}
          </SubmitBar>
        </View>
      )}
    </PageShell>
  );
}
