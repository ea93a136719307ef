// A theme day as a case or under review: what was held (time, place, agenda, summary, frozen figures) and the
// township's guidance. Used by the case detail and by the 考核 drill-down.
import { Text, View } from '@tarojs/components';
import type { Guidance } from '@shared/schemas/notices';
import type { ThemeDay } from '@shared/schemas/themeday';
import { formatDateTime } from '@shared/time';
import { api } from '../../api/client';
import { usePageLoad, type PageLoad } from '../../lib/page-load';
import { formatRange } from '../../lib/themeday';
import { IDEA_CATEGORY_LABELS } from '../../lib/themeday-labels';
import StatsGrid from '../themeday/StatsGrid';
import { ThemeDayStatusTag } from '../themeday/StatusTag';
import '../notices/notices.scss';
import './cases.scss';

/** The township's guidance on a day, loaded beside the day with its own state: the day shows without it. */
export const useGuidance = (themeDayId: string): PageLoad<Guidance[]> =>
  usePageLoad(async () => (await api('listGuidance', { params: { id: themeDayId } })).items);

export const stars = (rating: number) => '★★★★★'.slice(0, rating) + '☆☆☆☆☆'.slice(0, 5 - rating);

export function GuidanceList({ guidance }: { guidance: PageLoad<Guidance[]> }) {
  const { data: items, status, error, reload } = guidance;
  return (
    <View className='card' id='ca-guidance'>
      <Text className='card-title'>乡镇指导</Text>
      {status === 'loading' && <Text className='muted'>加载中…</Text>}
      {(status === 'error' || status === 'missing') && (
        <View className='nt-spread' id='ca-guidance-error'>
          <Text className='muted'>{error}</Text>
          <Text className='nt-chip' id='ca-guidance-retry' onClick={() => void reload()}>
            重试
          </Text>
        </View>
      )}
      {items?.length === 0 && (
        <Text className='muted' id='ca-guidance-empty'>
          暂无指导意见
        </Text>
      )}
      {items?.map((g) => (
        <View className='ca-guidance' key={g.id} id={`ca-guidance-${g.id}`}>
          <View className='nt-spread'>
            <Text className='ca-guidance__stars'>{stars(g.rating)}</Text>
            <Text className='muted'>{`${g.byName} · ${formatDateTime(g.createdAt)}`}</Text>
          </View>
          <Text>{g.comment}</Text>
        </View>
      ))}
    </View>
  );
}

export default function DayReview({ day, branchName }: { day: ThemeDay; branchName?: string }) {
  return (
    <View id='ca-day'>
      <View className='card'>
        <View className='nt-row'>
          <ThemeDayStatusTag status={day.status} id='ca-day-status' />
          <Text className='nt-tag nt-tag--danger' id='ca-day-category'>
            {IDEA_CATEGORY_LABELS[day.category]}
          </Text>
          {day.exemplary && (
            <Text className='nt-tag nt-tag--success' id='ca-day-exemplary'>
              典型案例
            </Text>
          )}
          {day.lateNotice && day.status !== 'draft' && <Text className='nt-tag nt-tag--warning'>预告发布较晚</Text>}
        </View>
        <Text className='nt-detail__title' id='ca-day-title'>
          {day.title}
        </Text>
        {(branchName || day.branchName) && <Text className='muted'>{branchName || day.branchName}</Text>}
        <View className='nt-kv'>
          <Text className='nt-kv__k'>时间</Text>
          <Text className='nt-kv__v'>{formatRange(day.startsAt, day.endsAt)}</Text>
        </View>
        <View className='nt-kv'>
          <Text className='nt-kv__k'>地点</Text>
          <Text className='nt-kv__v'>{day.location}</Text>
        </View>
        {day.publishedAt && (
          <View className='nt-kv'>
            <Text className='nt-kv__k'>预告发布</Text>
            <Text className='nt-kv__v'>{formatDateTime(day.publishedAt)}</Text>
          </View>
        )}
      </View>

      {day.agenda.length > 0 && (
        <View className='card' id='ca-day-agenda'>
          <Text className='card-title'>活动议程</Text>
          {day.agenda.map((line, i) => (
            <View className='ca-agenda' key={i}>
              <Text className='ca-agenda__no'>{`${i + 1}.`}</Text>
              <Text>{line}</Text>
            </View>
          ))}
        </View>
      )}

      {day.ideas && day.ideas.length > 0 && (
        <View className='card'>
          <Text className='card-title'>采纳的党员创意</Text>
          {day.ideas.map((idea) => (
            <Text className='nt-card__excerpt' key={idea.id}>{`· ${idea.title}`}</Text>
          ))}
        </View>
      )}

      {day.status === 'closed' && (
        <View className='card' id='ca-day-summary'>
          <Text className='card-title'>活动总结</Text>
          <Text className='nt-detail__body' id='ca-day-summary-text'>
            {day.summary || '未填写总结'}
          </Text>
          {day.stats && <StatsGrid stats={day.stats} idPrefix='ca-stat' />}
        </View>
      )}
    </View>
  );
}
