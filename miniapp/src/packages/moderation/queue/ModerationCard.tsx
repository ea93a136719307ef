// One item waiting in the moderation queue: what it is, why it waits, its text (long texts folded), who and where.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ModerationItem } from '@shared/schemas/moderation';
import { formatShort } from '@shared/time';
import { Button } from '../../../components/nut';
import { MODERATION_KIND_LABELS, whyText } from '../../../lib/moderation';

const EXCERPT = 120;

export const keyOf = (i: Pick<ModerationItem, 'kind' | 'id'>) => `${i.kind}-${i.id}`;

interface Props {
  item: ModerationItem;
  /** A decision is on its way (for this item: `approving`); the buttons wait. */
  busy: boolean;
  approving: boolean;
  onApprove: () => void;
  onReject: () => void;
}

export default function ModerationCard({ item, busy, approving, onApprove, onReject }: Props) {
  const [open, setOpen] = useState(false);
  const key = keyOf(item);
  const chars = [...item.content];
  const long = chars.length > EXCERPT;
  return (
    <View className='card mod-item' id={`mod-item-${key}`}>
      <View className='mod-item__head'>
        <Text className='mod-tag mod-tag--info' id={`mod-kind-${key}`}>
          {MODERATION_KIND_LABELS[item.kind]}
        </Text>
        <Text className={`mod-tag ${item.why === 'reported' ? 'mod-tag--danger' : 'mod-tag--warning'}`} id={`mod-why-${key}`}>
          {whyText(item)}
        </Text>
        {item.trackingNo && <Text className='muted'>{item.trackingNo}</Text>}
      </View>
      <Text className='mod-item__title' id={`mod-title-${key}`}>
        {item.title}
      </Text>
      <Text className='mod-item__content' id={`mod-content-${key}`}>
        {long && !open ? `${chars.slice(0, EXCERPT).join('')}…` : item.content}
      </Text>
      {long && (
        <Text className='muted' id={`mod-expand-${key}`} onClick={() => setOpen(!open)}>
          {open ? '收起' : '展开全文'}
        </Text>
      )}
      <Text className='muted' id={`mod-meta-${key}`}>
        {`${item.authorName || '已注销用户'} · ${item.orgName ?? item.orgId} · ${formatShort(item.queuedAt)}`}
      </Text>
      <View className='mod-item__actions'>
        <Button id={`mod-approve-${key}`} type='primary' size='small' loading={approving} disabled={busy} onClick={onApprove}>
          通过
        </Button>
        <Button id={`mod-reject-${key}`} size='small' disabled={busy} onClick={onReject}>
          不通过
        </Button>
      </View>
    </View>
  );
}
