import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CreateIdeaBody, IDEA_CATEGORIES, type IdeaCategory } from '@shared/schemas/themeday';
import { api } from '../../../api/client';
import { useActionKey } from '../../../lib/action-key';
import { usePageGate } from '../../../lib/gate';
import { go } from '../../../lib/nav';
import { askFor, useSubscriptions } from '../../../lib/subscribe';
import { IDEA_CATEGORY_LABELS } from '../../../lib/themeday-labels';
import SubmitBar from '../../../components/form/SubmitBar';
import { TextAreaField, TextField } from '../../../components/form/TextField';
import { useSubmit } from '../../../components/form/useSubmit';
import PageShell from '../../../components/PageShell';
import '../../../components/themeday/themeday.scss';

const TITLE_MAX = 40;
const CONTENT_MAX = 1000;

export default function IdeaFormPage() {
  const allowed = usePageGate('ideaForm', { requireLogin: true });
  const branchId = useRouter().params.branchId ?? '';

  const [category, setCategory] = useState<IdeaCategory | null>(null);
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const { error, setError, saving, send } = useSubmit();
  /** A retry after a lost answer does not create a second idea. */
  const actionKey = useActionKey();
  // Loaded ahead so that 提交创意 can ask for the answer message within the tap.
  useSubscriptions();

  if (!allowed) return <View />;

  const submit = async () => {
    if (saving) return;
    setError('');
    if (!category) return setError('请选择创意类别');
    const r = CreateIdeaBody().safeParse({ title, content, category });
    if (!r.success) return setError(r.error.issues[0]?.message ?? '输入有误');
    // The secretary's answer: asked in this tap, as WeChat requires, alongside sending the idea.
    void askFor(['idea_answered']);
    await send(async () => {
      const idea = await api('createIdea', { params: { branchId }, body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
      actionKey.reset();
      void Taro.showToast({
        title: idea.status === 'pending_review' ? '已提交，审核通过后公开' : '创意已提交',
        icon: idea.status === 'pending_review' ? 'none' : 'success',
        duration: 2500,
      });
      void go('idea', { id: idea.id }, { replace: true });
    });
  };

  return (
    <PageShell id='idea-form'>
      <View className='card'>
        <Text className='td-label'>创意类别</Text>
        <View className='td-chips' id='idea-category'>
          {IDEA_CATEGORIES.map((c) => (
            <Text
              key={c}
              id={`idea-category-${c}`}
              className={`td-chip${category === c ? ' td-chip--on' : ''}`}
              onClick={() => setCategory(c)}
            >
              {IDEA_CATEGORY_LABELS[c]}
            </Text>
          ))}
        </View>

        <TextField
          kind='td'
          label='标题'
          id='idea-title'
          value={title}
          maxLength={TITLE_MAX}
          placeholder='一句话说清楚您的创意'
          onInput={setTitle}
          count={{ id: 'idea-title-count' }}
        />

        <TextAreaField
          kind='td'
          label='具体内容'
          id='idea-content'
          value={content}
          maxLength={CONTENT_MAX}
          placeholder='活动怎么开展、需要哪些准备、预期效果如何'
          onInput={setContent}
          count={{ id: 'idea-content-count' }}
        />

        <SubmitBar id='idea-submit' errorId='idea-error' error={error} loading={saving} onSubmit={submit}>
          提交创意
        </SubmitBar>
        <Text className='muted'>提交的内容会经过安全审核；支部书记会给出答复。</Text>
      </View>
    </PageShell>
  );
}
