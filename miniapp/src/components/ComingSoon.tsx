import { Text, View } from '@tarojs/components';
import './ComingSoon.scss';

export interface Feature {
  title: string;
  desc: string;
}

export interface ComingSoonProps {
  title: string;
  summary: string;
  features: Feature[];
}

/** The polished "即将上线" placeholder for modules that later issues build. */
export default function ComingSoon({ title, summary, features }: ComingSoonProps) {
  return (
    <View className='coming-soon' id='coming-soon'>
      <View className='coming-soon__hero'>
        <Text className='coming-soon__badge'>即将上线</Text>
        <Text className='coming-soon__title'>{title}</Text>
        <Text className='coming-soon__summary'>{summary}</Text>
      </View>
      <View className='card'>
        <Text className='card-title'>上线后您可以</Text>
        {features.map((f) => (
          <View className='coming-soon__feature' key={f.title}>
            <View className='coming-soon__dot' />
            <View className='coming-soon__feature-body'>
              <Text className='coming-soon__feature-title'>{f.title}</Text>
              <Text className='muted'>{f.desc}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
