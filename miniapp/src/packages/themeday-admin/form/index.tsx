import { Picker, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CreateThemeDayBody, THEMEDAY_RULES } from '@shared/schemas/themeday';
import { formatDateKey, shanghaiDate, shanghaiInstant } from '@shared/time';
import { api } from '../../../api/client';
import { isLateNotice } from '../../../components/themeday/late-notice';
import { useActionKey } from '../../../lib/action-key';
import { Button } from '../../../components/nut';
import { usePageGate } from '../../../lib/gate';
import { go } from '../../../lib/nav';
import { usePageLoad } from '../../../lib/page-load';
import { defaultThemeDayTimes } from '../../../lib/themeday';
import SubmitBar from '../../../components/form/SubmitBar';
import { TextField } from '../../../components/form/TextField';
import { useSubmit } from '../../../components/form/useSubmit';
import { BRAND_COLOR } from '../../../lib/design';
import PageShell from '../../../components/PageShell';
import '../../../components/themeday/themeday.scss';

const MAX_AGENDA = 20;

export default function ThemeDayFormPage() {
  const allowed = usePageGate('themedayForm', { requireLogin: true });
  const branchId = useRouter().params.branchId ?? '';

  const [defaults] = useState(() => defaultThemeDayTimes(Date.now()));
  // A theme day lies ahead: the date pickers start today and offer this year and the next only.
  const today = shanghaiDate();
  const lastDay = `${Number(today.slice(0, 4)) + 1}-12-31`;
  const [title, setTitle] = useState('');
  const [startDate, setStartDate] = useState(defaults.startDate);
  const [startTime, setStartTime] = useState(defaults.startTime);
  const [endDate, setEndDate] = useState(defaults.endDate);
  const [endTime, setEndTime] = useState(defaults.endTime);
  const [location, setLocation] = useState('');
  const [agenda, setAgenda] = useState<string[]>(['']);
  const [ideaIds, setIdeaIds] = useState<string[]>([]);
  const [online, setOnline] = useState(true);
  const { error, setError, saving, send } = useSubmit();
  const actionKey = useActionKey();

  // The accepted ideas to adopt, loaded once: coming back to the page keeps what was chosen.
  const ideas = usePageLoad(async () => {
    const page = await api('listIdeas', { params: { branchId }, query: { status: 'accepted', sort: 'hot', limit: 50 } });
    return page.items;
  });

  useDidShow(() => {
    if (allowed && ideas.status !== 'ready') void ideas.reload();
  });

  if (!allowed) return <View />;

  const setAgendaLine = (i: number, value: string) => setAgenda((prev) => prev.map((l, j) => (j === i ? value : l)));
  const addAgendaLine = () => setAgenda((prev) => (prev.length < MAX_AGENDA ? [...prev, ''] : prev));
  const removeAgendaLine = (i: number) => setAgenda((prev) => (prev.length > 1 ? prev.filter((_, j) => j !== i) : ['']));
  const toggleIdea = (id: string) =>
    setIdeaIds((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));

  const startsAt = shanghaiInstant(startDate, startTime);
  const late = isLateNotice(startsAt, Date.now());

  const save = async () => {
    if (saving) return;
    setError('');
    const r = CreateThemeDayBody().safeParse({
      title,
      startsAt,
      endsAt: shanghaiInstant(endDate, endTime),
      location,
      agenda: agenda.map((l) => l.trim()).filter(Boolean),
      ideaIds: ideaIds.length ? ideaIds : undefined,
      onlineParticipation: online,
    });
    if (!r.success) return setError(r.error.issues[0]?.message ?? '输入有误');
    await send(async () => {
      const day = await api('createThemeDay', { params: { branchId }, body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
      actionKey.reset();
      void Taro.showToast({ title: '草稿已保存', icon: 'success' });
      void go('themedayDetail', { id: day.id }, { replace: true });
    });
  };

  return (
    <PageShell id='tdf'>
      <View className='card'>
        <TextField
          kind='td'
          label='主题'
          id='tdf-title'
          value={title}
          maxLength={60}
          placeholder='例如：重温入党誓词 · 学习党的二十届三中全会精神'
          onInput={setTitle}
        />

        <Text className='td-label'>开始时间（北京时间）</Text>
        <View className='td-row'>
          <Picker mode='date' id='tdf-start-date' value={startDate} start={today} end={lastDay} onChange={(e) => setStartDate(String(e.detail.value))}>
            <Text className='td-chip'>{formatDateKey(startDate)}</Text>
          </Picker>
          <Picker mode='time' id='tdf-start-time' value={startTime} onChange={(e) => setStartTime(String(e.detail.value))}>
            <Text className='td-chip'>{startTime}</Text>
          </Picker>
        </View>

        <Text className='td-label'>结束时间（北京时间）</Text>
        <View className='td-row'>
          <Picker mode='date' id='tdf-end-date' value={endDate} start={startDate} end={lastDay} onChange={(e) => setEndDate(String(e.detail.value))}>
            <Text className='td-chip'>{formatDateKey(endDate)}</Text>
          </Picker>
          <Picker mode='time' id='tdf-end-time' value={endTime} onChange={(e) => setEndTime(String(e.detail.value))}>
            <Text className='td-chip'>{endTime}</Text>
          </Picker>
        </View>
        {late && <Text className='td-late'>{`距开始不足 ${THEMEDAY_RULES.lateNoticeDays} 天，发布后预告将标注「预告发布较晚」`}</Text>}

        <TextField kind='td' label='地点' id='tdf-location' value={location} maxLength={100} placeholder='例如：村党群服务中心二楼会议室' onInput={setLocation} />
      </View>

      <View className='card' id='tdf-agenda'>
        <Text className='card-title'>活动议程</Text>
        {agenda.map((line, i) => (
          <View className='td-agenda-row' key={i}>
            <Text className='td-agenda__no'>{`${i + 1}.`}</Text>
            <TextField kind='td' id={`tdf-agenda-${i}`} value={line} maxLength={100} placeholder='一项议程' onInput={(v) => setAgendaLine(i, v)} />
            {agenda.length > 1 && (
              <Text className='muted' id={`tdf-agenda-remove-${i}`} onClick={() => removeAgendaLine(i)}>
                删除
              </Text>
            )}
          </View>
        ))}
        {agenda.length < MAX_AGENDA && (
          <View className='btn-row'>
            <Button id='tdf-agenda-add' size='small' onClick={addAgendaLine}>
              添加一项议程
            </Button>
          </View>
        )}
      </View>

      <View className='card' id='tdf-ideas'>
        <Text className='card-title'>采纳的党员创意</Text>
        {ideas.status === 'loading' && <Text className='muted'>加载中…</Text>}
        {(ideas.status === 'error' || ideas.status === 'missing') && (
          <View className='td-spread'>
            <Text className='muted'>{ideas.error}</Text>
            <Text id='tdf-ideas-retry' className='td-chip' onClick={() => void ideas.reload()}>
              重试
            </Text>
          </View>
        )}
        {ideas.data?.length === 0 && (
          <Text className='muted' id='tdf-ideas-empty'>
            暂无已采纳的创意。在「创意征集」里答复为「已采纳」的创意会出现在这里。
          </Text>
        )}
        {!!ideas.data?.length && (
          <View className='td-chips'>
            {ideas.data.map((idea) => (
              <Text
                key={idea.id}
                id={`tdf-idea-${idea.id}`}
                className={`td-chip${ideaIds.includes(idea.id) ? ' td-chip--on' : ''}`}
                onClick={() => toggleIdea(idea.id)}
              >
                {idea.title}
              </Text>
            ))}
          </View>
        )}
      </View>

      <View className='card'>
        <View className='td-spread'>
          <View>
            <Text className='card-title'>开放网上参与</Text>
            <Text className='muted'>{`未能到场的党员可在活动开始后至结束后 ${THEMEDAY_RULES.onlineWindowDays} 天内提交学习心得。`}</Text>
          </View>
          <Switch id='tdf-online' aria-label='开放网上参与' checked={online} color={BRAND_COLOR} onChange={(e) => setOnline(e.detail.value)} />
        </View>
      </View>

      <SubmitBar id='tdf-save' errorId='tdf-error' error={error} loading={saving} onSubmit={save} block>
        保存草稿
      </SubmitBar>
      <Text className='muted'>保存后可预览草稿，确认无误再发布预告。</Text>
    </PageShell>
  );
}
