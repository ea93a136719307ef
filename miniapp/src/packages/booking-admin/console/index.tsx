// The official's console for one station: open a session, the day's bookings with their outcome, and the coming
// sessions with cancel (every booking of a cancelled session is cancelled with the reason its resident sees).
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { BOOKING_RULES, CreateSessionBody, type Booking, type SessionSummary } from '@shared/schemas/bookings';
import type { Station } from '@shared/schemas/people';
import { api, errorMessage, showApiError } from '../../../api/client';
import { Button, Tag } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { PAGES } from '../../../lib/nav';
import {
  BOOKING_STATUS_LABELS,
  dayLabel,
  knownStation,
  shanghaiDate,
  shanghaiInstant,
  shanghaiTime,
  slotLabel,
} from '../../../lib/booking';
import '../../../components/booking/booking.scss';

type Status = 'loading' | 'error' | 'ready';
const DAY_MS = 24 * 3600 * 1000;

export default function ConsolePage() {
  const router = useRouter();
  const stationId = router.params.stationId ?? '';
  const allowed = usePageGate(PAGES.booking, { requireLogin: true });

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [station, setStation] = useState<Station | null>(knownStation(stationId) ?? null);

  // Open a session
  const [host, setHost] = useState('');
  const [date, setDate] = useState(shanghaiDate(Date.now() + DAY_MS));
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('11:00');
  const [slotMinutes, setSlotMinutes] = useState('30');
  const [seats, setSeats] = useState('3');
  const [formError, setFormError] = useState('');
  const [creating, setCreating] = useState(false);

  // The day's bookings
  const [day, setDay] = useState(shanghaiDate());
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [recording, setRecording] = useState<string | null>(null);

  // Sessions
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [cancelFor, setCancelFor] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);

  const loadDay = useCallback(
    async (d: string) => {
      setDay(d);
      setBookings((await api('stationBookings', { params: { stationId }, query: { date: d, limit: 50 } })).items);
    },
    [stationId],
  );

  const loadSessions = useCallback(async () => {
    setSessions((await api('listSessions', { params: { stationId }, query: { limit: 50 } })).items);
  }, [stationId]);

  const load = useCallback(async () => {
    try {
      const s = knownStation(stationId) ?? (await api('getStation', { params: { stationId } }));
      setStation(s);
      await Promise.all([loadDay(day), loadSessions()]);
      setStatus('ready');
    } catch (err) {
      setLoadError(errorMessage(err));
      setStatus('error');
    }
  }, [stationId, day, loadDay, loadSessions]);

  useDidShow(() => {
    if (allowed) void load();
  });

  if (!allowed) return <View />;

  const createSession = async () => {
    if (creating) return;
    setFormError('');
    const parsed = CreateSessionBody.safeParse({
      host,
      startsAt: shanghaiInstant(date, start),
      endsAt: shanghaiInstant(date, end),
      slotMinutes: Number(slotMinutes),
      seatsPerSlot: Number(seats),
    });
    if (!parsed.success) {
      setFormError(parsed.error.issues[0]?.message ?? '输入有误');
      return;
    }
    setCreating(true);
    try {
      const created = await api('createSession', { params: { stationId }, body: parsed.data });
      void Taro.showToast({ title: `已开设 ${created.slots.length} 个时段`, icon: 'success' });
      await loadSessions();
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  const record = async (b: Booking, outcome: 'completed' | 'no_show') => {
    if (recording) return;
    setRecording(b.id);
    try {
      const note = notes[b.id]?.trim();
      const updated = await api('recordOutcome', { params: { bookingId: b.id }, body: { status: outcome, ...(note ? { note } : {}) } });
      setBookings((prev) => prev.map((x) => (x.id === b.id ? updated : x)));
      void Taro.showToast({ title: '已记录', icon: 'success' });
    } catch (err) {
      showApiError(err);
    } finally {
      setRecording(null);
    }
  };

  const cancelSession = async (s: SessionSummary) => {
    if (cancelling) return;
    if (!reason.trim()) {
      void Taro.showToast({ title: '请填写取消原因，预约的群众会看到', icon: 'none' });
      return;
    }
    setCancelling(true);
    try {
      const done = await api('cancelSession', { params: { sessionId: s.id }, body: { reason: reason.trim() } });
      void Taro.showToast({ title: `已取消，通知 ${done.cancelledBookings ?? 0} 人`, icon: 'none' });
      setCancelFor(null);
      setReason('');
      await Promise.all([loadSessions(), loadDay(day)]);
    } catch (err) {
      showApiError(err);
    } finally {
      setCancelling(false);
    }
  };

  if (status !== 'ready') {
    return (
      <View className='page'>
        <View className='state' id={`console-${status}`}>
          <Text className='state-text'>{status === 'loading' ? '加载中…' : loadError || '加载失败'}</Text>
          {status === 'error' && (
            <Button id='console-retry' type='primary' onClick={() => void load()}>
              重试
            </Button>
          )}
        </View>
      </View>
    );
  }

  const now = new Date().toISOString();
  const week = Array.from({ length: 7 }, (_, i) => shanghaiDate(Date.now() + i * DAY_MS));

  return (
    <View className='page bk' id='console-page'>
      <View className='card'>
        <Text className='card-title'>{station?.name ?? '驻点工作室'}</Text>
        {station?.address && <Text className='muted'>{station.address}</Text>}
      </View>

      <View className='card' id='day-bookings'>
        <Text className='card-title'>预约名单</Text>
        <View className='bk-chips'>
          {week.map((d) => (
            <Text key={d} id={`day-${d}`} className={`bk-chip${d === day ? ' bk-chip--on' : ''}`} onClick={() => void loadDay(d).catch(showApiError)}>
              {dayLabel(d).replace(/ 周.$/, '')}
            </Text>
          ))}
        </View>
        {bookings.length === 0 && <Text className='muted'>当天没有预约。</Text>}
        {bookings.map((b) => {
          const started = b.slotStartsAt <= now;
          const canRecord = started && b.status !== 'cancelled';
          return (
            <View className='bk-booking' id={`day-booking-${b.id}`} key={b.id}>
              <View className='bk-booking__head'>
                <Text className='bk-booking__station'>{`${shanghaiTime(b.slotStartsAt)} ${b.residentName ?? ''}`}</Text>
                <Tag type={b.status === 'booked' ? 'primary' : 'default'}>{BOOKING_STATUS_LABELS[b.status]}</Tag>
              </View>
              <Text>{`事由：${b.topic}`}</Text>
              {b.contactPhoneMasked && <Text className='muted'>{`电话：${b.contactPhoneMasked}`}</Text>}
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
                  <Text className='muted'>转为群众说事：说事功能上线后可用。</Text>
                </View>
              )}
            </View>
          );
        })}
      </View>

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
        {formError && (
          <Text className='error-text' id='session-error'>
            {formError}
          </Text>
        )}
        <View className='btn-row'>
          <Button id='session-submit' type='primary' loading={creating} onClick={() => void createSession()}>
            开设
          </Button>
        </View>
      </View>

      <View className='card' id='sessions'>
        <Text className='card-title'>接待安排</Text>
        {sessions.length === 0 && <Text className='muted'>暂无接待安排。</Text>}
        {sessions.map((s) => (
          <View className='bk-booking' key={s.id} id={`session-${s.id}`}>
            <View className='bk-booking__head'>
              <Text className='bk-booking__station'>{s.host}</Text>
              <Tag type={s.status === 'open' ? 'primary' : 'default'}>{s.status === 'open' ? '开放预约' : '已取消'}</Tag>
            </View>
            <Text className='bk-line'>{`${slotLabel(s.startsAt, s.endsAt)} · 每段 ${s.slotMinutes} 分钟 ${s.seatsPerSlot} 席`}</Text>
            {s.cancelReason && <Text className='muted'>{`取消原因：${s.cancelReason}`}</Text>}
            {s.status === 'open' && s.endsAt > now && (
              <View>
                {cancelFor === s.id ? (
                  <View>
                    <View className='field'>
                      <Input className='field-input' value={reason} maxlength={200} placeholder='取消原因（预约的群众会看到）' onInput={(e) => setReason(e.detail.value)} />
                    </View>
                    <View className='btn-row'>
                      <Button type='primary' loading={cancelling} onClick={() => void cancelSession(s)}>
                        确认取消接待
                      </Button>
                      <Button onClick={() => setCancelFor(null)}>不取消</Button>
                    </View>
                  </View>
                ) : (
                  <View className='btn-row'>
                    <Button id={`cancel-session-${s.id}`} onClick={() => setCancelFor(s.id)}>
                      取消这次接待
                    </Button>
                  </View>
                )}
              </View>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
