import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { shanghaiClock, shanghaiTime } from '@shared/time';
import { api } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { go } from '../../../lib/nav';
import { usePageLoad } from '../../../lib/page-load';
import { formatRange } from '../../../lib/themeday';
import QrCode from '../../../components/themeday/QrCode';
import '../../../components/themeday/themeday.scss';
import { useLiveCheckIn } from './useLiveCheckIn';
import PageShell from '../../../components/PageShell';

export default function CheckInConsolePage() {
  const allowed = usePageGate('themedayConsole', { requireLogin: true });
  const id = useRouter().params.id ?? '';

  // The day itself (title, time, state), loaded once.
  const { data: day, status: dayStatus, error: dayError, reload: loadDay } = usePageLoad(() => api('getThemeDay', { params: { id } }));
  const [active, setActive] = useState(false);
  const { code: valid, codeError, present, pollError, now, restart } = useLiveCheckIn(id, allowed && active);

  useDidShow(() => {
    setActive(true);
    if (allowed && dayStatus !== 'ready') void loadDay();
  });
  useDidHide(() => setActive(false));

  if (!allowed) return <View />;

  if (dayStatus !== 'ready' || !day) {
    return (
      <PageShell>
        <LoadState
          id='console'
          status={dayStatus === 'ready' ? 'loading' : dayStatus}
          message={dayError}
          onRetry={() => {
            void loadDay();
            restart();
          }}
        />
      </PageShell>
    );
  }

  const secondsLeft = valid ? Math.max(0, Math.ceil((Date.parse(valid.expiresAt) - now) / 1000)) : 0;

  return (
    <PageShell id='console'>
      <View className='card'>
        <Text className='card-title'>{day.title}</Text>
        <Text className='muted'>{`${formatRange(day.startsAt, day.endsAt)} · ${day.location}`}</Text>
      </View>

      <View className='card'>
        <Text className='card-title'>签到码</Text>
        {valid ? (
          <View className='td-code'>
            <QrCode text={valid.qrText} id='console-qr' />
            <Text className='td-code__value' id='console-code'>
              {valid.code}
            </Text>
            <Text className='muted' id='console-expires'>{`${secondsLeft} 秒后失效（${shanghaiClock(valid.expiresAt)}），到时自动更换`}</Text>
            <Text className='muted'>请党员用「扫码签到」扫描二维码，或在预告页输入上方签到码</Text>
          </View>
        ) : (
          <View className='td-code' id='console-no-code'>
            <Text className='muted'>{codeError || '正在获取签到码…'}</Text>
            {codeError && (
              <View className='btn-row'>
                <Button id='console-retry' type='primary' onClick={restart}>
                  重试
                </Button>
              </View>
            )}
          </View>
        )}
      </View>

      <View className='card' id='console-live'>
        <View className='td-spread'>
          <Text className='card-title'>已签到</Text>
          <Text className='muted'>{pollError ? '网络不稳定，正在重试…' : '每 5 秒自动刷新'}</Text>
        </View>
        <Text className='td-count-big' id='console-count'>
          {present.length}
        </Text>
        <Text className='muted'> 人</Text>
        <View id='console-present'>
          {present.map((r) => (
            <View className='td-spread td-list-item' key={r.userId}>
              <Text>{r.displayName ?? '党员'}</Text>
              <Text className='muted'>{r.checkedInAt ? shanghaiTime(r.checkedInAt) : ''}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='btn-row'>
        <Button id='console-attendance' onClick={() => void go('attendance', { id })}>
          出勤管理
        </Button>
        <Button id='console-close' type='primary' fill='outline' onClick={() => void go('closeDay', { id })}>
          结束并总结
        </Button>
      </View>
    </PageShell>
  );
}
