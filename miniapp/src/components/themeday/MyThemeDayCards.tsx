// 我的: political birthday and my theme-day attendance (for members and secretaries).
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import type { User } from '@shared/schemas/people';
import { formatDateKey, formatDay, shanghaiDate } from '@shared/time';
import { api } from '../../api/client';
import { branchIdsOf } from '../../lib/grants';
import { go } from '../../lib/nav';
import { usePageLoad } from '../../lib/page-load';
import { politicalBirthday } from '../../lib/themeday';
import { LEAVE_STATUS_LABELS } from '../../lib/themeday-labels';
import SubscribeReminder from '../SubscribeReminder';
import { AttendanceStatusTag, ThemeDayStatusTag } from './StatusTag';
import './themeday.scss';


const HISTORY_SIZE = 10;

function PoliticalBirthdayCard({ joinedPartyOn }: { joinedPartyOn: string }) {
  const info = politicalBirthday(joinedPartyOn, shanghaiDate(Date.now()));
  const [, month, day] = info.next.split('-').map(Number);
  return (
    <View className='card' id='political-birthday'>
      <Text className='card-title'>我的政治生日</Text>
      {info.isToday && info.years > 0 ? (
        <View>
          <Text className='td-card__title' id='political-birthday-today'>
            今天是您的政治生日
          </Text>
          <Text className='td-card__meta'>{`入党 ${info.years} 周年，不忘初心，牢记使命。`}</Text>
        </View>
      ) : (
        <View>
          <Text className='td-card__meta' id='political-birthday-date'>{`入党日期 ${formatDateKey(joinedPartyOn)}`}</Text>
          <Text className='td-card__meta' id='political-birthday-years'>{`党龄 ${info.years} 年`}</Text>
          <Text className='muted'>{`下一个政治生日：${month}月${day}日，还有 ${info.daysUntil} 天`}</Text>
        </View>
      )}
      <SubscribeReminder id='political-birthday-reminder' template='political_birthday' label='生日提醒' />
    </View>
  );
}

function MyAttendanceCard({ refreshKey }: { refreshKey: number }) {
  const { data: history, status, error, reload } = usePageLoad(async () => {
    const page = await api('myAttendance', { query: { limit: HISTORY_SIZE } });
    return { items: page.items, more: !!page.nextCursor };
  });

  useEffect(() => {
    void reload();
  }, [refreshKey, reload]);

  return (
    <View className='card' id='my-attendance'>
      <Text className='card-title'>我的主题党日</Text>
      {status === 'loading' && <Text className='muted'>加载中…</Text>}
      {(status === 'error' || status === 'missing') && (
        <View className='td-spread' id='my-attendance-error'>
          <Text className='muted'>{error}</Text>
          <Text className='td-chip' id='my-attendance-retry' onClick={() => void reload()}>
            重试
          </Text>
        </View>
      )}
      {history?.items.length === 0 && (
        <Text className='muted' id='my-attendance-empty'>
          还没有参加过主题党日。
        </Text>
      )}
      {history?.items.map((r) => (
        <View
          className='td-list-item'
          key={r.themeDayId}
          id={`my-attendance-${r.themeDayId}`}
          onClick={() => void go('themedayDetail', { id: r.themeDayId })}
        >
          <View className='td-spread'>
            <Text>{r.themeDay.title}</Text>
            {/* A cancelled day says so, whatever was recorded before it was called off. */}
            {r.status && r.themeDay.status !== 'cancelled' ? (
              <AttendanceStatusTag status={r.status} />
            ) : r.themeDay.status === 'closed' || r.themeDay.status === 'cancelled' ? (
              <ThemeDayStatusTag status={r.themeDay.status} />
            ) : (
              <Text className='muted'>{r.rsvp === 'leave' ? LEAVE_STATUS_LABELS[r.leaveStatus ?? 'requested'] : r.rsvp === 'attending' ? '已报名' : '待参加'}</Text>
            )}
          </View>
          <Text className='muted'>{formatDay(r.themeDay.startsAt)}</Text>
        </View>
      ))}
      {history?.more && <Text className='muted'>{`仅显示最近 ${HISTORY_SIZE} 次`}</Text>}
    </View>
  );
}

/** Both cards, shown on 我的 when the user belongs to a branch (the birthday when the date is known). */
export default function MyThemeDayCards({ user, refreshKey }: { user: User; refreshKey: number }) {
  const inBranch = branchIdsOf(user).length > 0;
  return (
    <View id='my-themeday'>
      {user.joinedPartyOn && <PoliticalBirthdayCard joinedPartyOn={user.joinedPartyOn} />}
      {inBranch && <MyAttendanceCard refreshKey={refreshKey} />}
    </View>
  );
}
