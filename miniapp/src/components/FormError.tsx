// A form's error line (the first problem of the input, or the API's answer); nothing when there is none.
import { Text } from '@tarojs/components';

export default function FormError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Text className='error-text' id={id}>
      {message}
    </Text>
  );
}
