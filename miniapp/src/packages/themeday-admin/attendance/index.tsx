import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ATTENDANCE_STATUSES, type AttendanceRecord } from '@shared/schemas/themeday';
import { shanghaiTime } from '@shared/time';
import { api, showApiError } from '../../../api/client';
import LoadState from '../../../components/LoadState';
import LeaveRequests from '../../../components/themeday/LeaveRequests';
import { AttendanceStatusTag } from '../../../components/themeday/StatusTag';
import { usePageGate } from '../../../lib/gate';
import { usePageLoad } from '../../../lib/page-load';
import { formatRange } from '../../../lib/themeday';
import { ATTENDANCE_STATUS_LABELS, LEAVE_STATUS_LABELS, type AttendanceStatusCode } from '../../../lib/themeday-labels';
import { listAllAttendance } from '../attendance-list';
import PageShell from '../../../components/PageShell';
import '../../../components/themeday/themeday.scss';

const SOURCE_LABELS: Record<NonNullable<AttendanceRecord['source']>, string> = {
  // `scan` is the member's own check-in, whether the code was scanned or typed in.
  scan: '自助签到',
  manual: '书记更正',
  online: '网上参与',
  close: '结束时确认',
};

export default function AttendancePage() {
  const allowed = usePageGate('attendance', { requireLogin: true });
  const id = useRouter().params.id ?? '';

  const {
    data,
    setData,
    status,
    error: loadError,
    reload: load,
  } = usePageLoad(async () => {
    const [day, records] = await Promise.all([api('getThemeDay', { params: { id } }), listAllAttendance(id)]);
    return { day, records };
  });
  const day = data?.day;
  const records = data?.records ?? [];
  const [busy, setBusy] = useState<string | null>(null);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  if (status !== 'ready' || !day) {
    return (
      <PageShell>
        <LoadState id='attendance' status={status === 'ready' ? 'loading' : status} message={loadError} onRetry={() => void load()} />
      </PageShell>
    );
  }

  const editable = day.status === 'published';

  const correct = async (record: AttendanceRecord, next: AttendanceStatusCode) => {
    if (!editable || busy || record.status === next) return;
    setBusy(record.userId);
    try {
      const updated = await api('correctAttendance', { params: { id, userId: record.userId }, body: { status: next } });
      const merge = (r: AttendanceRecord) => (r.userId === record.userId ? { ...r, ...updated } : r);
      setData((prev) => prev && { ...prev, records: prev.records.map(merge) });
      void Taro.showToast({ title: `已改为${ATTENDANCE_STATUS_LABELS[next]}`, icon: 'none' });
    } catch (err) {
      showApiError(err);
    } finally {
      setBusy(null);
    }
  };

  const decided = (updated: AttendanceRecord) =>
    setData((prev) => prev && { ...prev, records: prev.records.map((r) => (r.userId === updated.userId ? { ...r, ...updated } : r)) });

  const counts = ATTENDANCE_STATUSES.map((s) => ({ s, n: records.filter((r) => r.status === s).length }));
  const unset = records.filter((r) => !r.status).length;

  return (
    <PageShell id='attendance'>
      <View className='card'>
        <Text className='card-title'>{day.title}</Text>
        <Text className='muted'>{formatRange(day.startsAt, day.endsAt)}</Text>
        <View className='td-row' id='attendance-counts'>
          {counts.map(({ s, n }) => (
            <Text className='td-card__meta' key={s} id={`attendance-count-${s}`}>{`${ATTENDANCE_STATUS_LABELS[s]} ${n}`}</Text>
          ))}
          {unset > 0 && <Text className='td-card__meta'>{`未签到 ${unset}`}</Text>}
        </View>
        <Text className='muted'>
          {editable
            ? '点选状态即可更正；结束主题党日时，未签到、请假未获批准也未线上参与的党员计为缺席。'
            : day.status === 'closed'
              ? '主题党日已结束，出勤数据已冻结。'
              : '主题党日发布后才能管理出勤。'}
        </Text>
      </View>

      <LeaveRequests themeDayId={id} records={records} editable={editable} onDecided={decided} />

      {records.length === 0 ? (
        <View className='td-card' id='attendance-empty'>
          <Text className='td-empty'>暂无出勤记录</Text>
        </View>
      ) : (
        <View className='card' id='attendance-list'>
          {records.map((r) => (
            <View className='td-list-item' key={r.userId} id={`att-${r.userId}`}>
              <View className='td-spread'>
                <Text>{r.displayName ?? '党员'}</Text>
                {r.status ? <AttendanceStatusTag status={r.status} /> : <Text className='muted'>未签到</Text>}
              </View>
              <Text className='muted'>
                {[
                  r.rsvp === 'attending' ? '已报名' : r.rsvp === 'leave' ? `${LEAVE_STATUS_LABELS[r.leaveStatus ?? 'requested']}：${r.reason ?? ''}` : '',
                  r.checkedInAt ? `${shanghaiTime(r.checkedInAt)} 签到` : '',
                  r.source ? SOURCE_LABELS[r.source] : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {editable && (
                <View className='td-chips'>
                  {ATTENDANCE_STATUSES.map((s) => (
                    <Text
                      key={s}
                      id={`att-${r.userId}-${s}`}
                      className={`td-chip${r.status === s ? ' td-chip--on' : ''}${busy && busy !== r.userId ? ' td-chip--disabled' : ''}`}
                      onClick={() => void correct(r, s)}
                    >
                      {ATTENDANCE_STATUS_LABELS[s]}
                    </Text>
                  ))}
                </View>
              )}
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
