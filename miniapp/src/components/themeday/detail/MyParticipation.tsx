// 我的参与 on a preview: the member's answer and attendance, with the RSVP and check-in forms while they are open.
import { Text, View } from '@tarojs/components';
import type { ThemeDay } from '@shared/schemas/themeday';
import { shanghaiTime } from '@shared/time';
import { AttendanceStatusTag } from '../StatusTag';
import CheckInForm from './CheckInForm';
import RsvpForm from './RsvpForm';

interface Props {
  day: ThemeDay;
  canRsvp: boolean;
  checkInOpen: boolean;
  onChanged: () => Promise<void>;
}

export default function MyParticipation({ day, canRsvp, checkInOpen, onChanged }: Props) {
  const mine = day.mine;
  const present = mine?.status === 'present';
  return (
    <View className='card' id='td-mine'>
      <Text className='card-title'>我的参与</Text>
      {mine?.rsvp && (
        <Text className='td-card__meta' id='rsvp-state'>
          {mine.rsvp === 'attending' ? '您已报名参加' : `您已申请请假${mine.reason ? `：${mine.reason}` : ''}`}
        </Text>
      )}
      {mine?.rsvp === 'leave' && (
        <Text className={mine.leaveStatus === 'declined' ? 'error-text' : 'muted'} id='leave-state'>
          {mine.leaveStatus === 'approved'
            ? '书记已批准请假，单独统计，不计为缺席。'
            : mine.leaveStatus === 'declined'
              ? '书记未批准请假，未到场将计为缺席。'
              : '请假待书记批准；未获批准的，未到场计为缺席。'}
        </Text>
      )}
      {mine?.status && (
        <View className='td-row' id='my-status'>
          <Text className='td-card__meta'>出勤情况</Text>
          <AttendanceStatusTag status={mine.status} />
          {present && mine.checkedInAt && <Text className='muted'>{`${shanghaiTime(mine.checkedInAt)} 签到`}</Text>}
        </View>
      )}
      {/* One primary action: 签到 while check-in is open, else 参加. */}
      {canRsvp && <RsvpForm day={day} primary={!checkInOpen} onChanged={onChanged} />}
      {checkInOpen && !present && <CheckInForm themeDayId={day.id} onCheckedIn={onChanged} />}
    </View>
  );
}
