// The official's console for one station: open a session, the day's bookings with their outcome, and the coming
// sessions with cancel (every booking of a cancelled session is cancelled with the reason its resident sees).
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { Booking, SessionSummary } from '@shared/schemas/bookings';
import { shanghaiDate } from '@shared/time';
import { api, showApiError } from '../../../api/client';
import DayBookings from '../../../components/booking/DayBookings';
import ExportButton from '../../../components/ExportButton';
import SessionForm from '../../../components/booking/SessionForm';
import SessionList from '../../../components/booking/SessionList';
import LoadState from '../../../components/LoadState';
import { usePageGate } from '../../../lib/gate';
import { knownStation } from '../../../lib/orgs';
import { usePageLoad, useReloadOnShow } from '../../../lib/page-load';
import PageShell from '../../../components/PageShell';
import '../../../components/booking/booking.scss';

export default function ConsolePage() {
  const stationId = useRouter().params.stationId ?? '';
  const allowed = usePageGate('booking', { requireLogin: true });

  const [day, setDay] = useState(shanghaiDate());
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  /** The day last asked for: an answer for another day came late and is dropped. */
  const dayAsked = useRef(day);

  const loadDay = useCallback(
    async (d: string) => {
      dayAsked.current = d;
      setDay(d);
      const items = (await api('stationBookings', { params: { stationId }, query: { date: d, limit: 50 } })).items;
      if (dayAsked.current === d) setBookings(items);
    },
    [stationId],
  );

  const loadSessions = useCallback(async () => {
    setSessions((await api('listSessions', { params: { stationId }, query: { limit: 50 } })).items);
  }, [stationId]);

  const page = usePageLoad(async () => {
    const station = knownStation(stationId) ?? (await api('getStation', { params: { stationId } }));
    await Promise.all([loadDay(dayAsked.current), loadSessions()]);
    return station;
  });
  const station = page.data;

  useReloadOnShow(allowed, page.reload);

  if (!allowed) return <View />;

  if (page.status !== 'ready' || !station) {
    return (
      <PageShell>
        <LoadState id='console' status={page.status} message={page.error} onRetry={() => void page.reload()} />
      </PageShell>
    );
  }

  return (
    <PageShell className='bk' id='console-page'>
      <View className='card'>
        <View className='btn-row'>
          <Text className='card-title'>{station.name || '驻点工作室'}</Text>
          {/* The day on show, as its list shows it. */}
          <ExportButton id='console-export' fetch={() => api('exportStationBookings', { params: { stationId }, query: { date: day } })} />
        </View>
        {station.address && <Text className='muted'>{station.address}</Text>}
      </View>

      <DayBookings
        day={day}
        bookings={bookings}
        onDay={(d) => void loadDay(d).catch(showApiError)}
        onChanged={(b) => setBookings((prev) => prev.map((x) => (x.id === b.id ? b : x)))}
      />
      <SessionForm stationId={stationId} onCreated={loadSessions} />
      <SessionList sessions={sessions} onCancelled={() => Promise.all([loadSessions(), loadDay(day)]).then(() => undefined)} />
    </PageShell>
  );
}
