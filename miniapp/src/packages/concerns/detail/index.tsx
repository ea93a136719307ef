// A concern as its author sees it: status, deadline, where it is handled, the timeline, and once it is resolved the
// satisfaction form. Handlers opening it get a way into the handling view.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api, errorMessage, isApiError } from '../../../api/client';
import ConcernSummary from '../../../components/concerns/ConcernSummary';
import FeedbackForm from '../../../components/concerns/FeedbackForm';
import LoadState from '../../../components/LoadState';
import Timeline from '../../../components/concerns/Timeline';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { go } from '../../../lib/nav';
import { usePageLoad, useReloadOnShow } from '../../../lib/page-load';
import PageShell from '../../../components/PageShell';
import '../../../components/concerns/concerns.scss';

export default function ConcernDetailPage() {
  const allowed = usePageGate('concernDetail', { requireLogin: true });
  const params = useRouter().params;
  const id = params.id ?? '';
  /** Opened from 我的说事 or the form: the viewer is the author. */
  const fromMine = params.mine === '1';

  const page = usePageLoad(() => api('getConcern', { params: { id } }), {
    errorText: (err) => (isApiError(err) && err.status === 404 ? '事项不存在，或您无权查看' : errorMessage(err)),
  });
  const concern = page.data;

  useReloadOnShow(allowed, page.reload);

  if (!allowed) return <View />;

  if (page.status !== 'ready' || !concern) {
    return (
      <PageShell>
        <LoadState id='cs-detail' status={page.status} message={page.error} onRetry={() => void page.reload()} />
      </PageShell>
    );
  }

  // Only the author and the handlers can see a concern: a viewer who cannot handle it is its author.
  // The API says whether the viewer raised it; the link hint is only a fallback for an older API.
  const isAuthor = concern.mine ?? (fromMine || concern.canHandle === false);

  return (
    <PageShell id='cs-detail'>
      <ConcernSummary concern={concern} audience={isAuthor ? 'resident' : 'handler'} />

      {concern.status === 'transferred' && isAuthor && (
        <Text className='cs-alert cs-alert--info' id='cs-transferred-note'>{`已转交「${concern.stationName ?? ''}」办理，承诺时限重新计算。`}</Text>
      )}

      {concern.status === 'resolved' && isAuthor && <FeedbackForm concernId={concern.id} onDone={page.setData} />}

      <Timeline entries={concern.timeline ?? []} />

      {concern.canHandle && (
        <View className='btn-row'>
          <Button id='cs-open-handle' type='primary' onClick={() => void go('concernHandle', { id: concern.id })}>
            进入办理
          </Button>
        </View>
      )}
    </PageShell>
  );
}
