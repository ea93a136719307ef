// Attendance rate per row as plain Views: one bar per row (scrolls sideways when there are many), a dashed line at
// 92% across every column, labelled on the axis. No chart library: it has to stay small in a subpackage.
import { ScrollView, Text, View } from '@tarojs/components';
import type { Assessment } from '@shared/schemas/notices';
import { ATTENDANCE_TARGET, barPercent, ratePercent } from '../../lib/assessments';
import './assessments.scss';

type Row = Assessment['rows'][number];

export interface AttendanceChartProps {
  rows: Row[];
  onOpen?: (row: Row) => void;
}

const TARGET_PCT = ATTENDANCE_TARGET * 100;

function barClass(rate: number | null): string {
  if (rate === null) return 'as-chart__bar as-chart__bar--none';
  return rate >= ATTENDANCE_TARGET ? 'as-chart__bar' : 'as-chart__bar as-chart__bar--low';
}

export default function AttendanceChart({ rows, onOpen }: AttendanceChartProps) {
  return (
    <View id='as-chart'>
      <View className='as-chart'>
        <View className='as-chart__axis'>
          <Text className='as-chart__tick' style={{ bottom: '100%' }}>
            100%
          </Text>
          <Text className='as-chart__tick as-chart__tick--target' id='as-target-label' style={{ bottom: `${TARGET_PCT}%` }}>
            92%
          </Text>
          <Text className='as-chart__tick' style={{ bottom: '50%' }}>
            50%
          </Text>
          <Text className='as-chart__tick' style={{ bottom: '0%' }}>
            0
          </Text>
        </View>
        <ScrollView scrollX className='as-chart__scroll'>
          <View className='as-chart__cols'>
            {rows.map((r) => {
              const pct = barPercent(r.attendanceRate);
              return (
                <View className='as-chart__col' key={r.orgId} id={`as-col-${r.orgId}`} onClick={() => onOpen?.(r)}>
                  <View className='as-chart__plot'>
                    <View className='as-chart__line' style={{ bottom: `${TARGET_PCT}%` }} />
                    <View className={barClass(r.attendanceRate)} id={`as-bar-${r.orgId}`} style={{ height: `${pct}%` }} />
                    <Text className='as-chart__value' id={`as-bar-value-${r.orgId}`} style={{ bottom: `${pct}%` }}>
                      {r.attendanceRate === null ? '无' : ratePercent(r.attendanceRate)}
                    </Text>
                  </View>
                  <Text className='as-chart__name' aria-label={r.name}>{r.name}</Text>
                </View>
              );
            })}
            {/* Carries the 92% line to the right edge when the bars do not fill the width. */}
            <View className='as-chart__fill'>
              <View className='as-chart__plot'>
                <View className='as-chart__line' style={{ bottom: `${TARGET_PCT}%` }} />
              </View>
            </View>
          </View>
        </ScrollView>
      </View>
      <View className='as-legend'>
        <View className='as-legend__item'>
          <Text className='as-legend__swatch as-legend__swatch--ok' />
          <Text>达到 92%</Text>
        </View>
        <View className='as-legend__item'>
          <Text className='as-legend__swatch as-legend__swatch--low' />
          <Text>低于 92%</Text>
        </View>
        <View className='as-legend__item'>
          <Text className='as-legend__swatch as-legend__swatch--line' />
          <Text>92% 参考线（全市平均出勤率在 92% 以上）</Text>
        </View>
      </View>
    </View>
  );
}
