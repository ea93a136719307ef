import { View } from '@tarojs/components';
import ComingSoon from '../../components/ComingSoon';
import { usePageGate } from '../../lib/gate';
import { PAGES } from '../../lib/nav';

export default function ThemeDayPage() {
  if (!usePageGate(PAGES.themeday)) return <View />;
  return (
    <View className='page'>
      <ComingSoon
        title='主题党日'
        summary='每月主题党日在这里征集创意、公示预告、签到出勤，一个也不落下。'
        features={[
          { title: '创意征集', desc: '党员提交和支持活动创意，支部书记逐条答复。' },
          { title: '预告公示', desc: '提前公布时间、地点、议程和采纳的创意，群众也能查看。' },
          { title: '扫码签到与请假', desc: '现场扫描书记出示的二维码签到，不能到场可请假。' },
          { title: '网上补课', desc: '未能参加的党员在 7 天内提交学习心得。' },
          { title: '政治生日', desc: '记住每位党员的入党纪念日。' },
          { title: '三项考核', desc: '党员出勤、支部组织、乡镇指导，按月按年汇总。' },
        ]}
      />
    </View>
  );
}
