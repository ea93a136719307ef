// 首页: the next theme day of the user's branch (or that there is none), opening its page.
import { Text, View } from '@tarojs/components';
import type { ThemeDay } from '@shared/schemas/themeday';
import { DAY_MS } from '@shared/time';
import { api } from '../../api/client';
import { go, goTab } from '../../lib/nav';
import { formatRange } from '../../lib/themeday';
import SectionState from './SectionState';
import type { Section } from './useSection';

/** The nearest published theme day of the branch that has not ended yet, or null. */
export async function nextThemeDay(branchId: string): Promise<ThemeDay | null> {
  const now = Date.now();
  // Days are keyed by start time: look from a day back (one may be under way) onwards.
  const page = await api('listThemeDays', { params: { branchId }, query: { from: new Date(now - DAY_MS).toISOString(), limit: 20 } });
  const upcoming = page.items
    .filter((d) => d.status === 'published' && Date.parse(d.endsAt) >= now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return upcoming[0] ?? null;
}

interface Props {
  section: Section<ThemeDay | null>;
  branchName?: string;
  onRetry: () => void;
}

export default function NextThemeDay({ section, branchName, onRetry }: Props) {
  const day = section.status === 'ready' ? section.value : null;
  return (
    <View id='home-next-td'>
      <Text className='nt-section-title'>下次主题党日</Text>
      <SectionState id='home-next-td' section={section} onRetry={onRetry} />
      {section.status === 'ready' && !day && (
        <View className='nt-card' onClick={() => void goTab('themeday')}>
          <Text className='nt-empty' id='home-next-td-empty'>
            {`${branchName ?? '本支部'}暂无即将开展的主题党日`}
          </Text>
        </View>
      )}
      {day && (
        <View className='nt-card home__td' id={`home-td-${day.id}`} onClick={() => void go('themedayDetail', { id: day.id })}>
          <View className='nt-spread'>
            <Text className='nt-tag nt-tag--pinned'>预告</Text>
            <Text className='muted'>{day.branchName ?? branchName ?? ''}</Text>
          </View>
          <Text className='nt-card__title' id='home-td-title'>
            {day.title}
          </Text>
          <Text className='nt-card__meta'>{formatRange(day.startsAt, day.endsAt)}</Text>
          <Text className='nt-card__meta'>{day.location}</Text>
        </View>
      )}
    </View>
  );
}
