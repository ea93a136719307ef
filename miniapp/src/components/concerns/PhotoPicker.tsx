// Up to four photos for a concern, a follow-up or a resolution: each is compressed and uploaded as soon as it is
// picked, so sending the form only names the uploaded photos. A failed one can be removed and picked again.
import { Image, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../api/client';
import { choosePhotos, PHOTO_MAX, uploadPhoto } from '../../lib/photos';
import './concerns.scss';
import './photos.scss';

interface Picked {
  key: number;
  path: string;
  photoId?: string;
  error?: string;
}

export function usePhotoUploads() {
  const [items, setItems] = useState<Picked[]>([]);
  const next = useRef(0);
  const update = (key: number, patch: Partial<Picked>) => setItems((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  const add = useCallback(async () => {
    const paths = await choosePhotos(PHOTO_MAX - items.length);
    const added = paths.map((path) => ({ key: next.current++, path }));
    setItems((list) => [...list, ...added].slice(0, PHOTO_MAX));
    await Promise.all(
      added.map(async (p) => {
        try {
          update(p.key, { photoId: await uploadPhoto(p.path) });
        } catch (err) {
          update(p.key, { error: isApiError(err) ? errorMessage(err) : (err as Error).message || '照片上传失败' });
        }
      }),
    );
  }, [items.length]);
  return {
    items,
    add,
    remove: (key: number) => setItems((list) => list.filter((p) => p.key !== key)),
    reset: () => setItems([]),
    /** The uploaded photos, in the order picked. */
    photoIds: items.flatMap((p) => (p.photoId ? [p.photoId] : [])),
    /** Still uploading, or one failed: the form waits (or asks to remove it). */
    blocker: items.some((p) => p.error) ? '有照片上传失败，请删除后重新选择' : items.some((p) => !p.photoId) ? '照片正在上传，请稍候' : '',
  };
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;

export default function PhotoPicker({ id, uploads, label = '照片（选填）' }: { id: string; uploads: PhotoUploads; label?: string }) {
  return (
    <View id={id}>
      <Text className='cs-label'>{`${label} ${uploads.items.length}/${PHOTO_MAX}`}</Text>
      <View className='cs-photos'>
        {uploads.items.map((p, i) => (
          <View key={p.key} id={`${id}-${i}`} className={`cs-photo${p.photoId ? ' cs-photo--done' : ''}`}>
            <Image className='cs-photo__img' src={p.path} mode='aspectFill' />
            {!p.photoId && <Text className='cs-photo__state'>{p.error ? '失败' : '上传中'}</Text>}
            <Text className='cs-photo__remove' id={`${id}-${i}-remove`} onClick={() => uploads.remove(p.key)}>
              ×
            </Text>
          </View>
        ))}
        {uploads.items.length < PHOTO_MAX && (
          <View className='cs-photo cs-photo--add' id={`${id}-add`} onClick={() => void uploads.add()}>
            <Text>＋</Text>
          </View>
        )}
      </View>
    </View>
  );
}
