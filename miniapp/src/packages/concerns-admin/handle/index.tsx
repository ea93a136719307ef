// A concern as its handlers see it: the summary (with the resident's masked phone), the allowed moves with a
// required note, and the timeline.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Concern } from '@shared/schemas/concerns';
import { api, errorMessage, isApiError } from '../../../api/client';
import ActionPanel from '../../../components/concerns/ActionPanel';
import ConcernSummary from '../../../components/concerns/ConcernSummary';
import LoadState from '../../../components/LoadState';
import Timeline from '../../../components/concerns/Timeline';
import { usePageGate } from '../../../lib/gate';
import { usePageLoad, useReloadOnShow, type PageLoad } from '../../../lib/page-load';
import PageShell from '../../../components/PageShell';
import '../../../components/concerns/concerns.scss';

export default function ConcernHandlePage() {
  const allowed = usePageGate('concernHandle', { requireLogin: true });
  const id = useRouter().params.id ?? '';

  /** Transferred away by this viewer: the page keeps showing the answer, reloading would be a 404. */
  const [movedAway, setMovedAway] = useState(false);
  const page: PageLoad<Concern> = usePageLoad(
    async (): Promise<Concern> => {
      try {
        const c = await api('getConcern', { params: { id } });
        setMovedAway(false);
        return c;
      } catch (err) {
        if (!(page.data && isApiError(err) && err.status === 404)) throw err;
        setMovedAway(true);
        return page.data;
      }
    },
    { errorText: (err) => (isApiError(err) && err.status === 404 ? '事项不存在，或已不由您办理' : errorMessage(err)) },
  );
  const concern = page.data;
  const load = page.reload;

  useReloadOnShow(allowed, load);

  if (!allowed) return <View />;

  if (page.status !== 'ready' || !concern) {
    return (
      <PageShell>
        <LoadState id='cs-handle' status={page.status} message={page.error} onRetry={() => void load()} />
      </PageShell>
    );
  }

  const done = (c: Concern) => {
    page.setData(c);
    if (c.canHandle === false) setMovedAway(true);
  };

  return (
    <PageShell id='cs-handle'>
      <ConcernSummary concern={concern} audience='handler' />

      {concern.canHandle && !movedAway ? (
        <ActionPanel concern={concern} onDone={done} onStale={() => void load()} />
      ) : (
        <Text className='cs-alert cs-alert--info' id='cs-not-handler'>
          {concern.status === 'transferred' ? `已转交「${concern.stationName ?? ''}」办理，本驻点不再处理。` : '您不是该事项的办理人员，只能查看。'}
        </Text>
      )}

      <Timeline entries={concern.timeline ?? []} />
    </PageShell>
  );
}
