// The 党日 tab for someone it does not serve yet: a guest (asked to log in) or a user of no branch (asked to redeem
// an invitation).
import { Text, View } from '@tarojs/components';
import { Button } from '../../nut';
import { goTab } from '../../../lib/nav';
import PageShell from '../../PageShell';
import LoginCard from '../../LoginCard';

export function GuestIntro() {
  return (
    <PageShell id='td-guest'>
      <View className='td-hero'>
        <Text className='td-hero__title'>主题党日</Text>
        <Text className='td-hero__sub'>创意征集 · 预告公示 · 签到出勤</Text>
      </View>
      <LoginCard buttonId='td-login' title='登录后查看本支部的主题党日' text='党员登录后可以查看支部的活动预告、提交创意、报名和签到。' from='themeday' />
    </PageShell>
  );
}

export function NoBranchIntro() {
  return (
    <PageShell id='td-no-branch'>
      <View className='td-hero'>
        <Text className='td-hero__title'>主题党日</Text>
        <Text className='td-hero__sub'>每月一次，支部党员的固定活动日</Text>
      </View>
      <View className='card'>
        <Text className='card-title'>您还没有加入党支部</Text>
        <Text className='muted'>
          主题党日的创意征集、报名和签到面向支部党员。如果您是党员，请向支部书记索取邀请码，在「我的」页面兑换后即可参加本支部的主题党日。
        </Text>
        <View className='btn-row'>
          <Button id='td-go-me' type='primary' onClick={() => void goTab('me')}>
            去兑换邀请码
          </Button>
        </View>
      </View>
    </PageShell>
  );
}
