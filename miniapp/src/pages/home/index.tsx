import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { usePageGate } from '../../lib/gate';
import { PAGES } from '../../lib/nav';
import './index.scss';

interface ModuleCard {
  id: string;
  title: string;
  desc: string;
  tab?: string;
}

const MODULES: ModuleCard[] = [
  { id: 'themeday', title: '主题党日', desc: '创意征集 · 预告公示 · 签到出勤', tab: PAGES.themeday },
  { id: 'notices', title: '党务公开', desc: '党务、村务、财务公开，随时可查' },
  { id: 'concerns', title: '群众说事', desc: '有事说一说，办理进度全程可见', tab: PAGES.concerns },
  { id: 'booking', title: '局长驻点', desc: '预约驻点工作室，当面反映问题', tab: PAGES.booking },
];

export default function HomePage() {
  if (!usePageGate(PAGES.home)) return <View />;

  const open = (m: ModuleCard) => {
    if (m.tab) void Taro.switchTab({ url: m.tab });
    else void Taro.showToast({ title: `${m.title}即将上线`, icon: 'none' });
  };

  return (
    <View className='page home'>
      <View className='home__hero'>
        <Text className='home__title'>先锋驿站</Text>
        <Text className='home__subtitle'>支部建在身边，服务就在门口</Text>
      </View>
      <View className='home__grid'>
        {MODULES.map((m) => (
          <View className='home__module' id={`module-${m.id}`} key={m.id} onClick={() => open(m)}>
            <Text className='home__module-title'>{m.title}</Text>
            <Text className='muted'>{m.desc}</Text>
            {!m.tab && <Text className='home__soon'>即将上线</Text>}
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='card-title'>即将上线</Text>
        <Text className='muted'>
          首页将汇集本支部的主题党日预告、最新党务公开和您的说事、预约进度。各项功能正在陆续开放，敬请期待。
        </Text>
      </View>
    </View>
  );
}
