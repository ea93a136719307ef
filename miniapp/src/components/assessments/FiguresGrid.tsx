// Key figures of an assessment as a grid of cells (three a row): the number above, what it counts below.
import { Text, View } from '@tarojs/components';
import './assessments.scss';

export interface Figure {
  value: string | number;
  label: string;
  /** The element id of the number. */
  id?: string;
  /** The attendance rate: drawn in the rate colour. */
  rate?: boolean;
}

export default function FiguresGrid({ figures }: { figures: Figure[] }) {
  return (
    <View className='as-totals'>
      {figures.map((f) => (
        <View className='as-totals__cell' key={f.label}>
          <Text className={`as-totals__num${f.rate ? ' as-totals__rate' : ''}`} id={f.id}>
            {f.value}
          </Text>
          <Text className='as-totals__label'>{f.label}</Text>
        </View>
      ))}
    </View>
  );
}
