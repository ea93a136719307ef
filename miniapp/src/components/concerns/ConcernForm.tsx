// 我要说事: category, village (the user's own by default), title, text with a live count, up to four photos, optional
// contact phone;
// after sending, the tracking number big with 「查看进度」.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { CONCERN_CATEGORIES, CreateConcernBody, type Concern, type ConcernCategory } from '@shared/schemas/concerns';
import type { User } from '@shared/schemas/people';
import { formatDateTime } from '@shared/time';
import { api } from '../../api/client';
import { CONCERN_CATEGORY_LABELS } from '../../lib/concerns';
import { firstIssue } from '../../lib/forms';
import { placeOfVillage, type VillagePlace } from '../../lib/orgs';
import { askFor, useSubscriptions } from '../../lib/subscribe';
import SubmitBar from '../form/SubmitBar';
import { TextAreaField, TextField } from '../form/TextField';
import { useSubmit } from '../form/useSubmit';
import { Button } from '../nut';
import SubscribeReminder from '../SubscribeReminder';
import { useActionKey } from '../../lib/action-key';
import PhotoPicker, { usePhotoUploads } from './PhotoPicker';
import VillagePicker from './VillagePicker';
import TrackingNo from './TrackingNo';
import './concerns.scss';

const TITLE_MAX = 40;
const CONTENT_MIN = 5;
const CONTENT_MAX = 2000;

export interface ConcernFormProps {
  user: User;
  onRaised: (c: Concern) => void;
  onViewProgress: (c: Concern) => void;
}

export default function ConcernForm({ user, onRaised, onViewProgress }: ConcernFormProps) {
  const [category, setCategory] = useState<ConcernCategory | null>(null);
  const [place, setPlace] = useState<VillagePlace | null>(null);
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [phone, setPhone] = useState('');
  const photos = usePhotoUploads();
  const { error, setError, saving, send } = useSubmit();
  const [raised, setRaised] = useState<Concern | null>(null);
  /** A second tap after a lost answer sends the same key: the API answers with the first concern, never a second. */
  const actionKey = useActionKey();
  // Loaded ahead so that 提交 can ask for progress messages within the tap.
  useSubscriptions();

  // The user's own village, until they pick another.
  useEffect(() => {
    if (!user.villageId || place) return;
    let live = true;
    void placeOfVillage(user.villageId).then((p) => {
      if (live && p) setPlace((prev) => prev ?? p);
    });
    return () => {
      live = false;
    };
  }, [user.villageId, place]);

  const submit = async () => {
    if (saving) return;
    setError('');
    if (!category) return setError('请选择事项类别');
    if (!place) return setError('请选择事情所在的村（社区）');
    if (photos.blocker) return setError(photos.blocker);
    const r = CreateConcernBody().safeParse({
      villageId: place.villageId,
      category,
      title,
      content,
      ...(phone.trim() ? { contactPhone: phone.trim() } : {}),
      ...(photos.photoIds.length ? { photos: photos.photoIds } : {}),
    });
    if (!r.success) return setError(firstIssue(r.error));
    // Progress messages (transferred, resolved): asked in this tap, as WeChat requires, alongside sending the concern.
    void askFor(['concern_update']);
    await send(async () => {
      const c = await api('raiseConcern', { body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
      actionKey.reset();
      setRaised(c);
      onRaised(c);
      if (c.pendingReview) void Taro.showToast({ title: '已受理，内容将经人工复核', icon: 'none', duration: 2500 });
    });
  };

  const again = () => {
    setRaised(null);
    setCategory(null);
    setTitle('');
    setContent('');
    setPhone('');
    photos.reset();
    setError('');
  };

  if (raised) {
    return (
      <View className='cs-card' id='cs-success'>
        <View className='cs-success'>
          <Text className='cs-success__icon'>✓</Text>
          <Text className='cs-success__title'>已受理</Text>
          <Text className='muted'>{`已转交「${raised.stationName ?? '驻点工作室'}」办理`}</Text>
          <Text className='cs-success__label'>受理编号</Text>
          <TrackingNo className='cs-success__no' id='cs-tracking-no' no={raised.trackingNo} />
          <Text className='muted' id='cs-success-due'>{`承诺 ${formatDateTime(raised.dueAt)} 前办结`}</Text>
          <Text className='muted'>请记下受理编号；办理进度可在「我的说事」中随时查看。</Text>
          <SubscribeReminder id='cs-reminder' template='concern_update' label='办理进度提醒我' />
        </View>
        <View className='btn-row'>
          <Button id='cs-view-progress' type='primary' onClick={() => onViewProgress(raised)}>
            查看进度
          </Button>
          <Button id='cs-raise-another' onClick={again}>
            再说一件
          </Button>
        </View>
      </View>
    );
  }

  const contentLen = content.trim().length;

  return (
    <View className='cs-card' id='cs-form'>
      <Text className='cs-label'>事项类别</Text>
      <View className='cs-chips' id='cs-category'>
        {CONCERN_CATEGORIES.map((c) => (
          <Text key={c} id={`cs-category-${c}`} className={`cs-chip${category === c ? ' cs-chip--on' : ''}`} onClick={() => setCategory(c)}>
            {CONCERN_CATEGORY_LABELS[c]}
          </Text>
        ))}
      </View>

      <Text className='cs-label'>所在村（社区）</Text>
      <VillagePicker value={place} onChange={setPlace} />

      <TextField
        kind='cs'
        label='标题'
        id='cs-title'
        value={title}
        maxLength={TITLE_MAX}
        placeholder='一句话说清是什么事'
        onInput={setTitle}
        count={{ id: 'cs-title-count' }}
      />

      <TextAreaField
        kind='cs'
        label='具体情况'
        id='cs-content'
        value={content}
        maxLength={CONTENT_MAX}
        placeholder='什么时间、什么地点、发生了什么，希望怎么解决'
        onInput={setContent}
        count={{
          id: 'cs-content-count',
          over: content.length > CONTENT_MAX || (content.length > 0 && contentLen < CONTENT_MIN),
          text: contentLen > 0 && contentLen < CONTENT_MIN ? `至少 ${CONTENT_MIN} 个字 · ${content.length}/${CONTENT_MAX}` : undefined,
        }}
      />

      <PhotoPicker id='cs-photos' uploads={photos} />

      <TextField kind='cs' label='联系电话（选填）' id='cs-phone' type='number' value={phone} maxLength={11} placeholder='方便工作人员联系您' onInput={setPhone} />
      <Text className='cs-note' id='cs-phone-note'>
        号码加密保存，只有您和办理人员能看到，且只显示部分号码（如 139****5678）。
      </Text>

      <SubmitBar id='cs-submit' errorId='cs-form-error' error={error} loading={saving} onSubmit={submit}>
        提交
      </SubmitBar>
      <Text className='cs-note'>提交后由所在村的群众说事室（或乡镇驻点工作室）受理，并在承诺时限内办结。</Text>
    </View>
  );
}
