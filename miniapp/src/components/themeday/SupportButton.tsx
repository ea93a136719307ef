import { Text, View } from '@tarojs/components';
import type { Idea } from '@shared/schemas/themeday';
import './themeday.scss';

export interface SupportButtonProps {
  idea: Pick<Idea, 'id' | 'supportCount' | 'supportedByMe'>;
  id: string;
  onToggle: () => void;
}

export default function SupportButton({ idea, id, onToggle }: SupportButtonProps) {
  return (
    <View
      id={id}
      className={`td-support${idea.supportedByMe ? ' td-support--on' : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        onToggle();
      }}
    >
      <Text className='td-support__count'>{`${idea.supportedByMe ? '已支持' : '支持'} ${idea.supportCount}`}</Text>
    </View>
  );
}
