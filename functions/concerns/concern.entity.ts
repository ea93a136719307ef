// Concern entity (群众说事). The station queue index sorts open concerns first by due date, so overdue ones lead
// and "overdue only" is a key range; a transfer moves the concern to the new station's partition.
import type { ConcernCategory, ConcernStatus, TimelineEntry } from '@shared/schemas/concerns';
import { queueKeys, type ModerationReview } from '../moderation/moderation.entity';

export interface ConcernRecord {
  id: string;
  trackingNo: string;
  authorId: string;
  villageId: string;
  stationId: string;
  /** The current station's path: who may see and handle the concern. */
  stationPath: string[];
  category: ConcernCategory;
  title: string;
  content: string;
  status: ConcernStatus;
  pendingReview: boolean;
  /** The village's org path: whose township moderates it. */
  villagePath?: string[];
  /** Set while it waits in the moderation queue (the content check asked for a person). */
  queuedAt?: string;
  review?: ModerationReview;
  dueAt: string;
  contactPhoneEnc?: string;
  contactPhoneMasked?: string;
  rejectReason?: string;
  feedback?: { satisfied: boolean; rating: number; comment?: string; at: string };
  /** Bumped by every move: two officials acting at once cannot both win. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const OPEN_STATUSES: ConcernStatus[] = ['submitted', 'transferred', 'in_progress'];
export const isOpen = (s: ConcernStatus) => OPEN_STATUSES.includes(s);

export const concernKeys = {
  concern: (id: string) => ({ pk: `CONCERN#${id}`, sk: 'CONCERN' }),
  timeline: (id: string, at: string, n: number) => ({ pk: `CONCERN#${id}`, sk: `TL#${at}#${String(n).padStart(3, '0')}` }),
  /** Sort-key prefix of a concern's timeline entries. */
  timelinePrefix: 'TL#',
  mine: (userId: string) => `USER#${userId}#CONCERNS`,
  station: (stationId: string) => `STATION#${stationId}#CONCERNS`,
  /** 'A' open (by due date: overdue first), 'B' done. */
  queueSort: (r: Pick<ConcernRecord, 'status' | 'dueAt' | 'id'>) => `${isOpen(r.status) ? 'A' : 'B'}#${r.dueAt}#${r.id}`,
  /** Every open concern of every station, by due time (gsi4, sparse): see concernItem. */
  openByDue: 'CONCERNS#OPEN',
  trackingClaim: (trackingNo: string) => ({ pk: `TRACKING#${trackingNo}`, sk: 'TRACKING' }),
  dayCounter: (date: string) => ({ pk: 'COUNTER#CONCERNS', sk: date }),
};

/**
 * Open concerns are also in one province-wide partition of gsi4 sorted by due time (epoch ms), and leave it when
 * resolved or rejected: the daily overdue digest finds every overdue concern, whatever its station and however old,
 * with one key-range Query instead of a Query per station (~2,200) or per past due date (unbounded). Concerns are
 * written a few times a minute at province scale, far below a partition's limits, so the key is not sharded.
 */
export function concernItem(r: ConcernRecord): Record<string, unknown> {
  return {
    ...concernKeys.concern(r.id),
    gsi1pk: concernKeys.mine(r.authorId),
    gsi1sk: `${r.createdAt}#${r.id}`,
    gsi2pk: concernKeys.station(r.stationId),
    gsi2sk: concernKeys.queueSort(r),
    ...(isOpen(r.status) ? { gsi4pk: concernKeys.openByDue, gsi4n: Date.parse(r.dueAt) } : {}),
    // In its township's moderation queue (gsi3, sparse) while queued: see moderation.entity.
    ...(r.queuedAt && r.villagePath ? queueKeys(r.villagePath, r.queuedAt, 'concern', r.id) : {}),
    entity: 'concern',
    ...r,
  };
}

export function toConcernRecord(item: Record<string, unknown>): ConcernRecord {
  const { pk: _a, sk: _b, gsi1pk: _c, gsi1sk: _d, gsi2pk: _e, gsi2sk: _f, gsi4pk: _h, gsi4n: _i, gsi3pk: _j, gsi3sk: _k, entity: _g, ...rest } = item;
  return rest as unknown as ConcernRecord;
}

/**
 * `by` is stored as the actor's role label only (「驻点干部」): the name is read from the profile when the timeline is
 * shown (`timelineBy`), so an erased account leaves no name behind. Older entries stored `label · name`.
 */
export interface TimelineRecord extends TimelineEntry {
  byUserId: string;
}

export const actorLabel = (by: string): string => by.split(' · ')[0]!;

/** 「驻点干部 · 沈局长」 as shown, with the actor's current name (已注销用户 once erased). */
export const timelineBy = (by: string, name: string): string => `${actorLabel(by)} · ${name}`;
