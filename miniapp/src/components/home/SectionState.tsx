// The loading and error (重试) lines of a 首页 section; nothing once it is ready.
import { Text, View } from '@tarojs/components';
import type { Section } from './useSection';

/** Element ids: `${id}-loading`, `${id}-error`, `${id}-retry`. */
export default function SectionState({ id, section, onRetry }: { id: string; section: Section<unknown>; onRetry: () => void }) {
  if (section.status === 'loading') {
    return (
      <View className='nt-card' id={`${id}-loading`}>
        <Text className='muted'>加载中…</Text>
      </View>
    );
  }
  if (section.status === 'error') {
    return (
      <View className='nt-card nt-spread' id={`${id}-error`}>
        <Text className='muted'>{section.message}</Text>
        <Text className='nt-chip' id={`${id}-retry`} onClick={onRetry}>
          重试
        </Text>
      </View>
    );
  }
  return null;
}
