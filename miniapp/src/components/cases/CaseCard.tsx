import { Text, View } from '@tarojs/components';
import type { CaseSummary } from '@shared/schemas/notices';
import { formatDate } from '@shared/time';
import { IDEA_CATEGORY_LABELS } from '../../lib/themeday-labels';
import '../notices/notices.scss';
import './cases.scss';

export default function CaseCard({ item, onOpen }: { item: CaseSummary; onOpen: (id: string) => void }) {
  return (
    <View className='ca-card' id={`ca-card-${item.themeDayId}`} onClick={() => onOpen(item.themeDayId)}>
      <View className='nt-row'>
        <Text className='nt-tag nt-tag--danger'>{IDEA_CATEGORY_LABELS[item.category]}</Text>
        <Text className='muted'>{item.branchName}</Text>
      </View>
      <Text className='ca-card__title'>{item.title}</Text>
      <Text className='ca-card__meta'>{formatDate(item.startsAt)}</Text>
      {item.summary && <Text className='ca-card__summary'>{item.summary}</Text>}
    </View>
  );
}
