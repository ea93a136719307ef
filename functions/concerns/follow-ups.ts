// 补充说明: the resident adds text and photos to their concern while the station still has it open.
import { ROLE_LABELS } from '@shared/labels';
import type { Concern, ConcernFollowUpBody } from '@shared/schemas/concerns';
import { ConflictError, InvalidStateError, NotFoundError } from '../core/errors';
import type { Principal } from '../core/policy';
import { isOpen, type ConcernRecord, type TimelineRecord } from './concern.entity';
import { present } from './concern.view';
import { checkConcernText, visibleConcern } from './concerns.service';
import { saveTransition } from './concerns.repository';
import { photoPort } from './photo-port';
import type { Infer } from '@shared/schemas/lazy';

export async function followUp(principal: Principal, id: string, body: Infer<typeof ConcernFollowUpBody>): Promise<Concern> {
  const c = await visibleConcern(principal, id);
  if (c.authorId !== principal.userId) throw new NotFoundError('事项不存在');
  if (!isOpen(c.status)) throw new InvalidStateError('事项已办结或不予受理，不能再补充');
  // The same check as the concern's own text: refused text is not stored.
  await checkConcernText(body.note, principal.openid);
  const photoKeys = await photoPort.attach(principal.userId, c.id, body.photos);
  const now = new Date().toISOString();
  // Versioned like a move: the concern's status stays, the handlers see the entry on its timeline.
  const next: ConcernRecord = { ...c, updatedAt: now };
  const entry: TimelineRecord = { at: now, action: 'follow_up', by: ROLE_LABELS.resident, note: body.note, byUserId: principal.userId, ...(photoKeys.length ? { photoKeys } : {}) };
  if (!(await saveTransition(c, next, entry))) throw new ConflictError('事项刚被处理，请刷新后再补充');
  return present({ ...next, version: c.version + 1 }, principal, true);
}
