// One concern in a list (my concerns, a station's queue): status, overdue mark, title, tracking number, deadline.
import { Text, View } from '@tarojs/components';
import type { Concern } from '@shared/schemas/concerns';
import { formatShort } from '@shared/time';
import { CONCERN_CATEGORY_LABELS, dueText } from '../../lib/concerns';
import { OverdueMark, StatusChip } from './StatusChip';
import './concerns.scss';

export interface ConcernCardProps {
  concern: Concern;
  /** Officials see where it came from; residents see where it went. */
  audience: 'resident' | 'handler';
  onOpen: () => void;
}

export default function ConcernCard({ concern: c, audience, onOpen }: ConcernCardProps) {
  return (
    <View className={`cs-card${c.overdue ? ' cs-card--overdue' : ''}`} id={`cs-concern-${c.id}`} onClick={onOpen}>
      <View className='cs-spread'>
        <View className='cs-row'>
          <StatusChip status={c.status} id={`cs-status-${c.id}`} />
          {c.overdue && <OverdueMark id={`cs-overdue-${c.id}`} />}
          {audience === 'handler' && c.pendingReview && <Text className='cs-tag cs-tag--warning'>待审核</Text>}
          <Text className='muted'>{CONCERN_CATEGORY_LABELS[c.category]}</Text>
        </View>
        <Text className='cs-card__no'>{c.trackingNo}</Text>
      </View>
      <Text className='cs-card__title'>{c.title}</Text>
      <Text className='cs-card__meta'>
        {audience === 'handler' ? `${c.villageName ?? ''} · ${formatShort(c.createdAt)} 提交` : `${c.stationName ?? ''} · ${formatShort(c.createdAt)} 提交`}
      </Text>
      <Text className='muted'>{dueText(c)}</Text>
    </View>
  );
}
