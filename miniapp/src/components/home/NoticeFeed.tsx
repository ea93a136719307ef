// 首页: the newest notices of the orgs the user follows, merged (pinned first, then newest).
import { Text, View } from '@tarojs/components';
import { go } from '../../lib/nav';
import type { FeedNotice } from '../../lib/notices';
import NoticeCard from '../notices/NoticeCard';
import type { Section } from './useSection';

export interface Feed {
  items: FeedNotice[];
  /** Some orgs' lists could not be loaded. */
  partial: boolean;
}

export default function NoticeFeed({ section, onRetry }: { section: Section<Feed>; onRetry: () => void }) {
  return (
    <View id='home-feed'>
      {section.status === 'loading' && (
        <View className='nt-card' id='home-feed-loading'>
          <Text className='muted'>加载中…</Text>
        </View>
      )}
      {section.status === 'error' && (
        <View className='nt-card nt-spread' id='home-feed-error'>
          <Text className='muted'>{section.message}</Text>
          <Text className='nt-chip' id='home-feed-retry' onClick={onRetry}>
            重试
          </Text>
        </View>
      )}
      {section.status === 'ready' && section.value.items.length === 0 && (
        <View className='nt-card'>
          <Text className='nt-empty' id='home-feed-empty'>
            暂无公开内容
          </Text>
        </View>
      )}
      {section.status === 'ready' &&
        section.value.items.map((n) => (
          <NoticeCard key={n.id} notice={n} idPrefix='home-notice' showOrg onOpen={(id) => void go('noticeDetail', { id })} />
        ))}
      {section.status === 'ready' && section.value.partial && <Text className='muted'>部分内容加载失败，下拉可重新加载</Text>}
    </View>
  );
}
