import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { ThemeDay } from '@shared/schemas/themeday';
import { formatDateTime, shanghaiTime } from '@shared/time';
import { api, errorMessage, showApiError } from '../../../api/client';
import { IS_WEAPP } from '../../../env';
import { usePageGate } from '../../../lib/gate';
import { isBranchPerson, isSecretaryOf } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go, pageUrl } from '../../../lib/nav';
import { lookupOrg } from '../../../lib/orgs';
import { usePageLoad } from '../../../lib/page-load';
import { formatRange, isCheckInOpen, isOnlineOpen } from '../../../lib/themeday';
import { addToPhoneCalendar, checkInWithCode, scanCheckInCode } from '../../../lib/themeday-actions';
import LoadState from '../../../components/LoadState';
import StatsGrid from '../../../components/themeday/StatsGrid';
import { AttendanceStatusTag, ThemeDayStatusTag } from '../../../components/themeday/StatusTag';
import { Button } from '../../../components/nut';
import SubscribeReminder from '../../../components/SubscribeReminder';
import '../../../components/themeday/themeday.scss';

const LATE_NOTICE_MS = 3 * 24 * 3600 * 1000;

export default function ThemeDayDetail() {
  const allowed = usePageGate('themedayDetail');
  const id = useRouter().params.id ?? '';

  const [branchName, setBranchName] = useState('');
  const {
    data,
    setData,
    status,
    error: loadError,
    reload: load,
  } = usePageLoad(async () => {
    const [d, me] = await Promise.all([
      api('getThemeDay', { params: { id } }),
      loadMe().catch(() => null), // the preview is public: show it even when /v1/me fails
    ]);
    if (d.branchName) setBranchName(d.branchName);
    else void lookupOrg(d.branchId).then((org) => org && setBranchName(org.name));
    return { day: d, user: me };
  });
  const day = data?.day;
  const user = data?.user ?? null;
  const [busy, setBusy] = useState<string | null>(null);

  const [leaveOpen, setLeaveOpen] = useState(false);
  const [leaveReason, setLeaveReason] = useState('');
  const [code, setCode] = useState('');
  /** weapp scans the QR code; typing the code is the fallback (and the only way in H5). */
  const [typing, setTyping] = useState(!IS_WEAPP);
  const [checkInError, setCheckInError] = useState('');
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const [formError, setFormError] = useState('');

  const show = (d: ThemeDay) => setData((prev) => prev && { ...prev, day: d });

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  useShareAppMessage(() => ({
    title: day ? `主题党日预告：${day.title}` : '主题党日预告',
    path: pageUrl('themedayDetail', { id }),
  }));

  if (!allowed) return <View />;

  if (status !== 'ready' || !day) {
    return (
      <View className='page'>
        <LoadState id='td-detail' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </View>
    );
  }

  /** Runs one action at a time, showing its error as a toast (and inline when `inline` is set). */
  const run = async (name: string, action: () => Promise<void>, inline = false) => {
    if (busy) return;
    setBusy(name);
    setFormError('');
    try {
      await action();
    } catch (err) {
      if (inline) setFormError(errorMessage(err));
      showApiError(err);
    } finally {
      setBusy(null);
    }
  };

  const refresh = async () => show(await api('getThemeDay', { params: { id } }));

  const rsvpAttend = () =>
    run('attend', async () => {
      await api('rsvp', { params: { id }, body: { response: 'attending' } });
      setLeaveOpen(false);
      await refresh();
      void Taro.showToast({ title: '已报名参加', icon: 'success' });
    });

  const rsvpLeave = () => {
    const reason = leaveReason.trim();
    if (!reason) {
      setFormError('请假需填写理由');
      return;
    }
    void run(
      'leave',
      async () => {
        await api('rsvp', { params: { id }, body: { response: 'leave', reason } });
        setLeaveOpen(false);
        setLeaveReason('');
        await refresh();
        void Taro.showToast({ title: '已提交请假', icon: 'success' });
      },
      true,
    );
  };

  const doCheckIn = async (value: string) => {
    setCheckInError('');
    if (value.trim().length < 4) {
      setCheckInError('请输入书记出示的签到码');
      return;
    }
    const outcome = await checkInWithCode(id, value);
    if (!outcome.ok) {
      setCheckInError(outcome.message);
      void Taro.showToast({ title: outcome.message, icon: 'none' });
      return;
    }
    setCode('');
    void Taro.showToast({ title: outcome.message, icon: 'success' });
    await refresh();
  };

  const submitCode = (value: string) => run('checkin', () => doCheckIn(value));

  const scan = () =>
    run('checkin', async () => {
      setCheckInError('');
      let scanned: { themeDayId: string; code: string } | null;
      try {
        scanned = await scanCheckInCode();
      } catch (err) {
        setCheckInError(err instanceof Error ? err.message : '无法识别签到码');
        return;
      }
      if (!scanned) return;
      if (scanned.themeDayId !== id) {
        setCheckInError('这不是本次主题党日的签到码');
        return;
      }
      await doCheckIn(scanned.code);
    });

  const publish = () =>
    run('publish', async () => {
      const r = await api('publishThemeDay', { params: { id } });
      show({ ...day, status: r.status, publishedAt: r.publishedAt, lateNotice: r.lateNotice });
      void Taro.showToast({ title: r.lateNotice ? '已发布（预告发布较晚）' : '预告已发布', icon: 'none' });
      await refresh();
    });

  const cancelDay = () => {
    const reason = cancelReason.trim();
    if (!reason) {
      setFormError('请填写取消原因');
      return;
    }
    void run(
      'cancel',
      async () => {
        show(await api('cancelThemeDay', { params: { id }, body: { reason } }));
        setCancelOpen(false);
        setCancelReason('');
        void Taro.showToast({ title: '已取消', icon: 'none' });
      },
      true,
    );
  };

  const now = Date.now();
  const started = now >= Date.parse(day.startsAt);
  const ended = now > Date.parse(day.endsAt);
  const member = isBranchPerson(user, day.branchId);
  const secretary = isSecretaryOf(user, day.branchId);
  const mine = day.mine;
  const present = mine?.status === 'present';
  const online = mine?.status === 'online';
  const canRsvp = member && day.status === 'published' && !ended && !present && !online;
  const checkInOpen = member && isCheckInOpen(day, now);
  const onlineOpen = member && isOnlineOpen(day, now) && !present;
  const willBeLate = day.status === 'draft' && Date.parse(day.startsAt) - now < LATE_NOTICE_MS;

  return (
    <View className='page' id='td-detail'>
      <View className='card'>
        <View className='td-row'>
          <ThemeDayStatusTag status={day.status} id='td-status' />
          {day.lateNotice && day.status !== 'draft' && (
            <Text className='td-late' id='td-late'>
              预告发布较晚
            </Text>
          )}
        </View>
        <Text className='td-card__title' id='td-title'>
          {day.title}
        </Text>
        {branchName && <Text className='muted'>{branchName}</Text>}
        <View className='td-kv'>
          <Text className='td-kv__k'>时间</Text>
          <Text className='td-kv__v' id='td-time'>
            {formatRange(day.startsAt, day.endsAt)}
          </Text>
        </View>
        <View className='td-kv'>
          <Text className='td-kv__k'>地点</Text>
          <Text className='td-kv__v' id='td-location'>
            {day.location}
          </Text>
        </View>
        {day.publishedAt && (
          <View className='td-kv'>
            <Text className='td-kv__k'>发布</Text>
            <Text className='td-kv__v muted'>{formatDateTime(day.publishedAt)}</Text>
          </View>
        )}
        {day.status === 'cancelled' && (
          <Text className='error-text' id='td-cancelled'>{`本次主题党日已取消${day.cancelReason ? `：${day.cancelReason}` : ''}`}</Text>
        )}
        {IS_WEAPP && member && day.status === 'published' && !started && (
          <View className='btn-row'>
            <Button id='add-calendar' size='small' onClick={() => void addToPhoneCalendar(day)}>
              添加到日历
            </Button>
          </View>
        )}
        {member && day.status !== 'draft' && (
          <SubscribeReminder id='td-reminder' template='theme_day_published' label='下次预告发布时提醒我' />
        )}
      </View>

      <View className='card' id='td-agenda'>
        <Text className='card-title'>活动议程</Text>
        {day.agenda.map((line, i) => (
          <View className='td-agenda' key={i}>
            <Text className='td-agenda__no'>{`${i + 1}.`}</Text>
            <Text>{line}</Text>
          </View>
        ))}
      </View>

      {day.ideas && day.ideas.length > 0 && (
        <View className='card' id='td-ideas'>
          <Text className='card-title'>采纳的党员创意</Text>
          {day.ideas.map((idea) => (
            <View
              className='td-list-item'
              key={idea.id}
              id={`td-adopted-${idea.id}`}
              onClick={() => void go('idea', { id: idea.id })}
            >
              <Text>{idea.title}</Text>
            </View>
          ))}
        </View>
      )}

      {day.onlineParticipation && day.status !== 'cancelled' && (
        <View className='card'>
          <Text className='card-title'>网上参与</Text>
          <Text className='muted'>未能到场的党员，可在活动开始后至结束后 7 天内提交学习心得，计为线上参与。</Text>
          {member && online && (
            <Text className='td-card__meta' id='online-done'>
              您已提交学习心得，计为线上参与。
            </Text>
          )}
          {member && day.myReflection?.reviewStatus === 'pending_review' && (
            <Text className='muted' id='reflection-pending'>
              您的心得正在审核，审核期间妥善保存。
            </Text>
          )}
          {member && day.myReflection?.reviewStatus === 'rejected' && (
            <Text className='error-text' id='reflection-rejected'>
              {`您的心得未通过审核${day.myReflection.review?.reason ? `：${day.myReflection.review.reason}` : ''}。不计为线上参与，可修改后重新提交。`}
            </Text>
          )}
          {onlineOpen && !online && (
            <View className='btn-row'>
              <Button id='online-open' type='primary' onClick={() => void go('online', { id })}>
                提交学习心得
              </Button>
            </View>
          )}
        </View>
      )}

      {day.status === 'closed' && (
        <View className='card' id='td-summary'>
          <Text className='card-title'>活动总结</Text>
          {day.summary && <Text className='td-card__meta'>{day.summary}</Text>}
          {day.stats && <StatsGrid stats={day.stats} />}
        </View>
      )}

      {member && (canRsvp || mine?.rsvp || mine?.status || checkInOpen) && (
        <View className='card' id='td-mine'>
          <Text className='card-title'>我的参与</Text>
          {mine?.rsvp && (
            <Text className='td-card__meta' id='rsvp-state'>
              {mine.rsvp === 'attending' ? '您已报名参加' : `您已请假${mine.reason ? `：${mine.reason}` : ''}`}
            </Text>
          )}
          {mine?.status && (
            <View className='td-row' id='my-status'>
              <Text className='td-card__meta'>出勤情况</Text>
              <AttendanceStatusTag status={mine.status} />
              {present && mine.checkedInAt && <Text className='muted'>{`${shanghaiTime(mine.checkedInAt)} 签到`}</Text>}
            </View>
          )}

          {canRsvp && (
            <View className='btn-row'>
              <Button
                id='rsvp-attend'
                type={mine?.rsvp === 'attending' ? 'default' : 'primary'}
                disabled={mine?.rsvp === 'attending'}
                loading={busy === 'attend'}
                onClick={() => void rsvpAttend()}
              >
                {mine?.rsvp === 'attending' ? '已报名' : '参加'}
              </Button>
              <Button id='rsvp-leave' onClick={() => setLeaveOpen(!leaveOpen)}>
                {mine?.rsvp === 'leave' ? '修改请假理由' : '请假'}
              </Button>
            </View>
          )}
          {canRsvp && leaveOpen && (
            <View id='leave-form'>
              <Text className='td-label'>请假理由</Text>
              <Textarea
                id='leave-reason'
                className='td-textarea'
                value={leaveReason}
                maxlength={200}
                placeholder='请简要说明不能参加的原因'
                onInput={(e) => setLeaveReason(e.detail.value)}
              />
              <Text className='td-count'>{`${leaveReason.length}/200`}</Text>
              <View className='btn-row'>
                <Button id='leave-submit' type='primary' loading={busy === 'leave'} onClick={rsvpLeave}>
                  提交请假
                </Button>
              </View>
            </View>
          )}

          {checkInOpen && !present && (
            <View id='checkin-form'>
              <Text className='td-label'>现场签到</Text>
              {IS_WEAPP && (
                <View className='btn-row'>
                  <Button id='checkin-scan' type='primary' loading={busy === 'checkin'} onClick={() => void scan()}>
                    扫码签到
                  </Button>
                  {!typing && (
                    <Button id='checkin-type' onClick={() => setTyping(true)}>
                      输入签到码
                    </Button>
                  )}
                </View>
              )}
              {typing && (
                <View>
                  <Input
                    id='checkin-code'
                    className='td-input'
                    value={code}
                    maxlength={16}
                    placeholder='请输入书记出示的签到码'
                    onInput={(e) => setCode(e.detail.value)}
                    onConfirm={() => void submitCode(code)}
                  />
                  <View className='btn-row'>
                    <Button
                      id='checkin-submit'
                      type={IS_WEAPP ? 'default' : 'primary'}
                      loading={busy === 'checkin'}
                      onClick={() => void submitCode(code)}
                    >
                      签到
                    </Button>
                  </View>
                </View>
              )}
              {checkInError && (
                <Text className='error-text' id='checkin-error'>
                  {checkInError}
                </Text>
              )}
            </View>
          )}
          {formError && !cancelOpen && (
            <Text className='error-text' id='td-form-error'>
              {formError}
            </Text>
          )}
        </View>
      )}

      {secretary && day.status !== 'cancelled' && (
        <View className='card' id='td-secretary'>
          <Text className='card-title'>书记操作</Text>
          {day.status === 'draft' && (
            <Text className='muted'>
              {willBeLate ? '草稿尚未公示。距开始已不足 3 天，发布后预告将标注「预告发布较晚」。' : '草稿尚未公示，发布后党员和群众都能看到预告。'}
            </Text>
          )}
          <View className='btn-row'>
            {day.status === 'draft' && (
              <Button id='td-publish' type='primary' loading={busy === 'publish'} onClick={() => void publish()}>
                发布预告
              </Button>
            )}
            {day.status === 'published' && (
              <Button id='td-console' type='primary' onClick={() => void go('themedayConsole', { id })}>
                签到码
              </Button>
            )}
            {(day.status === 'published' || day.status === 'closed') && (
              <Button id='td-attendance' onClick={() => void go('attendance', { id })}>
                {day.status === 'closed' ? '出勤明细' : '出勤管理'}
              </Button>
            )}
          </View>
          <View className='btn-row'>
            {day.status === 'published' && started && (
              <Button id='td-close' type='primary' fill='outline' onClick={() => void go('closeDay', { id })}>
                结束并总结
              </Button>
            )}
            {(day.status === 'draft' || (day.status === 'published' && !ended)) && (
              <Button id='td-cancel-open' fill='outline' onClick={() => setCancelOpen(!cancelOpen)}>
                取消活动
              </Button>
            )}
          </View>
          {cancelOpen && (
            <View id='cancel-form'>
              <Text className='td-label'>取消原因（将在预告中公示）</Text>
              <Textarea
                id='cancel-reason'
                className='td-textarea'
                value={cancelReason}
                maxlength={200}
                placeholder='例如：因天气原因改期'
                onInput={(e) => setCancelReason(e.detail.value)}
              />
              <Text className='td-count'>{`${cancelReason.length}/200`}</Text>
              {formError && (
                <Text className='error-text' id='cancel-error'>
                  {formError}
                </Text>
              )}
              <View className='btn-row'>
                <Button id='cancel-confirm' type='danger' loading={busy === 'cancel'} onClick={cancelDay}>
                  确认取消活动
                </Button>
              </View>
            </View>
          )}
        </View>
      )}
    </View>
  );
}
