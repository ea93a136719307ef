// 内容审核: the queue of a branch (its secretary), or of a township or village (township staff): ideas and reflections
// the content check held or members reported, and residents' concerns the check held. 通过 publishes the item again;
// 不通过 asks for a reason, which the author sees. `?orgId=` opens one queue when the user has several.
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ModerationDecisionBody, type ModerationItem } from '@shared/schemas/moderation';
import type { Org } from '@shared/schemas/people';
import { formatShort } from '@shared/time';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { canModerate } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { MODERATION_KIND_LABELS, moderationScopes, whyText } from '../../../lib/moderation';
import { usePagedList } from '../../../lib/paged-list';
import './index.scss';

type Status = 'loading' | 'error' | 'ready';

const PAGE_SIZE = 20;
const REASON_MAX = 200;
const EXCERPT = 120;

const keyOf = (i: Pick<ModerationItem, 'kind' | 'id'>) => `${i.kind}-${i.id}`;

export default function ModerationQueuePage() {
  const allowed = usePageGate('moderation', { requireLogin: true });
  const params = useRouter().params;

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [scopes, setScopes] = useState<Org[]>([]);
  const [orgId, setOrgId] = useState(params.orgId ?? '');
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<ModerationItem | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const queue = usePagedList({
    fetchPage: (cursor: string | undefined, oid: string) =>
      api('listModeration', { params: { orgId: oid }, query: { limit: PAGE_SIZE, cursor } }),
    keyOf,
    errorText: (err) => (isApiError(err) && err.status === 403 ? '您没有这个组织的审核权限' : errorMessage(err)),
  });

  const load = useCallback(async () => {
    if (scopes.length === 0) setStatus('loading');
    try {
      let list = scopes;
      if (list.length === 0) {
        const me = await loadMe();
        if (!canModerate(me)) {
          setLoadError('只有支部书记和乡镇组织委员可以审核内容');
          setStatus('error');
          return;
        }
        list = await moderationScopes(me);
        setScopes(list);
      }
      const oid = orgId && list.some((o) => o.id === orgId) ? orgId : (list[0]?.id ?? '');
      if (!oid) {
        setLoadError('没有找到您负责的支部或乡镇');
        setStatus('error');
        return;
      }
      setOrgId(oid);
      setStatus('ready');
      await queue.reload(oid);
    } catch (err) {
      if (isApiError(err) && err.status === 401) return;
      setLoadError(errorMessage(err));
      setStatus('error');
    }
  }, [scopes, orgId, queue.reload]);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (status !== 'ready') {
    return (
      <View className='page'>
        <LoadState id='mod-queue' status={status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  const switchTo = (oid: string) => {
    setOrgId(oid);
    queue.reset();
    void queue.reload(oid);
  };

  const remove = (item: ModerationItem) => queue.setItems((prev) => prev.filter((p) => keyOf(p) !== keyOf(item)));

  /** Sends a decision; false when the dialog should stay open (the reason was refused). */
  const decide = async (item: ModerationItem, body: ModerationDecisionBody): Promise<boolean> => {
    if (busy) return false;
    setBusy(keyOf(item));
    try {
      await api('decideModeration', { params: { kind: item.kind, id: item.id }, body });
      remove(item);
      void Taro.showToast({ title: body.decision === 'approve' ? '已通过' : '已驳回', icon: 'success' });
      return true;
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        // Someone else decided first: it no longer waits here.
        remove(item);
        showApiError(err);
        return true;
      }
      if (isApiError(err) && err.code === 'VALIDATION_FAILED') {
        setReasonError(errorMessage(err));
        return false;
      }
      showApiError(err);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const openReject = (item: ModerationItem) => {
    setRejecting(item);
    setReason('');
    setReasonError('');
  };

  const submitReject = async () => {
    if (!rejecting) return;
    setReasonError('');
    const r = ModerationDecisionBody.safeParse({ decision: 'reject', reason: reason.trim() || undefined });
    if (!r.success) return setReasonError(r.error.issues[0]?.message ?? '请填写理由');
    if (await decide(rejecting, r.data)) setRejecting(null);
  };

  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const scope = scopes.find((o) => o.id === orgId);

  return (
    <View className='page' id='mod-queue'>
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
          {scope?.name ?? orgId}
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
          {queue.items.map((item) => {
            const key = keyOf(item);
            const long = [...item.content].length > EXCERPT;
            const open = expanded.has(key);
            return (
              <View className='card mod-item' id={`mod-item-${key}`} key={key}>
                <View className='mod-item__head'>
                  <Text className='mod-tag mod-tag--info' id={`mod-kind-${key}`}>
                    {MODERATION_KIND_LABELS[item.kind]}
                  </Text>
                  <Text className={`mod-tag ${item.why === 'reported' ? 'mod-tag--danger' : 'mod-tag--warning'}`} id={`mod-why-${key}`}>
                    {whyText(item)}
                  </Text>
                  {item.trackingNo && <Text className='muted'>{item.trackingNo}</Text>}
                </View>
                <Text className='mod-item__title' id={`mod-title-${key}`}>
                  {item.title}
                </Text>
                <Text className='mod-item__content' id={`mod-content-${key}`}>
                  {long && !open ? `${[...item.content].slice(0, EXCERPT).join('')}…` : item.content}
                </Text>
                {long && (
                  <Text className='muted' id={`mod-expand-${key}`} onClick={() => toggle(key)}>
                    {open ? '收起' : '展开全文'}
                  </Text>
                )}
                <Text className='muted' id={`mod-meta-${key}`}>
                  {`${item.authorName || '已注销用户'} · ${item.orgName ?? item.orgId} · ${formatShort(item.queuedAt)}`}
                </Text>
                <View className='mod-item__actions'>
                  <Button
                    id={`mod-approve-${key}`}
                    type='primary'
                    size='small'
                    loading={busy === key && !rejecting}
                    disabled={!!busy}
                    onClick={() => void decide(item, { decision: 'approve' })}
                  >
                    通过
                  </Button>
                  <Button id={`mod-reject-${key}`} size='small' disabled={!!busy} onClick={() => openReject(item)}>
                    不通过
                  </Button>
                </View>
              </View>
            );
          })}
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
        <View className='mod-mask' id='mod-reject-dialog' catchMove>
          <View className='mod-sheet'>
            <Text className='card-title'>{`不通过：${rejecting.title}`}</Text>
            <Text className='muted'>请写明理由，作者会看到。</Text>
            <Textarea
              id='mod-reject-reason'
              className='mod-sheet__textarea'
              value={reason}
              maxlength={REASON_MAX}
              placeholder='例如：内容与主题无关'
              onInput={(e) => setReason(e.detail.value)}
            />
            <Text className='mod-sheet__count'>{`${reason.trim().length}/${REASON_MAX}`}</Text>
            {reasonError && (
              <Text className='error-text' id='mod-reject-error'>
                {reasonError}
              </Text>
            )}
            <View className='btn-row'>
              <Button id='mod-reject-submit' type='primary' loading={!!busy} onClick={() => void submitReject()}>
                确认不通过
              </Button>
              <Button id='mod-reject-cancel' disabled={!!busy} onClick={() => setRejecting(null)}>
                取消
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
