// 首页: the newest notices of the orgs the user follows, merged (pinned first, then newest).
import { Text, View } from '@tarojs/components';
import { go } from '../../lib/nav';
import type { FeedNotice } from '../../lib/notices';
import NoticeCard from '../notices/NoticeCard';
import SectionState from './SectionState';
import type { Section } from './useSection';

export interface Feed {
  items: FeedNotice[];
  /** Some orgs' lists could not be loaded. */
  partial: boolean;
}

export default function NoticeFeed({ section, onRetry }: { section: Section<Feed>; onRetry: () => void }) {
  return (
    <View id='home-feed'>
      <SectionState id='home-feed' section={section} onRetry={onRetry} />
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
