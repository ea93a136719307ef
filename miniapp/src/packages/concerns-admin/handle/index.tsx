// A concern as its handlers see it: the summary (with the resident's masked phone), the allowed moves with a
// required note, and the timeline.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { Concern } from '@shared/schemas/concerns';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import ActionPanel from '../../../components/concerns/ActionPanel';
import ConcernSummary from '../../../components/concerns/ConcernSummary';
import LoadState from '../../../components/LoadState';
import Timeline from '../../../components/concerns/Timeline';
import { CS_PAGES } from '../../../lib/concerns';
import { usePageGate } from '../../../lib/gate';
import '../../../components/concerns/concerns.scss';

type Status = 'loading' | 'error' | 'ready';

export default function ConcernHandlePage() {
  const allowed = usePageGate(CS_PAGES.handle, { requireLogin: true });
  const id = useRouter().params.id ?? '';

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [concern, setConcern] = useState<Concern | null>(null);
  /** Transferred away by this viewer: the page keeps showing the answer, reloading would be a 404. */
  const [movedAway, setMovedAway] = useState(false);
  const shownRef = useRef<Concern | null>(null);

  const show = (c: Concern) => {
    shownRef.current = c;
    setConcern(c);
  };

  const load = useCallback(async () => {
    if (!shownRef.current) setStatus('loading');
    try {
      show(await api('getConcern', { params: { id } }));
      setMovedAway(false);
      setStatus('ready');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return;
      if (shownRef.current && !(isApiError(err) && err.status === 404)) showApiError(err);
      else if (shownRef.current) setMovedAway(true);
      else {
        setLoadError(isApiError(err) && err.status === 404 ? '事项不存在，或已不由您办理' : errorMessage(err));
        setStatus('error');
      }
    }
  }, [id]);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (status !== 'ready' || !concern) {
    return (
      <View className='page'>
        <LoadState id='cs-handle' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  const done = (c: Concern) => {
    show(c);
    if (c.canHandle === false) setMovedAway(true);
  };

  return (
    <View className='page' id='cs-handle'>
      <ConcernSummary concern={concern} audience='handler' />

      {concern.canHandle && !movedAway ? (
        <ActionPanel concern={concern} onDone={done} onStale={() => void load()} />
      ) : (
        <Text className='cs-alert cs-alert--info' id='cs-not-handler'>
          {concern.status === 'transferred' ? `已转交「${concern.stationName ?? ''}」办理，本驻点不再处理。` : '您不是该事项的办理人员，只能查看。'}
        </Text>
      )}

      <Timeline entries={concern.timeline ?? []} />
    </View>
  );
}
