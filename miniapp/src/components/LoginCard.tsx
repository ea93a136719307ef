// The card that asks a guest to log in, then brings them back to `from`.
import { Text, View } from '@tarojs/components';
import { goLogin, type PageName } from '../lib/nav';
import { Button } from './nut';

export interface LoginCardProps {
  id?: string;
  buttonId: string;
  title: string;
  text: string;
  from: PageName;
}

export default function LoginCard({ id, buttonId, title, text, from }: LoginCardProps) {
  return (
    <View className='card' id={id}>
      <Text className='card-title'>{title}</Text>
      <Text className='muted'>{text}</Text>
      <View className='btn-row'>
        <Button id={buttonId} type='primary' onClick={() => void goLogin(from)}>
          去登录
        </Button>
      </View>
    </View>
  );
}
