// The head of a concern's detail: tracking number, status, overdue mark, where it is handled, the deadline, the text,
// the contact phone (masked; 联系群众 for the station's officials), the rejection reason and the resident's feedback.
import { Text, View } from '@tarojs/components';
import type { Concern } from '@shared/schemas/concerns';
import { formatDateTime } from '@shared/time';
import { api } from '../../api/client';
import ContactResident from '../ContactResident';
import { CONCERN_CATEGORY_LABELS, promiseLapsed } from '../../lib/concerns';
import { OverdueMark, StatusChip } from './StatusChip';
import Stars from './Stars';
import TrackingNo from './TrackingNo';
import './concerns.scss';

export default function ConcernSummary({ concern: c, audience }: { concern: Concern; audience: 'resident' | 'handler' }) {
  // The resident's promise: before a transfer it is the station's own deadline, after it is kept as it was.
  const late = c.transferDueAt ? promiseLapsed(c) : c.overdue;
  return (
    <View className='cs-card' id='cs-summary'>
      <View className='cs-spread'>
        <View className='cs-row'>
          <StatusChip status={c.status} id='cs-status' />
          {c.overdue && <OverdueMark id='cs-overdue' />}
          {audience === 'handler' && c.pendingReview && <Text className='cs-tag cs-tag--warning'>待审核</Text>}
        </View>
        <TrackingNo className='cs-card__no' id='cs-detail-tracking-no' no={c.trackingNo} />
      </View>
      <Text className='cs-card__title' id='cs-detail-title'>
        {c.title}
      </Text>
      <Text className='cs-content' id='cs-detail-content'>
        {c.content}
      </Text>

      {c.review?.decision === 'rejected' ? (
        <Text className='cs-alert' id='cs-review-rejected'>{`未通过审核${c.review.reason ? `：${c.review.reason}` : ''}`}</Text>
      ) : (
        c.status === 'rejected' && c.rejectReason && <Text className='cs-alert' id='cs-reject-reason'>{`不予受理的理由：${c.rejectReason}`}</Text>
      )}
      {audience === 'handler' && c.pendingReview && (
        <Text className='cs-alert cs-alert--info'>内容安全检查要求人工复核，请留意内容是否合规。</Text>
      )}

      <View className='cs-kv'>
        <Text className='cs-kv__k'>类别</Text>
        <Text className='cs-kv__v'>{CONCERN_CATEGORY_LABELS[c.category]}</Text>
      </View>
      <View className='cs-kv'>
        <Text className='cs-kv__k'>所在村</Text>
        <Text className='cs-kv__v'>{c.villageName ?? c.villageId}</Text>
      </View>
      <View className='cs-kv'>
        <Text className='cs-kv__k'>办理单位</Text>
        <Text className='cs-kv__v' id='cs-detail-station'>
          {c.stationName ?? c.stationId}
        </Text>
      </View>
      <View className='cs-kv'>
        <Text className='cs-kv__k'>提交时间</Text>
        <Text className='cs-kv__v'>{formatDateTime(c.createdAt)}</Text>
      </View>
      <View className='cs-kv'>
        <Text className='cs-kv__k'>承诺时限</Text>
        <Text className={`cs-kv__v${late ? ' cs-kv__v--late' : ''}`} id='cs-detail-due'>
          {late ? `${formatDateTime(c.dueAt)}（已超期）` : `${formatDateTime(c.dueAt)} 前办结`}
        </Text>
      </View>
      {c.transferDueAt && (
        <View className='cs-kv'>
          <Text className='cs-kv__k'>转办后时限</Text>
          <Text className={`cs-kv__v${c.overdue ? ' cs-kv__v--late' : ''}`} id='cs-detail-transfer-due'>
            {c.overdue ? `${formatDateTime(c.transferDueAt)}（已超期）` : `${formatDateTime(c.transferDueAt)} 前办结`}
          </Text>
        </View>
      )}
      {audience === 'handler' ? (
        <View className='cs-kv'>
          <Text className='cs-kv__k'>联系群众</Text>
          <View className='cs-kv__v'>
            <ContactResident
              id='cs-detail'
              stationId={c.stationId}
              masked={c.contactPhoneMasked}
              reveal={() => api('revealConcernPhone', { params: { id: c.id } })}
            />
          </View>
        </View>
      ) : (
        c.contactPhoneMasked && (
          <View className='cs-kv'>
            <Text className='cs-kv__k'>联系电话</Text>
            <Text className='cs-kv__v' id='cs-detail-phone'>
              {c.contactPhoneMasked}
            </Text>
          </View>
        )
      )}

      {c.feedback && (
        <View className='cs-kv' id='cs-feedback-result'>
          <Text className='cs-kv__k'>群众评价</Text>
          <View className='cs-kv__v'>
            <View className='cs-row'>
              <Text>{c.feedback.satisfied ? '满意' : '不满意'}</Text>
              <Stars value={c.feedback.rating} small />
            </View>
            {c.feedback.comment && <Text className='muted'>{c.feedback.comment}</Text>}
          </View>
        </View>
      )}
    </View>
  );
}
