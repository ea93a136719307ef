// The public part of a theme day's preview: what, when, where, the agenda and the adopted ideas.
import { Text, View } from '@tarojs/components';
import type { ThemeDay } from '@shared/schemas/themeday';
import { formatDateTime } from '@shared/time';
import { Button } from '../../nut';
import SubscribeReminder from '../../SubscribeReminder';
import { IS_WEAPP } from '../../../env';
import { go } from '../../../lib/nav';
import { formatRange } from '../../../lib/themeday';
import { addToPhoneCalendar } from '../../../lib/themeday-actions';
import { ThemeDayStatusTag } from '../StatusTag';

interface Props {
  day: ThemeDay;
  branchName: string;
  /** A person of the day's branch: offered the calendar and the reminder. */
  member: boolean;
  started: boolean;
  /** The secretary: workflow words (已发布) on the status. */
  workflow: boolean;
}

export default function DayPreview({ day, branchName, member, started, workflow }: Props) {
  return (
    <>
      <View className='card'>
        <View className='td-row'>
          <ThemeDayStatusTag status={day.status} id='td-status' phase={workflow ? undefined : day} />
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
    </>
  );
}
