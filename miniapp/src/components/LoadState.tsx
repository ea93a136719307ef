import { Text, View } from '@tarojs/components';
import { Button } from './nut';

export interface LoadStateProps {
  /** Element ids become `${id}-loading`, `${id}-error`, `${id}-retry`. */
  id: string;
  /** `ready` with nothing to show yet (the page is about to render it) looks like `loading`. */
  status: 'loading' | 'error' | 'ready';
  message?: string;
  onRetry?: () => void;
}

/** The full-page loading and error (重试) states every feature page shares. */
export default function LoadState({ id, status, message, onRetry }: LoadStateProps) {
  if (status !== 'error') {
    return (
      <View className='state' id={`${id}-loading`}>
        <Text className='state-text'>加载中…</Text>
      </View>
    );
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
