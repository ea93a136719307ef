// 大字模式: larger text and buttons everywhere, kept across restarts (lib/text-size.ts).
import { Text, View } from '@tarojs/components';
import { useLargeText } from '../../lib/text-size';

export default function TextSizeCard() {
  const [on, setOn] = useLargeText();
  return (
    <View className='card'>
      <View className='toggle-row' id='large-text' role='switch' aria-checked={on} aria-label='大字模式' onClick={() => setOn(!on)}>
        <View className='toggle-row__text'>
          <Text className='card-title'>大字模式</Text>
          <Text className='muted'>放大文字和按钮，看得清、点得准</Text>
        </View>
        <View className={`toggle${on ? ' toggle--on' : ''}`} id='large-text-state'>
          <Text>{on ? '开' : '关'}</Text>
        </View>
      </View>
    </View>
  );
}
