// 网上参与 on a preview: members who could not come hand in a reflection; its review state shows here.
import { Text, View } from '@tarojs/components';
import { THEMEDAY_RULES, type ThemeDay } from '@shared/schemas/themeday';
import { Button } from '../../nut';
import { go } from '../../../lib/nav';
import { onlineClosedReason } from '../../../lib/themeday';

interface Props {
  day: ThemeDay;
  member: boolean;
  /** The reflection form is open for this member now. */
  open: boolean;
  /** Whether 提交学习心得 is the page's one primary action (not while RSVP or check-in is open). */
  primary: boolean;
}

export default function OnlineCard({ day, member, open, primary }: Props) {
  const online = day.mine?.status === 'online';
  const review = member ? day.myReflection : undefined;
  const now = Date.now();
  const ended = member && !online && day.mine?.status !== 'present' && now > Date.parse(day.endsAt) ? onlineClosedReason(day, now) : null;
  return (
    <View className='card'>
      <Text className='card-title'>网上参与</Text>
      <Text className='muted'>{`未能到场的党员，可在活动开始后至结束后 ${THEMEDAY_RULES.onlineWindowDays} 天内提交学习心得，计为线上参与。`}</Text>
      {member && online && (
        <Text className='td-card__meta' id='online-done'>
          您已提交学习心得，计为线上参与。
        </Text>
      )}
      {review?.reviewStatus === 'pending_review' && (
        <Text className='muted' id='reflection-pending'>
          您的心得正在审核，审核期间妥善保存。
        </Text>
      )}
      {review?.reviewStatus === 'rejected' && (
        <Text className='error-text' id='reflection-rejected'>
          {`您的心得未通过审核${review.review?.reason ? `：${review.review.reason}` : ''}。不计为线上参与，可修改后重新提交。`}
        </Text>
      )}
      {/* After the window: said here, so nobody starts a reflection the API would refuse. */}
      {ended && (
        <Text className='muted' id='online-window-ended'>
          {ended}
        </Text>
      )}
      {open && !online && (
        <View className='btn-row'>
          <Button id='online-open' type={primary ? 'primary' : 'default'} onClick={() => void go('online', { id: day.id })}>
            提交学习心得
          </Button>
        </View>
      )}
    </View>
  );
}
