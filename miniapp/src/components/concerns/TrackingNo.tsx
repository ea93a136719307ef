// A concern's 受理编号 with its copy button.
import { Text, View } from '@tarojs/components';
import CopyButton from '../CopyButton';

export default function TrackingNo({ id, no, className }: { id: string; no: string; className: string }) {
  return (
    <View className='cs-row'>
      <Text className={className} id={id}>
        {no}
      </Text>
      <CopyButton id={`${id}-copy`} text={no} what='受理编号' />
    </View>
  );
}
