// One notice in a list: 置顶 mark, category chip, title, first line, where and when, expiry.
import { Text, View } from '@tarojs/components';
import type { Notice } from '@shared/schemas/notices';
import { formatDate, formatShortDate } from '@shared/time';
import { NOTICE_CATEGORY_LABELS, NOTICE_CATEGORY_TONES, type NoticeCategory } from '../../lib/notices';
import './notices.scss';

export function NoticeCategoryTag({ category, id }: { category: NoticeCategory; id?: string }) {
  return (
    <Text id={id} className={`nt-tag nt-tag--${NOTICE_CATEGORY_TONES[category]}`}>
      {NOTICE_CATEGORY_LABELS[category]}
    </Text>
  );
}

export function PinnedTag({ id }: { id?: string }) {
  return (
    <Text id={id} className='nt-tag nt-tag--pinned'>
      置顶
    </Text>
  );
}

export interface NoticeCardProps {
  notice: Notice;
  /** Element id prefix: `${idPrefix}-${notice.id}`. */
  idPrefix?: string;
  /** Show which org published it (the home feed mixes orgs). */
  showOrg?: boolean;
  onOpen: (id: string) => void;
}

export default function NoticeCard({ notice, idPrefix = 'nt-card', showOrg = false, onOpen }: NoticeCardProps) {
  const firstLine = notice.body.split('\n').find((l) => l.trim() !== '') ?? '';
  return (
    <View className='nt-card' id={`${idPrefix}-${notice.id}`} onClick={() => onOpen(notice.id)}>
      <View className='nt-row'>
        {notice.pinned && <PinnedTag />}
        <NoticeCategoryTag category={notice.category} />
        {showOrg && notice.orgName && <Text className='muted'>{notice.orgName}</Text>}
      </View>
      <Text className='nt-card__title'>{notice.title}</Text>
      {firstLine && <Text className='nt-card__excerpt'>{firstLine}</Text>}
      <Text className='nt-card__meta'>
        {`${formatShortDate(notice.publishedAt)} 发布${notice.expiresAt ? ` · 有效期至 ${formatDate(notice.expiresAt)}` : ''}`}
      </Text>
    </View>
  );
}
