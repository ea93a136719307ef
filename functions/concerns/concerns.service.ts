import type { PageQuery } from '@shared/schemas/common';
import { ROLE_SETS } from '@shared/roles';
import { CONCERN_RULES } from '@shared/rules/concerns';
import type { Concern, ConcernCategory, ConcernFeedbackBody, ConcernTransitionBody, CreateConcernBody } from '@shared/schemas/concerns';
import { ROLE_LABELS } from '@shared/labels';
import type { ModerationDecisionBody, ModerationOutcome } from '@shared/schemas/moderation';
import { AlreadyModeratedError, ConflictError, ContentRejectedError, InvalidStateError, NotFoundError, ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import type { Page } from '../core/pagination';
import { encryptPhone, maskPhone } from '../core/phone';
import { holds, requireVisible, type Principal } from '../core/policy';
import { secrets } from '../core/secrets';
import { shanghaiDate } from '@shared/time';
import { retrying, TRY_AGAIN } from '../core/transact';
import { contentChecker } from '../content/content-check';
import { spendQuota } from '../quotas/quota';
import { getOrg, getStation, listStations, servingStation, type StationRecord } from '../orgs/orgs.repository';
import { outboxPut } from '../notifications/outbox.entity';
import { CONCERN_STATUS_LABELS } from '@shared/labels';
import { reviewOf, toOutcome } from '../moderation/moderation.entity';
import { isOpen, type ConcernRecord, type TimelineRecord } from './concern.entity';
import { canHandle, HANDLERS, present } from './concern.view';
import { photoPort } from './photo-port';
import { dueFrom, transferred } from './transfer';
import { createConcern, getConcern, getConcernWithTimeline, listMine, listStationQueue, nextSequence, saveTransition } from './concerns.repository';
import type { Infer } from '@shared/schemas/lazy';

const STATUS_WORDS = CONCERN_STATUS_LABELS;

/** 「驻点干部」: the role the person acted in; their name is added when shown (see TimelineRecord). */
function actor(p: Principal, c: Pick<ConcernRecord, 'stationPath' | 'authorId'>): string {
  const role = p.userId === c.authorId && !canHandle(p, c) ? 'resident' : (HANDLERS.find((r) => holds(p, [r], c.stationPath)) ?? 'resident');
  return ROLE_LABELS[role];
}

/**
 * Where a village's concerns go: the station that lists it among those it serves, else the village's own station,
 * else its township's; with the village's org path.
 */
async function stationFor(villageId: string): Promise<{ station: StationRecord; villagePath: string[] }> {
  const village = await getOrg(villageId);
  if (village?.type !== 'village' || village.archivedAt) throw new ValidationError('所选村（社区）不存在', [{ path: 'villageId', message: '不是有效的村（社区）' }]);
  const served = await servingStation(villageId);
  if (served) return { station: served, villagePath: village.path };
  const own = (await listStations(villageId, 1)).items[0];
  if (own) return { station: own, villagePath: village.path };
  const fallback = village.townshipId ? (await listStations(village.townshipId, 1)).items[0] : undefined;
  if (!fallback) throw new InvalidStateError('该村暂未设立说事室或驻点工作室，请联系乡镇');
  return { station: fallback, villagePath: village.path };
}

interface NewConcern {
  /** Chosen before filing when photos are stored under it first. */
  id?: string;
  authorId: string;
  villageId: string;
  station: StationRecord;
  category: ConcernCategory;
  title: string;
  content: string;
  pendingReview: boolean;
  villagePath?: string[];
  phone?: { contactPhoneEnc: string; contactPhoneMasked: string };
  first: Omit<TimelineRecord, 'at'>;
}

/** Numbers and stores a new concern with its first timeline entry. */
async function fileConcern(n: NewConcern): Promise<ConcernRecord> {
  const now = new Date();
  const date = shanghaiDate(now).replace(/-/g, '');
  // Another concern may claim the day's next number between counter and claim: take the next one.
  return retrying(async () => {
    const record: ConcernRecord = {
      id: n.id ?? newId(),
      trackingNo: `SS${date}-${String(await nextSequence(date)).padStart(4, '0')}`,
      authorId: n.authorId,
      villageId: n.villageId,
      stationId: n.station.id,
      stationPath: n.station.path,
      category: n.category,
      title: n.title,
      content: n.content,
      status: 'submitted',
      pendingReview: n.pendingReview,
      ...(n.villagePath ? { villagePath: n.villagePath } : {}),
      // Queued for the township's moderators; routed and handled all the same meanwhile.
      ...(n.pendingReview ? { queuedAt: now.toISOString() } : {}),
      dueAt: dueFrom(n.category, now.getTime()),
      ...(n.phone ?? {}),
      version: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    return (await createConcern(record, { ...n.first, at: record.createdAt })) ? record : TRY_AGAIN;
  });
}

/** The content check every concern's text passes, whoever files it: risky is refused, review is kept but queued. */
export async function checkConcernText(text: string, openid?: string): Promise<{ pendingReview: boolean }> {
  const verdict = await contentChecker().check(text, 'concern', openid);
  if (verdict === 'risky') throw new ContentRejectedError();
  return { pendingReview: verdict === 'review' };
}

export async function raiseConcern(principal: Principal, body: Infer<typeof CreateConcernBody>): Promise<Concern> {
  const { station, villagePath } = await stationFor(body.villageId);
  await spendQuota(principal.userId, 'concern');
  const { pendingReview } = await checkConcernText(`${body.title}\n${body.content}`, principal.openid);
  // The photos are checked and stored first: a refused photo leaves no concern behind.
  const id = newId();
  const photoKeys = await photoPort.attach(principal.userId, id, body.photos);
  const record = await fileConcern({
    id,
    authorId: principal.userId,
    villageId: body.villageId,
    station,
    category: body.category,
    title: body.title,
    content: body.content,
    // A "review" verdict keeps the concern and routes it; the handlers see it marked.
    pendingReview,
    villagePath,
    phone: body.contactPhone ? { contactPhoneEnc: encryptPhone((await secrets()).phoneKey, body.contactPhone), contactPhoneMasked: maskPhone(body.contactPhone) } : undefined,
    first: { action: 'submitted', by: ROLE_LABELS.resident, byUserId: principal.userId, ...(photoKeys.length ? { photoKeys } : {}) },
  });
  return present(record, principal, false);
}

/**
 * An official turns a 局长驻点 conversation into a concern for follow-up: filed for the resident (who tracks it as
 * their own) at the same station, already noted as coming from the session. `checked` is what checkConcernText said
 * of `bookingConcernText`: the caller runs it before saving anything, so a refused text leaves nothing half done.
 * It is filed under the station's own org: the village for a village's station, the township for a township's.
 */
export async function raiseFromBooking(
  official: Principal,
  b: { userId: string; topic: string; note?: string; station: StationRecord; phone?: { contactPhoneEnc: string; contactPhoneMasked: string } },
  checked: { pendingReview: boolean },
): Promise<string> {
  const max = CONCERN_RULES.titleMax;
  const title = [...b.topic].length > max ? `${[...b.topic].slice(0, max - 1).join('')}…` : b.topic;
  const org = await getOrg(b.station.orgId);
  if (!org) throw new InvalidStateError('驻点所属组织不存在');
  const record = await fileConcern({
    authorId: b.userId,
    villageId: org.id,
    villagePath: org.path,
    station: b.station,
    category: 'other',
    title,
    content: bookingConcernText(b.topic, b.note),
    pendingReview: checked.pendingReview,
    phone: b.phone,
    first: { action: 'submitted', by: actor(official, { stationPath: b.station.path, authorId: b.userId }), note: '由局长驻点接待转为说事跟进', byUserId: official.userId },
  });
  return record.id;
}

export const bookingConcernText = (topic: string, note?: string) => (note ? `${topic}\n\n接待记录：${note}` : topic);

/** The concern, or 404 for anyone but its author and its handlers: a guessed id tells nothing. */
function requireConcernVisible(principal: Principal, c: ConcernRecord | undefined): ConcernRecord {
  if (!c) throw new NotFoundError('事项不存在');
  if (c.authorId !== principal.userId) requireVisible(principal, HANDLERS, c.stationPath);
  return c;
}

export async function visibleConcern(principal: Principal, id: string): Promise<ConcernRecord> {
  return requireConcernVisible(principal, await getConcern(id));
}

export async function getConcernFor(principal: Principal, id: string): Promise<Concern> {
  // One Query for the concern and its timeline; nothing of it leaves before the caller is checked.
  const { concern, timeline } = await getConcernWithTimeline(id);
  return present(requireConcernVisible(principal, concern), principal, timeline);
}

export async function myConcerns(principal: Principal, q: Infer<typeof PageQuery>): Promise<Page<Concern>> {
  const page = await listMine(principal.userId, q.limit, q.cursor);
  return { items: await Promise.all(page.items.map((c) => present(c, principal, false))), nextCursor: page.nextCursor };
}

export async function stationConcerns(
  principal: Principal,
  stationId: string,
  q: Infer<typeof PageQuery> & { status?: string; overdue?: 'true' | 'false' },
): Promise<Page<Concern>> {
  const station = await getStation(stationId);
  if (!station) throw new NotFoundError('驻点不存在');
  requireVisible(principal, HANDLERS, station.path);
  const page = await listStationQueue(stationId, {
    overdueBefore: q.overdue === 'true' ? new Date().toISOString() : undefined,
    status: q.status,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: await Promise.all(page.items.map((c) => present(c, principal, false))), nextCursor: page.nextCursor };
}

type Action = Infer<typeof ConcernTransitionBody>['action'];

/** The state machine: which actions each status allows. Anything else is 409 INVALID_STATE. */
const MOVES: Record<Action, ConcernRecord['status'][]> = {
  start: ['submitted', 'transferred'],
  resolve: ['in_progress'],
  transfer: ['submitted', 'transferred', 'in_progress'],
  reject: ['submitted', 'transferred', 'in_progress'],
};

const ACTION_WORDS: Record<Action, string> = { start: '开始办理', resolve: '办结', transfer: '转办', reject: '不予受理' };

export async function transition(principal: Principal, id: string, body: Infer<typeof ConcernTransitionBody>): Promise<Concern> {
  if (body.photos?.length && body.action !== 'resolve') throw new ValidationError('只有办结时可以附照片', [{ path: 'photos', message: '仅办结时可填' }]);
  let photoKeys: string[] | undefined;
  // Someone else moving it first makes the save fail: read again, the move may no longer be legal.
  return retrying(async () => {
    const c = await visibleConcern(principal, id);
    requireVisible(principal, HANDLERS, c.stationPath);
    if (!MOVES[body.action].includes(c.status)) throw new InvalidStateError(`当前状态不能${ACTION_WORDS[body.action]}`);
    const now = new Date().toISOString();
    // Stored once, after the move is known to be legal; a retry reuses them.
    photoKeys ??= await photoPort.attach(principal.userId, c.id, body.photos);
    const entry: TimelineRecord = { at: now, action: body.action, by: actor(principal, c), note: body.note, byUserId: principal.userId, ...(photoKeys.length ? { photoKeys } : {}) };
    let next: ConcernRecord = { ...c, updatedAt: now };
    switch (body.action) {
      case 'start':
        next.status = 'in_progress';
        break;
      case 'resolve':
        next.status = 'resolved';
        break;
      case 'reject':
        next = { ...next, status: 'rejected', rejectReason: body.note };
        break;
      case 'transfer': {
        const moved = await transferred(principal, c, body.toStationId);
        next = { ...moved.next, updatedAt: now };
        entry.toStationName = moved.to.name;
        break;
      }
    }
    // The resident hears about the moves they wait for: resolved (to give feedback), transferred, rejected.
    const message = body.action === 'start' ? [] : [toResident(c, { character_string1: c.trackingNo, phrase2: STATUS_WORDS[next.status], thing3: body.note })];
    if (await saveTransition(c, next, entry, message)) {
      return present({ ...next, version: c.version + 1 }, principal, true);
    }
    return TRY_AGAIN;
  });
}

export async function giveFeedback(principal: Principal, id: string, body: Infer<typeof ConcernFeedbackBody>): Promise<Concern> {
  const c = await visibleConcern(principal, id);
  if (c.authorId !== principal.userId) throw new NotFoundError('事项不存在');
  if (c.status !== 'resolved') throw new InvalidStateError('办结后才能评价');
  const now = new Date().toISOString();
  const feedback = { satisfied: body.satisfied, rating: body.rating, ...(body.comment ? { comment: body.comment } : {}), at: now };
  // Not satisfied reopens it at the same station: 最多跑一次, the resident never starts over.
  const next: ConcernRecord = { ...c, feedback, status: body.satisfied ? 'closed' : 'in_progress', updatedAt: now };
  const entry: TimelineRecord = {
    at: now,
    action: body.satisfied ? 'feedback_satisfied' : 'feedback_unsatisfied',
    by: ROLE_LABELS.resident,
    ...(body.comment ? { note: body.comment } : {}),
    byUserId: principal.userId,
  };
  if (!(await saveTransition(c, next, entry))) throw new ConflictError('事项刚被处理，请刷新后再评价');
  return present({ ...next, version: c.version + 1 }, principal, true);
}

/**
 * A moderation decision on a concern the content check queued. Approved, it carries on as it was (the mark goes).
 * Rejected, an open concern is not accepted (不予受理) with the reason; one already finished keeps its status and
 * just records the decision. Either way the resident sees it on the timeline and gets a message if they asked for one.
 */
export async function decideConcern(principal: Principal, id: string, body: ModerationDecisionBody): Promise<ModerationOutcome> {
  return retrying(async () => {
    const c = await getConcern(id);
    if (!c?.villagePath) throw new NotFoundError('事项不存在');
    requireVisible(principal, ROLE_SETS.concernModerators, c.villagePath);
    if (!c.queuedAt) throw new AlreadyModeratedError();
    const approve = body.decision === 'approve';
    const now = new Date().toISOString();
    const review = reviewOf(principal.userId, body, now);
    const rejectsIt = !approve && isOpen(c.status);
    const next: ConcernRecord = {
      ...c,
      pendingReview: false,
      queuedAt: undefined,
      review,
      updatedAt: now,
      ...(rejectsIt ? { status: 'rejected' as const, rejectReason: body.reason } : {}),
    };
    const entry: TimelineRecord = {
      at: now,
      action: approve ? 'review_approve' : 'review_reject',
      by: actor(principal, c),
      ...(body.reason ? { note: body.reason } : {}),
      byUserId: principal.userId,
    };
    // Versioned like every move: a second moderator (or an official acting meanwhile) makes this fail and re-read.
    const message = toResident(c, {
      character_string1: c.trackingNo,
      phrase2: approve ? '审核通过' : rejectsIt ? STATUS_WORDS.rejected : '审核未通过',
      thing3: body.reason ?? '您的说事已通过审核，正在办理',
    });
    if (await saveTransition(c, next, entry, [message])) return toOutcome(review);
    return TRY_AGAIN;
  });
}

/** A "concern update" message to the resident, saved with the move and sent from the outbox. */
function toResident(c: ConcernRecord, data: Record<string, string>) {
  return outboxPut({ subject: `concern#${c.id}`, template: 'concern_update', data, page: 'pages/concerns/index', to: { users: [c.authorId] } });
}
