// 考核 drill-down: one theme day with its figures and the township's guidance. Township staff give guidance
// (a comment and 1–5 stars) and mark a closed day as a case for the 百例 library.
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { GuidanceBody } from '@shared/schemas/notices';
import type { Org } from '@shared/schemas/people';
import type { IdeaCategory } from '@shared/schemas/themeday';
import { api, errorMessage, showApiError } from '../../../api/client';
import DayReview, { GuidanceList, type GuidanceState } from '../../../components/cases/DayReview';
import LoadState from '../../../components/LoadState';
import { useActionKey } from '../../../components/notices/useActionKey';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { isStaffOver } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go, routeParam } from '../../../lib/nav';
import { orgChain } from '../../../lib/orgs';
import { usePageLoad } from '../../../lib/page-load';
import { IDEA_CATEGORY_LABELS } from '../../../lib/themeday-labels';
import '../../../components/notices/notices.scss';

const CATEGORIES = Object.keys(IDEA_CATEGORY_LABELS) as IdeaCategory[];
const COMMENT_MAX = 1000;

export default function AssessmentDayPage() {
  const allowed = usePageGate('assessmentDay', { requireLogin: true });
  const id = routeParam(useRouter().params, 'id');

  const [chain, setChain] = useState<Org[]>([]);
  const [guidance, setGuidance] = useState<GuidanceState>({ status: 'loading' });

  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [formError, setFormError] = useState('');
  const [sending, setSending] = useState(false);
  const [caseCategory, setCaseCategory] = useState<IdeaCategory | null>(null);
  const [marking, setMarking] = useState(false);
  const actionKey = useActionKey();

  const loadGuidance = useCallback(async () => {
    setGuidance((g) => (g.status === 'ready' ? g : { status: 'loading' }));
    try {
      const r = await api('listGuidance', { params: { id } });
      setGuidance({ status: 'ready', items: r.items });
    } catch (err) {
      setGuidance({ status: 'error', message: errorMessage(err) });
    }
  }, [id]);

  const {
    data,
    setData,
    status,
    error: loadError,
    reload: load,
  } = usePageLoad(async () => {
    void loadGuidance(); // alongside, with its own error state: the day shows without it
    const [d, me] = await Promise.all([api('getThemeDay', { params: { id } }), loadMe().catch(() => null)]);
    // Only to decide whether to offer guidance and 评为典型案例: the page does not wait for it.
    void orgChain(d.branchId).then(setChain).catch(() => setChain([]));
    return { day: d, user: me };
  });
  const day = data?.day;
  const user = data?.user ?? null;

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (status !== 'ready' || !day) {
    return (
      <View className='page'>
        <LoadState id='as-day' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  const staff = isStaffOver(user, chain);
  const canGuide = staff && (day.status === 'published' || day.status === 'closed');
  const canMark = staff && day.status === 'closed' && !day.exemplary;

  const sendGuidance = async () => {
    if (sending) return;
    setFormError('');
    const r = GuidanceBody.safeParse({ comment, rating });
    if (!r.success) {
      setFormError(rating < 1 ? '请先选择评分' : (r.error.issues[0]?.message ?? '输入有误'));
      return;
    }
    setSending(true);
    try {
      await api('giveGuidance', { params: { id }, body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
      actionKey.reset();
      setComment('');
      setRating(0);
      void Taro.showToast({ title: '已记录指导意见', icon: 'success' });
      await loadGuidance();
    } catch (err) {
      setFormError(errorMessage(err));
      showApiError(err);
    } finally {
      setSending(false);
    }
  };

  const markCase = async () => {
    if (marking) return;
    const category = caseCategory ?? day.category;
    const { confirm } = await Taro.showModal({
      title: '评为典型案例',
      content: `「${day.title}」将以「${IDEA_CATEGORY_LABELS[category]}」类别进入百例案例库，所有人可查看。确定吗？`,
    });
    if (!confirm) return;
    setMarking(true);
    try {
      await api('markExemplary', { params: { id }, body: { category } });
      setData((prev) => prev && { ...prev, day: { ...prev.day, exemplary: true, category } });
      void Taro.showToast({ title: '已加入案例库', icon: 'success' });
    } catch (err) {
      showApiError(err);
    } finally {
      setMarking(false);
    }
  };

  return (
    <View className='page' id='as-day'>
      <DayReview day={day} />

      <View className='btn-row nt-actions'>
        <Button id='as-day-preview' onClick={() => void go('themedayDetail', { id })}>
          查看预告页
        </Button>
        {day.exemplary && (
          <Button id='as-day-case' onClick={() => void go('caseDetail', { id })}>
            查看案例
          </Button>
        )}
      </View>

      <GuidanceList state={guidance} onRetry={() => void loadGuidance()} />

      {canGuide && (
        <View className='card' id='as-guide-form'>
          <Text className='card-title'>填写指导意见</Text>
          <Text className='nt-label'>评分</Text>
          <View className='ca-rating' id='as-guide-rating'>
            {[1, 2, 3, 4, 5].map((n) => (
              <Text
                key={n}
                id={`as-guide-star-${n}`}
                className={`ca-rating__star${n <= rating ? ' ca-rating__star--on' : ''}`}
                onClick={() => setRating(n)}
              >
                ★
              </Text>
            ))}
          </View>
          <Text className='nt-label'>指导意见</Text>
          <View id='as-guide-comment'>
            <Textarea
              className='nt-textarea nt-textarea--short'
              value={comment}
              maxlength={COMMENT_MAX}
              placeholder='例如：议程完整，建议增加党员交流发言环节'
              onInput={(e) => setComment(e.detail.value)}
            />
          </View>
          <Text className='nt-count'>{`${comment.trim().length}/${COMMENT_MAX}`}</Text>
          {formError && (
            <Text className='error-text' id='as-guide-error'>
              {formError}
            </Text>
          )}
          <View className='btn-row'>
            <Button id='as-guide-submit' type='primary' loading={sending} onClick={() => void sendGuidance()}>
              提交指导意见
            </Button>
          </View>
        </View>
      )}

      {canMark && (
        <View className='card' id='as-mark-case'>
          <Text className='card-title'>评为典型案例</Text>
          <Text className='muted'>选择案例类别，评选后进入百例案例库，供各支部学习借鉴。</Text>
          <View className='nt-chips'>
            {CATEGORIES.map((c) => (
              <Text
                key={c}
                id={`as-case-category-${c}`}
                className={`nt-chip${(caseCategory ?? day.category) === c ? ' nt-chip--on' : ''}`}
                onClick={() => setCaseCategory(c)}
              >
                {IDEA_CATEGORY_LABELS[c]}
              </Text>
            ))}
          </View>
          <View className='btn-row'>
            <Button id='as-mark-submit' type='primary' loading={marking} onClick={() => void markCase()}>
              评为典型案例
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
