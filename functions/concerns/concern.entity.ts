// Concern entity (群众说事). The station queue index sorts open concerns first by due date, so overdue ones lead
// and "overdue only" is a key range; a transfer moves the concern to the new station's partition.
import { CONCERN_RULES } from '@shared/rules/concerns';
import type { ConcernCategory, ConcernStatus, TimelineEntry } from '@shared/schemas/concerns';
import { recordOf, type Item } from '../core/item';
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
  /** The promise made to the resident when it was filed (承诺时限): a transfer never moves it. */
  dueAt: string;
  /** The deadline of the station holding it since a transfer: the full time again, from the transfer. */
  transferDueAt?: string;
  /** Stations that held it open past their own deadline and then passed it on: it stays overdue against them. */
  lapsedStationIds?: string[];
  contactPhoneEnc?: string;
  contactPhoneMasked?: string;
  rejectReason?: string;
  feedback?: { satisfied: boolean; rating: number; comment?: string; at: string };
  /** Bumped by every move: two officials acting at once cannot both win. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

const OPEN: readonly ConcernStatus[] = CONCERN_RULES.openStatuses;
export const isOpen = (s: ConcernStatus) => OPEN.includes(s);

/** The deadline of the station holding the concern: its own after a transfer, else the original promise. */
export const stationDueAt = (r: Pick<ConcernRecord, 'dueAt' | 'transferDueAt'>): string => r.transferDueAt ?? r.dueAt;

const TIMELINE = 'TL#';
/** Queue sort keys start with 'A#' while open (by due date: overdue first), 'B#' once done. */
const OPEN_SORT = 'A#';
const DONE_SORT = 'B#';

export const concernKeys = {
  concern: (id: string) => ({ pk: `CONCERN#${id}`, sk: 'CONCERN' }),
  timeline: (id: string, at: string, n: number) => ({ pk: concernKeys.concern(id).pk, sk: `${TIMELINE}${at}#${String(n).padStart(3, '0')}` }),
  /** The concern's partition and the sort-key prefix of its timeline entries. */
  timelineOf: (id: string) => ({ pk: concernKeys.concern(id).pk, prefix: TIMELINE }),
  mine: (userId: string) => `USER#${userId}#CONCERNS`,
  station: (stationId: string) => `STATION#${stationId}#CONCERNS`,
  /** By the holding station's own deadline: a station is not shown late for time another station let pass. */
  queueSort: (r: Pick<ConcernRecord, 'status' | 'dueAt' | 'transferDueAt' | 'id'>) => `${isOpen(r.status) ? OPEN_SORT : DONE_SORT}${stationDueAt(r)}#${r.id}`,
  /** The station queue's key range of open concerns due (by its own deadline) before an instant: the overdue ones. */
  overdueRange: (before: string): [string, string] => [OPEN_SORT, `${OPEN_SORT}${before}`],
  /** Every open concern of every station, by due time (gsi4, sparse): see concernItem. */
  openByDue: 'CONCERNS#OPEN',
  trackingClaim: (trackingNo: string) => ({ pk: `TRACKING#${trackingNo}`, sk: 'TRACKING' }),
  dayCounter: (date: string) => ({ pk: 'COUNTER#CONCERNS', sk: date }),
};

/**
 * Open concerns are also in one province-wide partition of gsi4 sorted by the original promise (epoch ms: the earliest
 * of its deadlines, as a transfer's comes later; a transfer cannot take a lapsed concern out of it), and leave it when
 * resolved or rejected: the daily overdue digest finds every overdue concern, whatever its station and however old,
 * with one key-range Query instead of a Query per station (~2,200) or per past due date (unbounded). Concerns are
 * written a few times a minute at province scale, far below a partition's limits, so the key is not sharded.
 */
export function concernItem(r: ConcernRecord): Item {
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

export const toConcernRecord = (item: Item): ConcernRecord => recordOf<ConcernRecord>(item);

/**
 * `by` is stored as the actor's role label only (「驻点干部」): the name is read from the profile when the timeline is
 * shown (`timelineBy`), so an erased account leaves no name behind. Older entries stored `label · name`.
 */
export interface TimelineRecord extends Omit<TimelineEntry, 'photos'> {
  byUserId: string;
  /** Object keys of the entry's photos (see photo.entity); shown as presigned URLs to those who may see them. */
  photoKeys?: string[];
}

/** Entry `n` of a concern's timeline (n is the concern's version after the move: unique, in order). */
export function timelineItem(concernId: string, entry: TimelineRecord, n: number): Item {
  return { ...concernKeys.timeline(concernId, entry.at, n), entity: 'timeline', ...entry };
}

export const toTimelineRecord = (item: Item): TimelineRecord => recordOf<TimelineRecord>(item);

/** Claims a tracking number: two concerns never share one. */
export function trackingClaimItem(trackingNo: string, concernId: string): Item {
  return { ...concernKeys.trackingClaim(trackingNo), entity: 'tracking', concernId };
}

export const actorLabel = (by: string): string => by.split(' · ')[0]!;

/** 「驻点干部 · 沈局长」 as shown, with the actor's current name (已注销用户 once erased). */
export const timelineBy = (by: string, name: string): string => `${actorLabel(by)} · ${name}`;
