// 预约 tab: my bookings (with cancel), stations by township, and the way into the official's console.
import { Text, View } from '@tarojs/components';
import type { Booking } from '@shared/schemas/bookings';
import { api } from '../../api/client';
import MyBookings, { upcomingFirst } from '../../components/booking/MyBookings';
import StationFinder, { useStationFinder } from '../../components/booking/StationFinder';
import LoadState from '../../components/LoadState';
import { Button } from '../../components/nut';
import { usePageGate } from '../../lib/gate';
import { officialStationIds, townshipAdminIds } from '../../lib/grants';
import { loadMe } from '../../lib/me';
import { go } from '../../lib/nav';
import { lookupStations } from '../../lib/orgs';
import { usePageLoad, useReloadOnShow } from '../../lib/page-load';
import PageShell from '../../components/PageShell';
import '../../components/booking/booking.scss';

export default function BookingTab() {
  const allowed = usePageGate('booking');
  const finder = useStationFinder();
  const tab = usePageLoad(async () => {
    const user = await loadMe(true);
    const bookings = user ? upcomingFirst((await api('myBookings', { query: { limit: 20 } })).items) : [];
    /** The stations the user serves as an official. */
    const served = await lookupStations(officialStationIds(user));
    await finder.start(user, served);
    return { user, bookings, served };
  });

  useReloadOnShow(allowed, tab.reload);

  if (!allowed) return <View />;

  if (tab.status !== 'ready' || !tab.data) {
    return (
      <PageShell>
        <LoadState id='bk' status={tab.status} message={tab.error} onRetry={() => void tab.reload()} />
      </PageShell>
    );
  }

  const { user, bookings, served } = tab.data;
  const changed = (b: Booking) => tab.setData((d) => d && { ...d, bookings: d.bookings.map((x) => (x.id === b.id ? b : x)) });

  return (
    <PageShell className='bk' id='bk-tab'>
      {served.length > 0 && (
        <View className='card' id='bk-official'>
          <Text className='card-title'>驻点接待</Text>
          <Text className='muted'>开设接待时段、查看当天预约、记录接待结果。</Text>
          {served.map((s) => (
            <View className='btn-row' key={s.id}>
              <Button id={`console-${s.id}`} type='primary' onClick={() => void go('bookingConsole', { stationId: s.id })}>
                {`${s.name} · 接待管理`}
              </Button>
            </View>
          ))}
        </View>
      )}
      <MyBookings loggedIn={!!user} bookings={bookings} onChanged={changed} />
      <StationFinder finder={finder} adminOf={townshipAdminIds(user)} />
    </PageShell>
  );
}
