// 1–5 stars: a picker when `onChange` is given (ids `${idPrefix}-1` … `-5`), else a read-only display.
import { Text, View } from '@tarojs/components';
import './concerns.scss';

export interface StarsProps {
  value: number;
  onChange?: (v: number) => void;
  idPrefix?: string;
  small?: boolean;
}

const RATING_WORDS = ['', '很差', '较差', '一般', '较好', '很好'];

export default function Stars({ value, onChange, idPrefix = 'cs-star', small = false }: StarsProps) {
  return (
    <View className='cs-stars' id={onChange ? `${idPrefix}s` : undefined}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text
          key={n}
          id={onChange ? `${idPrefix}-${n}` : undefined}
          className={`cs-stars__star${n <= value ? ' cs-stars__star--on' : ''}`}
          style={small ? { fontSize: '14px', padding: 0 } : undefined}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          ★
        </Text>
      ))}
      {onChange && value > 0 && <Text className='muted'>{RATING_WORDS[value]}</Text>}
    </View>
  );
}
