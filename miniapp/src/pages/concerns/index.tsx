import { View } from '@tarojs/components';
import ComingSoon from '../../components/ComingSoon';
import { usePageGate } from '../../lib/gate';
import { PAGES } from '../../lib/nav';

export default function ConcernsPage() {
  if (!usePageGate(PAGES.concerns)) return <View />;
  return (
    <View className='page'>
      <ComingSoon
        title='群众说事'
        summary='有事说一说，村里的驻点工作室来办理，最多跑一次。'
        features={[
          { title: '在线说事', desc: '选择类别，写下事情经过，可留联系电话。' },
          { title: '受理编号', desc: '每件事都有受理编号，随时查看办理进度。' },
          { title: '办理时间线', desc: '已受理、处理中、已办结，每一步都看得见。' },
          { title: '承诺时限', desc: '每类事项都有承诺办结时限，超期会被标出。' },
          { title: '满意度评价', desc: '办结后由您评价，不满意可以重新办理。' },
        ]}
      />
    </View>
  );
}
