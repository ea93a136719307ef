import { View } from '@tarojs/components';
import ComingSoon from '../../components/ComingSoon';
import { usePageGate } from '../../lib/gate';
import { PAGES } from '../../lib/nav';

export default function BookingPage() {
  if (!usePageGate(PAGES.booking)) return <View />;
  return (
    <View className='page'>
      <ComingSoon
        title='局长驻点'
        summary='预约驻点工作室的坐班时段，当面反映问题、咨询政策。'
        features={[
          { title: '查找驻点工作室', desc: '按乡镇、村社区查找附近的局长驻点工作室和群众说事室。' },
          { title: '预约时段', desc: '选择坐班时段并写明想谈的事情，名额实时更新、不会超约。' },
          { title: '开始前提醒', desc: '预约的前一天提醒您按时前往。' },
          { title: '随时取消', desc: '时段开始前可以取消，名额自动释放给其他人。' },
        ]}
      />
    </View>
  );
}
