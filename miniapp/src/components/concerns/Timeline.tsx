// The concern's timeline, oldest first: when, what, by whom, the note; a transfer names the station it went to and a
// rejection shows its reason; photos (the resident's, or the result's) under their entry.
import { Text, View } from '@tarojs/components';
import type { TimelineEntry } from '@shared/schemas/concerns';
import { formatDateTime } from '@shared/time';
import { TIMELINE_ACTION_LABELS } from '../../lib/concerns';
import Photos from './Photos';
import './concerns.scss';
import './timeline.scss';

function noteLabel(action: TimelineEntry['action']): string {
  if (action === 'reject' || action === 'review_reject') return '理由：';
  if (action === 'feedback_satisfied' || action === 'feedback_unsatisfied') return '评价：';
  if (action === 'submitted') return '';
  return '说明：';
}

export default function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className='cs-card'>
      <Text className='card-title'>办理进度</Text>
      {entries.length === 0 ? (
        <Text className='muted'>暂无记录</Text>
      ) : (
        <View className='cs-timeline' id='cs-timeline'>
          {entries.map((t, i) => (
            <View
              key={`${t.at}-${i}`}
              id={`cs-timeline-${i}`}
              className={`cs-timeline__item${i === entries.length - 1 ? ' cs-timeline__item--latest' : ''}`}
            >
              <Text className='cs-timeline__what'>{TIMELINE_ACTION_LABELS[t.action]}</Text>
              <Text className='muted'>{`${formatDateTime(t.at)} · ${t.by}`}</Text>
              {t.action === 'transfer' && t.toStationName && (
                <Text className='cs-card__meta' id={`cs-timeline-${i}-to`}>{`转至：${t.toStationName}`}</Text>
              )}
              {t.note && <Text className='cs-timeline__note'>{`${noteLabel(t.action)}${t.note}`}</Text>}
              {t.photos && t.photos.length > 0 && <Photos id={`cs-timeline-${i}-photos`} photos={t.photos} />}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
