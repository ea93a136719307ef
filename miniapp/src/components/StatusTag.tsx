// The one status chip of the app: a tone per state, so 已取消 (default, grey) looks the same in every module.
// Modules keep their labels and tones beside their other labels (lib/themeday-labels.ts, lib/booking.ts).
import { Text } from '@tarojs/components';

export type TagTone = 'default' | 'primary' | 'info' | 'success' | 'warning' | 'danger';

export default function StatusTag({ tone, label, id }: { tone: TagTone; label: string; id?: string }) {
  return (
    <Text id={id} className={`status-tag status-tag--${tone}`}>
      {label}
    </Text>
  );
}
