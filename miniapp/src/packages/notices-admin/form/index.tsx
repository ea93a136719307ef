// Publish (?orgId=) or edit (?id=) a notice. Secretaries publish for their branch; township admins for the
// township or any village or branch under it (chosen here); admins for the org they came from.
import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { CreateNoticeBody, UpdateNoticeBody, type Notice } from '@shared/schemas/notices';
import type { Org } from '@shared/schemas/people';
import { endOfShanghaiDay, shanghaiDate } from '@shared/time';
import { api, errorMessage, isApiError, showApiError } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { useActionKey } from '../../../components/notices/useActionKey';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { canPublishIn } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go, routeParam } from '../../../lib/nav';
import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, type NoticeCategory, publishTargets } from '../../../lib/notices';
import { orgChain } from '../../../lib/orgs';
import '../../../components/notices/notices.scss';

type Status = 'loading' | 'error' | 'forbidden' | 'ready';

const TITLE_MAX = 60;
const BODY_MAX = 10_000;
const DAY = 24 * 3600 * 1000;

const firstIssue = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) => {
  const issue = r.error?.issues[0];
  if (!issue) return '输入有误';
  const field = issue.path[0];
  const label = field === 'title' ? '标题' : field === 'body' ? '正文' : field === 'expiresAt' ? '有效期' : '';
  return label && !issue.message.includes(label) ? `${label}：${issue.message}` : issue.message;
};

