// 复制: puts a text (a 受理编号) on the clipboard, so a resident can paste it into a message instead of copying it by hand.
import Taro from '@tarojs/taro';
import { Button } from './nut';

export default function CopyButton({ id, text, what }: { id: string; text: string; what: string }) {
  const copy = () =>
    void Taro.setClipboardData({ data: text })
      .then(() => Taro.showToast({ title: `${what}已复制`, icon: 'none' }))
      .catch(() => undefined); // the user closed the system prompt
  return (
    <Button id={id} size='small' fill='outline' aria-label={`复制${what}`} onClick={copy}>
      复制
    </Button>
  );
}
