// The status of a concern as a chip, and the 「已超期」 mark (plain styled text: lighter than a UI-kit tag).
import { Text } from '@tarojs/components';
import type { ConcernStatus } from '@shared/schemas/concerns';
import { CONCERN_STATUS_LABELS, CONCERN_STATUS_TONES } from '../../lib/concerns';
import './concerns.scss';

export function StatusChip({ status, id }: { status: ConcernStatus; id?: string }) {
  return (
    <Text id={id} className={`cs-tag cs-tag--${CONCERN_STATUS_TONES[status]}`}>
      {CONCERN_STATUS_LABELS[status]}
    </Text>
  );
}

export function OverdueMark({ id }: { id?: string }) {
  return (
    <Text id={id} className='cs-tag cs-tag--overdue'>
      已超期
    </Text>
  );
}
