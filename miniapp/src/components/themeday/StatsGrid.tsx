import { Text, View } from '@tarojs/components';
import type { AttendanceStats } from '@shared/schemas/themeday';
import { ratePercent } from '../../lib/assessments';
import './themeday.scss';

/** The frozen figures of a closed theme day. 出勤率 = present ÷ expected; leave and online are shown apart. */
export default function StatsGrid({ stats, idPrefix = 'stat' }: { stats: AttendanceStats; idPrefix?: string }) {
  const cells: { id: string; label: string; value: string }[] = [
    { id: 'expected', label: '应到', value: String(stats.expected) },
    { id: 'present', label: '出席', value: String(stats.present) },
    { id: 'leave', label: '请假', value: String(stats.leave) },
    { id: 'online', label: '线上参与', value: String(stats.online) },
    { id: 'absent', label: '缺席', value: String(stats.absent) },
    { id: 'rate', label: '出勤率', value: ratePercent(stats.attendanceRate) },
  ];
  return (
    <View className='td-stats' id={`${idPrefix}s`}>
      {cells.map((c) => (
        <View className='td-stats__cell' key={c.id}>
          <Text className={`td-stats__num${c.id === 'rate' ? ' td-stats__rate' : ''}`} id={`${idPrefix}-${c.id}`}>
            {c.value}
          </Text>
          <Text className='td-stats__label'>{c.label}</Text>
        </View>
      ))}
    </View>
  );
}
