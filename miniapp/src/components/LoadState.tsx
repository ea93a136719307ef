import { Text, View } from '@tarojs/components';
import { goTab } from '../lib/nav';
import { Button } from './nut';

export interface LoadStateProps {
  /** Element ids become `${id}-loading`, `${id}-error`, `${id}-retry`, `${id}-missing`, `${id}-home`. */
  id: string;
  /** `ready` with nothing to show yet (the page is about to render it) looks like `loading`; `missing` is a 404. */
  status: 'loading' | 'error' | 'missing' | 'ready';
  message?: string;
  onRetry?: () => void;
}

/** Grey bars in the shape of a card while the page loads (a bare 加载中… reads as a stuck page). */
export function Skeleton({ id, rows = 3 }: { id?: string; rows?: number }) {
  return (
    <View className='skeleton' id={id} aria-busy='true' aria-label='加载中'>
      <View className='skeleton__title' />
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='skeleton__line' />
      ))}
    </View>
  );
}

/** The full-page loading, error (重试) and not-found (回到首页) states every feature page shares. */
export default function LoadState({ id, status, message, onRetry }: LoadStateProps) {
  if (status === 'missing') {
    // Retrying cannot bring it back: say so, and offer the way home (a shared link has no page to go back to).
    return (
      <View className='state' id={`${id}-missing`}>
        <Text className='state-title'>没有找到</Text>
        <Text className='state-text'>{message || '内容不存在或已被删除'}</Text>
        <Button id={`${id}-home`} type='primary' onClick={() => void goTab('home')}>
          回到首页
        </Button>
      </View>
    );
  }
  if (status !== 'error') {
    return <Skeleton id={`${id}-loading`} rows={4} />;
  }
  return (
    <View className='state' id={`${id}-error`}>
      <Text className='state-text'>{message || '加载失败'}</Text>
      {onRetry && (
        <Button id={`${id}-retry`} type='primary' onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}
