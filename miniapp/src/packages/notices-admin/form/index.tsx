// Publish (?orgId=) or edit (?id=) a notice. Secretaries publish for their branch; township admins for the
// township or any village or branch under it (chosen here); admins for the org they came from.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CreateNoticeBody, UpdateNoticeBody, type Notice } from '@shared/schemas/notices';
import type { Org } from '@shared/schemas/people';
import { api } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { changesTo, draftOf, emptyDraft, expiresAtOf, firstIssue, type NoticeDraft } from '../../../components/notices/notice-draft';
import NoticeDraftFields from '../../../components/notices/NoticeDraftFields';
import { useActionKey } from '../../../lib/action-key';
import { usePageGate } from '../../../lib/gate';
import { canPublishIn } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go, routeParam } from '../../../lib/nav';
import { publishTargets } from '../../../lib/notices';
import { orgChain } from '../../../lib/orgs';
import { usePageLoad } from '../../../lib/page-load';
import SubmitBar from '../../../components/form/SubmitBar';
import { useSubmit } from '../../../components/form/useSubmit';
import PageShell from '../../../components/PageShell';
import '../../../components/notices/notices.scss';

export default function NoticeFormPage() {
  const allowed = usePageGate('noticeForm', { requireLogin: true });
  const params = useRouter().params;
  const editId = routeParam(params, 'id');
  const startOrgId = routeParam(params, 'orgId');

  const [orgId, setOrgId] = useState(startOrgId);
  const [draft, setDraft] = useState<NoticeDraft>(() => emptyDraft());
  const { error, setError, saving, send } = useSubmit();
  const actionKey = useActionKey();

  /** Where the user may publish (and the notice being edited); null: nowhere. The form starts from it. */
  const scope = usePageLoad(async (): Promise<{ targets: Org[]; original: Notice | null } | null> => {
    const me = await loadMe();
    if (editId) {
      const n = await api('getNotice', { params: { id: editId } });
      const chain = await orgChain(n.orgId);
      if (!canPublishIn(me, chain)) return null;
      setOrgId(n.orgId);
      setDraft(draftOf(n));
      return { targets: chain.slice(-1), original: n };
    }
    const list = await publishTargets(me);
    if (startOrgId && !list.some((o) => o.id === startOrgId)) {
      // An admin, or a township admin coming from an org's list: allowed if the org is in their scope.
      const chain = await orgChain(startOrgId);
      if (canPublishIn(me, chain)) list.unshift(chain[chain.length - 1]);
    }
    if (list.length === 0) return null;
    const start = list.find((o) => o.id === startOrgId) ?? list[0];
    setOrgId(start.id);
    setDraft((d) => ({ ...d, category: start.type === 'branch' ? 'party' : 'village' }));
    return { targets: list, original: null };
  });

  useDidShow(() => {
    // Once: coming back to the page keeps what was typed.
    if (allowed && scope.status !== 'ready') void scope.reload();
  });

  if (!allowed) return <View />;

  if (scope.status === 'ready' && !scope.data) {
    return (
      <PageShell>
        <View className='state' id='ntf-forbidden'>
          <Text className='state-text'>只有支部书记和乡镇组织委员可以发布党务公开</Text>
        </View>
      </PageShell>
    );
  }

  if (scope.status !== 'ready' || !scope.data) {
    return (
      <PageShell>
        <LoadState id='ntf' status={scope.status === 'ready' ? 'loading' : scope.status} message={scope.error} onRetry={() => void scope.reload()} />
      </PageShell>
    );
  }

  const { targets, original } = scope.data;

  const save = async () => {
    if (saving) return;
    setError('');
    const expiresAt = expiresAtOf(draft);
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) {
      setError('有效期须晚于今天');
      return;
    }
    await send(async () => {
      let saved: Notice;
      if (original) {
        const patch = changesTo(original, draft);
        if (Object.keys(patch).length === 0) {
          void Taro.showToast({ title: '没有需要保存的修改', icon: 'none' });
          return;
        }
        const r = UpdateNoticeBody().safeParse(patch);
        if (!r.success) {
          setError(firstIssue(r));
          return;
        }
        saved = await api('updateNotice', { params: { id: original.id }, body: r.data });
        void Taro.showToast({ title: '已保存', icon: 'success' });
      } else {
        const { title, body, category, pinned } = draft;
        const r = CreateNoticeBody().safeParse({ title, body, category, pinned, ...(expiresAt ? { expiresAt } : {}) });
        if (!r.success) {
          setError(firstIssue(r));
          return;
        }
        saved = await api('createNotice', { params: { orgId }, body: r.data, idempotencyKey: actionKey.keyFor({ orgId, ...r.data }) });
        actionKey.reset();
        void Taro.showToast({ title: '已发布', icon: 'success' });
      }
      void go('noticeDetail', { id: saved.id }, { replace: true });
    });
  };

  return (
    <PageShell id='ntf'>
      <View className='card'>
        <Text className='card-title'>{original ? '编辑公告' : '发布公告'}</Text>

        <Text className='nt-label'>发布到</Text>
        {original || targets.length === 1 ? (
          <Text className='nt-picker-value' id='ntf-org'>
            {targets.find((o) => o.id === orgId)?.name ?? ''}
          </Text>
        ) : (
          <View className='nt-chips' id='ntf-orgs'>
            {targets.map((o) => (
              <Text key={o.id} id={`ntf-org-${o.id}`} className={`nt-chip${o.id === orgId ? ' nt-chip--on' : ''}`} onClick={() => setOrgId(o.id)}>
                {o.name}
              </Text>
            ))}
          </View>
        )}

        <NoticeDraftFields draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />

        <SubmitBar id='ntf-save' errorId='ntf-error' error={error} loading={saving} onSubmit={save}>
          {original ? '保存修改' : '发布'}
        </SubmitBar>
      </View>
      <Text className='muted'>党务公开面向所有群众，无需登录即可查看。请勿填写身份证号、手机号等个人信息。</Text>
    </PageShell>
  );
}