export default function NoticeFormPage() {
  const allowed = usePageGate('noticeForm', { requireLogin: true });
  const params = useRouter().params;
  const editId = routeParam(params, 'id');
  const startOrgId = routeParam(params, 'orgId');

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [targets, setTargets] = useState<Org[]>([]);
  const [orgId, setOrgId] = useState(startOrgId);
  const [original, setOriginal] = useState<Notice | null>(null);

  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [category, setCategory] = useState<NoticeCategory>('party');
  const [pinned, setPinned] = useState(false);
  const [withExpiry, setWithExpiry] = useState(false);
  const [expiryDate, setExpiryDate] = useState(() => shanghaiDate(Date.now() + 30 * DAY));
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const actionKey = useActionKey();
  const loaded = useRef(false);

  const load = useCallback(async () => {
    if (loaded.current) return; // keep what was typed when coming back to the page
    setStatus('loading');
    try {
      const me = await loadMe();
      if (editId) {
        const n = await api('getNotice', { params: { id: editId } });
        const chain = await orgChain(n.orgId);
        if (!canPublishIn(me, chain)) {
          setStatus('forbidden');
          return;
        }
        setOriginal(n);
        setOrgId(n.orgId);
        setTargets(chain.slice(-1));
        setTitle(n.title);
        setBody(n.body);
        setCategory(n.category);
        setPinned(n.pinned);
        if (n.expiresAt) {
          setWithExpiry(true);
          setExpiryDate(shanghaiDate(n.expiresAt));
        }
      } else {
        const list = await publishTargets(me);
        if (startOrgId && !list.some((o) => o.id === startOrgId)) {
          // An admin, or a township admin coming from an org's list: allowed if the org is in their scope.
          const chain = await orgChain(startOrgId);
          if (canPublishIn(me, chain)) list.unshift(chain[chain.length - 1]);
        }
        if (list.length === 0) {
          setStatus('forbidden');
          return;
        }
        setTargets(list);
        setOrgId(list.some((o) => o.id === startOrgId) ? startOrgId : list[0].id);
        const start = list.find((o) => o.id === startOrgId) ?? list[0];
        setCategory(start.type === 'branch' ? 'party' : 'village');
      }
      loaded.current = true;
      setStatus('ready');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return;
      setLoadError(errorMessage(err));
      setStatus('error');
    }
  }, [editId, startOrgId]);

  useDidShow(() => {
    if (allowed) void load();
  });

  if (!allowed) return <View />;

  if (status === 'forbidden') {
    return (
      <View className='page'>
        <View className='state' id='ntf-forbidden'>
          <Text className='state-text'>只有支部书记和乡镇组织委员可以发布党务公开</Text>
        </View>
      </View>
    );
  }

  if (status !== 'ready') {
    return (
      <View className='page'>
        <LoadState id='ntf' status={status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  const save = async () => {
    if (saving) return;
    setError('');
    const expiresAt = withExpiry ? endOfShanghaiDay(expiryDate) : undefined;
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) {
      setError('有效期须晚于今天');
      return;
    }
    setSaving(true);
    try {
      let saved: Notice;
      if (original) {
        const patch: Record<string, unknown> = {};
        if (title.trim() !== original.title) patch.title = title;
        if (body.trim() !== original.body) patch.body = body;
        if (category !== original.category) patch.category = category;
        if (pinned !== original.pinned) patch.pinned = pinned;
        const before = original.expiresAt ? shanghaiDate(original.expiresAt) : null;
        const after = withExpiry ? expiryDate : null;
        if (before !== after) patch.expiresAt = expiresAt ?? null;
        if (Object.keys(patch).length === 0) {
          void Taro.showToast({ title: '没有需要保存的修改', icon: 'none' });
          return;
        }
        const r = UpdateNoticeBody.safeParse(patch);
        if (!r.success) {
          setError(firstIssue(r));
          return;
        }
        saved = await api('updateNotice', { params: { id: original.id }, body: r.data });
        void Taro.showToast({ title: '已保存', icon: 'success' });
      } else {
        const r = CreateNoticeBody.safeParse({ title, body, category, pinned, ...(expiresAt ? { expiresAt } : {}) });
        if (!r.success) {
          setError(firstIssue(r));
          return;
        }
        saved = await api('createNotice', { params: { orgId }, body: r.data, idempotencyKey: actionKey.keyFor({ orgId, ...r.data }) });
        actionKey.reset();
        void Taro.showToast({ title: '已发布', icon: 'success' });
      }
      void go('noticeDetail', { id: saved.id }, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      showApiError(err);
    } finally {
      setSaving(false);
    }
  };

  const target = targets.find((o) => o.id === orgId);
  const titleLen = title.trim().length;
  const bodyLen = body.trim().length;

  return (
    <View className='page' id='ntf'>
      <View className='card'>
        <Text className='card-title'>{original ? '编辑公告' : '发布公告'}</Text>

        <Text className='nt-label'>发布到</Text>
        {original || targets.length === 1 ? (
          <Text className='nt-picker-value' id='ntf-org'>
            {target?.name ?? ''}
          </Text>
        ) : (
          <View className='nt-chips' id='ntf-orgs'>
            {targets.map((o) => (
              <Text
                key={o.id}
                id={`ntf-org-${o.id}`}
                className={`nt-chip${o.id === orgId ? ' nt-chip--on' : ''}`}
                onClick={() => setOrgId(o.id)}
              >
                {o.name}
              </Text>
            ))}
          </View>
        )}

        <Text className='nt-label'>类别</Text>
        <View className='nt-chips' id='ntf-categories'>
          {NOTICE_CATEGORIES.map((c) => (
            <Text
              key={c}
              id={`ntf-category-${c}`}
              className={`nt-chip${c === category ? ' nt-chip--on' : ''}`}
              onClick={() => setCategory(c)}
            >
              {NOTICE_CATEGORY_LABELS[c]}
            </Text>
          ))}
        </View>

        <Text className='nt-label'>标题</Text>
        <View id='ntf-title'>
          <Input
            className='nt-input'
            value={title}
            maxlength={TITLE_MAX}
            placeholder='例如：第三季度党费收缴情况公示'
            onInput={(e) => setTitle(e.detail.value)}
          />
        </View>
        <Text className={`nt-count${titleLen > TITLE_MAX ? ' nt-count--over' : ''}`} id='ntf-title-count'>
          {`${titleLen}/${TITLE_MAX}`}
        </Text>

        <Text className='nt-label'>正文</Text>
        <View id='ntf-body'>
          <Textarea
            className='nt-textarea'
            value={body}
            maxlength={BODY_MAX}
            placeholder='公开的具体内容'
            onInput={(e) => setBody(e.detail.value)}
          />
        </View>
        <Text className={`nt-count${bodyLen > BODY_MAX ? ' nt-count--over' : ''}`}>{`${bodyLen}/${BODY_MAX}`}</Text>

        <View className='nt-switch-row'>
          <Text>置顶</Text>
          <Switch id='ntf-pinned' checked={pinned} color='#c8161d' onChange={(e) => setPinned(e.detail.value)} />
        </View>
        <View className='nt-switch-row'>
          <Text>设置有效期</Text>
          <Switch id='ntf-expiry' checked={withExpiry} color='#c8161d' onChange={(e) => setWithExpiry(e.detail.value)} />
        </View>
        {withExpiry && (
          <Picker
            mode='date'
            id='ntf-expiry-date'
            value={expiryDate}
            start={shanghaiDate(Date.now() + DAY)}
            onChange={(e) => setExpiryDate(String(e.detail.value))}
          >
            <Text className='nt-picker-value'>{`显示到 ${expiryDate} 当天结束`}</Text>
          </Picker>
        )}

        {error && (
          <Text className='error-text' id='ntf-error'>
            {error}
          </Text>
        )}
        <View className='btn-row'>
          <Button id='ntf-save' type='primary' loading={saving} onClick={() => void save()}>
            {original ? '保存修改' : '发布'}
          </Button>
        </View>
      </View>
      <Text className='muted'>党务公开面向所有群众，无需登录即可查看。请勿填写身份证号、手机号等个人信息。</Text>
    </View>
  );
}
