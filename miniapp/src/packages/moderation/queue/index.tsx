// 内容审核: the queue of a branch (its secretary), or of a township or village (township staff): ideas and reflections
// the content check held or members reported, and residents' concerns the check held. 通过 publishes the item again;
// 不通过 asks for a reason, which the author sees. `?orgId=` opens one queue when the user has several.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ModerationDecisionBody, ModerationItem } from '@shared/schemas/moderation';
import type { Org } from '@shared/schemas/people';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { usePageGate } from '../../../lib/gate';
import { canModerate } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { moderationScopes } from '../../../lib/moderation';
import { usePageLoad } from '../../../lib/page-load';
import { usePagedList } from '../../../lib/paged-list';
import ModerationCard, { keyOf } from './ModerationCard';
import RejectDialog from './RejectDialog';
import PageShell from '../../../components/PageShell';
import './index.scss';

const PAGE_SIZE = 20;

export default function ModerationQueuePage() {
  const allowed = usePageGate('moderation', { requireLogin: true });
  const params = useRouter().params;

  const [orgId, setOrgId] = useState(params.orgId ?? '');
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<ModerationItem | null>(null);
  const queue = usePagedList({
    fetchPage: (cursor: string | undefined, oid: string) =>
      api('listModeration', { params: { orgId: oid }, query: { limit: PAGE_SIZE, cursor } }),
    keyOf,
    errorText: (err) => (isApiError(err) && err.status === 403 ? '您没有这个组织的审核权限' : errorMessage(err)),
  });

  /** The queues the user may open (or why there are none), found once; the chosen queue loads on every show. */
  const scope = usePageLoad(async (): Promise<{ scopes: Org[]; refusal?: string }> => {
    const me = await loadMe();
    if (!canModerate(me)) return { scopes: [], refusal: '只有支部书记和乡镇组织委员可以审核内容' };
    const scopes = await moderationScopes(me);
    const oid = scopes.some((o) => o.id === orgId) ? orgId : scopes[0]?.id;
    if (!oid) return { scopes, refusal: '没有找到您负责的支部或乡镇' };
    setOrgId(oid);
    void queue.reload(oid);
    return { scopes };
  });
  const scopes = scope.data?.refusal ? [] : (scope.data?.scopes ?? []);

  const load = () => (scopes.length ? queue.reload(orgId) : scope.reload());

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (scope.status !== 'ready' || !scopes.length) {
    return (
      <PageShell>
        <LoadState id='mod-queue' status={scope.status === 'loading' ? 'loading' : 'error'} message={scope.data?.refusal ?? scope.error} onRetry={() => void scope.reload()} />
      </PageShell>
    );
  }

  const switchTo = (oid: string) => {
    setOrgId(oid);
    queue.reset();
    void queue.reload(oid);
  };

  const remove = (item: ModerationItem) => queue.setItems((prev) => prev.filter((p) => keyOf(p) !== keyOf(item)));

  /** Sends a decision: null once it is decided (here or by someone else first), else the problem for the dialog. */
  const decide = async (item: ModerationItem, body: ModerationDecisionBody): Promise<string | null> => {
    if (busy) return '';
    setBusy(keyOf(item));
    try {
      await api('decideModeration', { params: { kind: item.kind, id: item.id }, body });
      remove(item);
      void Taro.showToast({ title: body.decision === 'approve' ? '已通过' : '已驳回', icon: 'success' });
      return null;
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        // Someone else decided first: it no longer waits here.
        remove(item);
        showApiError(err);
        return null;
      }
      if (isApiError(err) && err.code === 'VALIDATION_FAILED') return errorMessage(err);
      showApiError(err);
      return '';
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell id='mod-queue'>
      {scopes.length > 1 ? (
        <View className='mod-chips' id='mod-scopes'>
          {scopes.map((o) => (
            <Text key={o.id} id={`mod-scope-${o.id}`} className={`mod-chip${o.id === orgId ? ' mod-chip--on' : ''}`} onClick={() => o.id !== orgId && switchTo(o.id)}>
              {o.name}
            </Text>
          ))}
        </View>
      ) : (
        <Text className='card-title' id='mod-scope'>
          {scopes.find((o) => o.id === orgId)?.name ?? orgId}
        </Text>
      )}

      {queue.status !== 'ready' ? (
        <LoadState id='mod-list' status={queue.status} message={queue.error} onRetry={() => void queue.reload(orgId)} />
      ) : queue.items.length === 0 ? (
        <View className='card' id='mod-empty'>
          <Text className='mod-empty'>暂无待审核的内容</Text>
        </View>
      ) : (
        <View id='mod-list'>
          {queue.items.map((item) => (
            <ModerationCard
              key={keyOf(item)}
              item={item}
              busy={!!busy}
              approving={busy === keyOf(item) && !rejecting}
              onApprove={() => void decide(item, { decision: 'approve' })}
              onReject={() => setRejecting(item)}
            />
          ))}
          {queue.hasMore ? (
            <View className='mod-more' id='mod-more' onClick={() => void queue.loadMore()}>
              <Text>{queue.loadingMore ? '加载中…' : '加载更多'}</Text>
            </View>
          ) : (
            <View className='mod-more'>
              <Text>没有更多了</Text>
            </View>
          )}
        </View>
      )}

      {rejecting && (
        <RejectDialog
          key={keyOf(rejecting)}
          item={rejecting}
          busy={!!busy}
          onDecide={(body) => decide(rejecting, body)}
          onClose={() => setRejecting(null)}
        />
      )}
    </PageShell>
  );
}
