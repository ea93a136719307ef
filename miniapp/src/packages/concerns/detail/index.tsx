// A concern as its author sees it: status, deadline, where it is handled, the timeline, and once it is resolved the
// satisfaction form. Handlers opening it get a way into the handling view.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { Concern } from '@shared/schemas/concerns';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import ConcernSummary from '../../../components/concerns/ConcernSummary';
import FeedbackForm from '../../../components/concerns/FeedbackForm';
import LoadState from '../../../components/LoadState';
import Timeline from '../../../components/concerns/Timeline';
import { Button } from '../../../components/nut';
import { CS_PAGES, goCs } from '../../../lib/concerns';
import { usePageGate } from '../../../lib/gate';
import '../../../components/concerns/concerns.scss';

type Status = 'loading' | 'error' | 'ready';

export default function ConcernDetailPage() {
  const allowed = usePageGate(CS_PAGES.detail, { requireLogin: true });
  const params = useRouter().params;
  const id = params.id ?? '';
  /** Opened from 我的说事 or the form: the viewer is the author. */
  const fromMine = params.mine === '1';

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [concern, setConcern] = useState<Concern | null>(null);
  const shownRef = useRef<Concern | null>(null);

  const show = (c: Concern) => {
    shownRef.current = c;
    setConcern(c);
  };

  const load = useCallback(async () => {
    if (!shownRef.current) setStatus('loading');
    try {
      show(await api('getConcern', { params: { id } }));
      setStatus('ready');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return;
      if (shownRef.current) showApiError(err);
      else {
        setLoadError(isApiError(err) && err.status === 404 ? '事项不存在，或您无权查看' : errorMessage(err));
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
        <LoadState id='cs-detail' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  // Only the author and the handlers can see a concern: a viewer who cannot handle it is its author.
  // The API says whether the viewer raised it; the link hint is only a fallback for an older API.
  const isAuthor = concern.mine ?? (fromMine || concern.canHandle === false);

  return (
    <View className='page' id='cs-detail'>
      <ConcernSummary concern={concern} audience={isAuthor ? 'resident' : 'handler'} />

      {concern.status === 'transferred' && isAuthor && (
        <Text className='cs-alert cs-alert--info' id='cs-transferred-note'>{`已转交「${concern.stationName ?? ''}」办理，承诺时限重新计算。`}</Text>
      )}

      {concern.status === 'resolved' && isAuthor && <FeedbackForm concernId={concern.id} onDone={show} />}

      <Timeline entries={concern.timeline ?? []} />

      {concern.canHandle && (
        <View className='btn-row'>
          <Button id='cs-open-handle' type='primary' onClick={() => void goCs(CS_PAGES.handle, { id: concern.id })}>
            进入办理
          </Button>
        </View>
      )}
    </View>
  );
}
