// The three assessments as a table that scrolls sideways: one row per branch (or child org), a 合计 row last.
import { ScrollView, Text, View } from '@tarojs/components';
import type { Assessment } from '@shared/schemas/notices';
import { ATTENDANCE_TARGET, ratePercent } from '../../lib/assessments';
import './assessments.scss';

type Row = Assessment['rows'][number];
type Figures = Assessment['totals'];

const COLUMNS: { key: keyof Figures; label: string }[] = [
  { key: 'attendanceRate', label: '出勤率' },
  { key: 'expected', label: '应到' },
  { key: 'present', label: '实到' },
  { key: 'leave', label: '请假' },
  { key: 'online', label: '线上' },
  { key: 'themeDaysHeld', label: '党日次数' },
  { key: 'monthsHeld', label: '开展月数' },
  { key: 'previewsOnTime', label: '按时预告' },
  { key: 'summariesOnTime', label: '按时总结' },
  { key: 'guidanceCount', label: '指导次数' },
  { key: 'guidanceAverage', label: '指导评分' },
];

function cellText(key: keyof Figures, v: Figures[keyof Figures]): string {
  if (key === 'attendanceRate') return ratePercent(v as number | null);
  return v === null ? '—' : String(v);
}

function Cells({ figures, idPrefix }: { figures: Figures; idPrefix: string }) {
  return (
    <>
      {COLUMNS.map((c) => {
        const v = figures[c.key];
        let cls = 'as-table__cell';
        if (c.key === 'attendanceRate' && typeof v === 'number') {
          cls += v >= ATTENDANCE_TARGET ? ' as-table__cell--ok' : ' as-table__cell--low';
        }
        return (
          <Text className={cls} key={c.key} id={`${idPrefix}-${c.key}`}>
            {cellText(c.key, v)}
          </Text>
        );
      })}
    </>
  );
}

export interface AssessmentTableProps {
  rows: Row[];
  totals: Figures;
  onOpen?: (row: Row) => void;
}

export default function AssessmentTable({ rows, totals, onOpen }: AssessmentTableProps) {
  return (
    <>
      {/* Nine columns do not fit a phone: say that the table scrolls. */}
      <Text className='as-table-hint' id='as-table-hint'>
        {`共 ${COLUMNS.length + 1} 列，左右滑动查看 ›`}
      </Text>
      <ScrollView scrollX className='as-table' id='as-table'>
        <View className='as-table__inner'>
          <View className='as-table__row as-table__row--head'>
            <Text className='as-table__name'>名称</Text>
            {COLUMNS.map((c) => (
              <Text className='as-table__cell' key={c.key}>
                {c.label}
              </Text>
            ))}
          </View>
          {rows.map((r) => (
            <View className='as-table__row' key={r.orgId} id={`as-row-${r.orgId}`} onClick={() => onOpen?.(r)}>
              <Text className={`as-table__name${onOpen ? ' as-table__drill' : ''}`}>{r.name}</Text>
              <Cells figures={r} idPrefix={`as-${r.orgId}`} />
            </View>
          ))}
          {rows.length > 1 && (
            <View className='as-table__row as-table__row--total' id='as-row-total'>
              <Text className='as-table__name'>合计</Text>
              <Cells figures={totals} idPrefix='as-total' />
            </View>
          )}
        </View>
      </ScrollView>
    </>
  );
}
