// Photos shown on a concern: short-lived URLs from the API; a tap opens the big view.
import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Photo } from '@shared/schemas/concerns';
import './photos.scss';

export default function Photos({ id, photos }: { id: string; photos: Photo[] }) {
  const urls = photos.map((p) => p.url);
  return (
    <View className='cs-photos' id={id}>
      {photos.map((p) => (
        <View key={p.id} className='cs-photo cs-photo--done'>
          <Image className='cs-photo__img' src={p.url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: p.url })} />
        </View>
      ))}
    </View>
  );
}
