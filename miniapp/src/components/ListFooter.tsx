// The foot of a paged list: 加载更多 (加载中… while it loads) while there is more, else 没有更多了.
import { Text, View } from '@tarojs/components';
import type { PagedList } from '../lib/paged-list';

interface Props {
  /** The 加载更多 element's id. */
  id: string;
  /** The feature's class for the line, e.g. `cs-more`. */
  className: string;
  list: Pick<PagedList<unknown, never>, 'hasMore' | 'loadingMore' | 'loadMore'>;
}

export default function ListFooter({ id, className, list }: Props) {
  if (!list.hasMore) {
    return (
      <View className={className}>
        <Text>没有更多了</Text>
      </View>
    );
  }
  return (
    <View className={className} id={id} onClick={() => void list.loadMore()}>
      <Text>{list.loadingMore ? '加载中…' : '加载更多'}</Text>
    </View>
  );
}
