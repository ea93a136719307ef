// A concern as its author and its handlers see it. Only they are ever shown one (see requireConcernVisible), so the
// photos' short-lived view URLs go out with it.
import { ROLE_SETS } from '@shared/roles';
import type { Concern } from '@shared/schemas/concerns';
import { holds, type Principal } from '../core/policy';
import { getOrg, getStation } from '../orgs/orgs.repository';
import { toOutcome } from '../moderation/moderation.entity';
import { displayNames } from '../users/users.repository';
import { DELETED_NAME } from '../users/user.entity';
import { isOpen, stationDueAt, timelineBy, type ConcernRecord, type TimelineRecord } from './concern.entity';
import { timelineOf } from './concerns.repository';
import { photoPort } from './photo-port';

/** Who handles a station's concerns. */
export const HANDLERS = ROLE_SETS.stationManagers;

export const canHandle = (p: Principal | undefined, c: Pick<ConcernRecord, 'stationPath'>) => holds(p, HANDLERS, c.stationPath);

/** `withTimeline`: read it (true), leave it out (false), or the timeline already read with the concern. */
export async function present(c: ConcernRecord, viewer: Principal | undefined, withTimeline: boolean | TimelineRecord[]): Promise<Concern> {
  const [village, station, timeline] = await Promise.all([
    getOrg(c.villageId),
    getStation(c.stationId),
    withTimeline === true ? timelineOf(c.id) : Promise.resolve(withTimeline || undefined),
  ]);
  const names = timeline ? await displayNames([...new Set(timeline.map((t) => t.byUserId))]) : new Map<string, string>();
  return {
    id: c.id,
    trackingNo: c.trackingNo,
    villageId: c.villageId,
    villageName: village?.name,
    stationId: c.stationId,
    stationName: station?.name,
    category: c.category,
    title: c.title,
    content: c.content,
    status: c.status,
    ...(c.pendingReview ? { pendingReview: true } : {}),
    ...(c.review ? { review: toOutcome(c.review) } : {}),
    dueAt: c.dueAt,
    ...(c.transferDueAt ? { transferDueAt: c.transferDueAt } : {}),
    // Late by the holding station's own deadline; the original promise is dueAt, shown beside it.
    overdue: isOpen(c.status) && Date.parse(stationDueAt(c)) < Date.now(),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    ...(c.contactPhoneMasked ? { contactPhoneMasked: c.contactPhoneMasked } : {}),
    ...(c.rejectReason ? { rejectReason: c.rejectReason } : {}),
    ...(c.feedback ? { feedback: c.feedback } : {}),
    ...(timeline
      ? {
          timeline: await Promise.all(
            timeline.map(async ({ at, action, by, byUserId, note, toStationName, photoKeys }) => ({
              at,
              action,
              by: timelineBy(by, names.get(byUserId) ?? DELETED_NAME),
              ...(note ? { note } : {}),
              ...(toStationName ? { toStationName } : {}),
              ...(photoKeys?.length ? { photos: await photoPort.views(photoKeys) } : {}),
            })),
          ),
        }
      : {}),
    ...(viewer ? { canHandle: canHandle(viewer, c), mine: viewer.userId === c.authorId } : {}),
  };
}

