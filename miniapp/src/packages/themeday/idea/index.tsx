import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { AnswerIdeaBody, type Idea } from '@shared/schemas/themeday';
import { formatDateTime } from '@shared/time';
import { api, errorMessage, showApiError } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import { IdeaStatusTag } from '../../../components/themeday/StatusTag';
import SupportButton from '../../../components/themeday/SupportButton';
import { useSupport } from '../../../components/themeday/useSupport';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { isBranchPerson, isSecretaryOf } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { usePageLoad } from '../../../lib/page-load';
import {
  ANSWER_STATUSES,
  IDEA_CATEGORY_LABELS,
  IDEA_STATUS_LABELS,
  REPORT_REASON_LABELS,
  type AnswerStatusCode,
  type ReportReasonCode,
} from '../../../lib/themeday-labels';
import SubmitBar from '../../../components/form/SubmitBar';
import { TextAreaField } from '../../../components/form/TextField';
import PageShell from '../../../components/PageShell';
import '../../../components/themeday/themeday.scss';

const REPLY_MAX = 500;
const REPORT_REASONS = Object.keys(REPORT_REASON_LABELS) as ReportReasonCode[];

export default function IdeaDetailPage() {
  const allowed = usePageGate('idea', { requireLogin: true });
  const id = useRouter().params.id ?? '';

  const {
    data,
    setData,
    status,
    error: loadError,
    reload: load,
  } = usePageLoad(async () => {
    const [i, me] = await Promise.all([api('getIdea', { params: { ideaId: id } }), loadMe()]);
    return { idea: i, user: me };
  });
  const idea = data?.idea;
  const user = data?.user ?? null;
  const [answerStatus, setAnswerStatus] = useState<AnswerStatusCode | null>(null);
  const [reply, setReply] = useState('');
  const [answerError, setAnswerError] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const show = (i: Idea) => setData((prev) => prev && { ...prev, idea: i });

  // 修改答复 opens with the answer as it stands.
  const current = idea?.answer;
  useEffect(() => {
    setAnswerStatus(current?.status ?? null);
    setReply(current?.reply ?? '');
  }, [current?.answeredAt, current?.status, current?.reply]);

  // Updates the latest idea, not the one of the render that started the request.
  const toggleSupport = useSupport((_, patch) => setData((prev) => prev && { ...prev, idea: { ...prev.idea, ...patch } }));

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (status !== 'ready' || !idea) {
    return (
      <PageShell>
        <LoadState id='idea' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </PageShell>
    );
  }

  const secretary = isSecretaryOf(user, idea.branchId);
  const member = isBranchPerson(user, idea.branchId);
  const mineIdea = user?.id === idea.authorId;
  // Nobody supports their own idea (the API refuses it too).
  const supportable = member && !mineIdea && idea.status !== 'hidden' && idea.status !== 'pending_review';

  const report = async () => {
    if (busy) return;
    let tapIndex: number;
    try {
      ({ tapIndex } = await Taro.showActionSheet({ itemList: REPORT_REASONS.map((r) => REPORT_REASON_LABELS[r]) }));
    } catch {
      return; // cancelled
    }
    const reason = REPORT_REASONS[tapIndex];
    if (!reason) return;
    setBusy('report');
    try {
      await api('reportIdea', { params: { ideaId: idea.id }, body: { reason } });
      show({ ...idea, reportedByMe: true });
      void Taro.showToast({ title: '已举报，感谢您的反馈', icon: 'none' });
    } catch (err) {
      showApiError(err);
    } finally {
      setBusy(null);
    }
  };

  const answer = async () => {
    if (busy) return;
    setAnswerError('');
    if (!answerStatus) return setAnswerError('请选择答复结果');
    const r = AnswerIdeaBody().safeParse({ status: answerStatus, reply });
    if (!r.success) return setAnswerError(r.error.issues[0]?.message ?? '输入有误');
    setBusy('answer');
    try {
      show(await api('answerIdea', { params: { ideaId: idea.id }, body: r.data }));
      void Taro.showToast({ title: '已答复', icon: 'success' });
    } catch (err) {
      setAnswerError(errorMessage(err));
      showApiError(err);
    } finally {
      setBusy(null);
    }
  };

  const restore = async () => {
    if (busy) return;
    setBusy('restore');
    try {
      show(await api('restoreIdea', { params: { ideaId: idea.id } }));
      void Taro.showToast({ title: '已恢复显示', icon: 'success' });
    } catch (err) {
      showApiError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell id='idea-detail'>
      <View className='card'>
        <View className='td-spread'>
          <View className='td-row'>
            <IdeaStatusTag status={idea.status} id='idea-status' />
            <Text className='muted'>{IDEA_CATEGORY_LABELS[idea.category]}</Text>
          </View>
          {supportable ? (
            <SupportButton id='idea-support' idea={idea} onToggle={() => void toggleSupport(idea)} />
          ) : (
            <Text className='muted'>{`${idea.supportCount} 人支持`}</Text>
          )}
        </View>
        <Text className='td-card__title' id='idea-title-text'>
          {idea.title}
        </Text>
        <Text className='muted'>{`${idea.authorName} · ${formatDateTime(idea.createdAt)}`}</Text>
        <Text className='td-card__meta idea-content' id='idea-content-text'>
          {idea.content}
        </Text>
        {idea.status === 'pending_review' && (
          <Text className='muted'>内容正在审核，通过后支部党员才能看到。</Text>
        )}
        {idea.review?.decision === 'rejected' ? (
          <Text className='error-text' id='idea-review-rejected'>
            {`未通过审核${idea.review.reason ? `：${idea.review.reason}` : ''}。此创意仅您和支部书记可见。`}
          </Text>
        ) : (
          idea.status === 'hidden' && <Text className='muted'>多位党员举报，此创意已隐藏，等待审核。</Text>
        )}
      </View>

      <View className='card' id='idea-answer'>
        <Text className='card-title'>书记答复</Text>
        {idea.answer ? (
          <View>
            <View className='td-row'>
              <IdeaStatusTag status={idea.answer.status} id='idea-answer-status' />
              <Text className='muted'>{formatDateTime(idea.answer.answeredAt)}</Text>
            </View>
            <Text className='td-card__meta' id='idea-answer-reply'>
              {idea.answer.reply}
            </Text>
          </View>
        ) : (
          <Text className='muted' id='idea-no-answer'>
            支部书记还没有答复。
          </Text>
        )}
      </View>

      {secretary && idea.status !== 'pending_review' && (
        <View className='card' id='answer-form'>
          <Text className='card-title'>{idea.answer ? '修改答复' : '答复创意'}</Text>
          <View className='td-chips'>
            {ANSWER_STATUSES.map((s) => (
              <Text
                key={s}
                id={`answer-status-${s}`}
                className={`td-chip${answerStatus === s ? ' td-chip--on' : ''}`}
                onClick={() => setAnswerStatus(s)}
              >
                {IDEA_STATUS_LABELS[s]}
              </Text>
            ))}
          </View>
          <TextAreaField
            kind='td'
            id='answer-reply'
            value={reply}
            maxLength={REPLY_MAX}
            placeholder='给提出创意的党员一个答复'
            onInput={setReply}
            count={{ over: false }}
          />
          <SubmitBar
            id='answer-submit'
            errorId='answer-error'
            error={answerError}
            loading={busy === 'answer'}
            onSubmit={answer}
            extra={
              idea.status === 'hidden' && (
                <Button id='idea-restore' loading={busy === 'restore'} onClick={() => void restore()}>
                  恢复显示
                </Button>
              )
            }
          >
            提交答复
          </SubmitBar>
        </View>
      )}

      {member && !mineIdea && idea.status !== 'hidden' && (
        <View className='td-more'>
          {idea.reportedByMe ? (
            <Text id='idea-reported'>您已举报此创意</Text>
          ) : (
            <Text id='idea-report' onClick={() => void report()}>
              举报
            </Text>
          )}
        </View>
      )}
    </PageShell>
  );
}
