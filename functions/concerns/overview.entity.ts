// The township overview of 群众说事: running figures per station and month, and a township's list of open concerns by
// deadline. Both change in the same transaction as the concern (overviewUpdates, called by concerns.repository), like
// the assessment aggregates, so the overview reads two partitions instead of every concern.
//
//   station row  pk CAGG#<month>#<townshipId>   sk <stationId>            figures below (ADD), the station's name
//   open concern pk COPEN#<townshipId>          sk <stationDueAt>#<id>    while open: the overdue ones are a key range
import { shanghaiMonth } from '@shared/time';
import { TABLE } from '../core/dynamo';
import type { TransactItems } from '../core/transact';
import { getStation } from '../orgs/orgs.repository';
import { isOpen, stationDueAt, type ConcernRecord } from './concern.entity';

export const OVERVIEW_FIELDS = ['received', 'resolved', 'resolveMsSum', 'overdueDone', 'feedbackCount', 'satisfied', 'ratingSum'] as const;
export type OverviewFigures = Record<(typeof OVERVIEW_FIELDS)[number], number>;

export const overviewKeys = {
  stationRows: (month: string, townshipId: string) => `CAGG#${month}#${townshipId}`,
  openConcerns: (townshipId: string) => `COPEN#${townshipId}`,
  openSort: (c: Pick<ConcernRecord, 'id' | 'dueAt' | 'transferDueAt'>) => `${stationDueAt(c)}#${c.id}`,
};

export interface OpenConcernRecord {
  id: string;
  trackingNo: string;
  title: string;
  stationId: string;
  stationName: string;
  dueAt: string;
}

type Delta = { month: string; stationId: string; add: Partial<OverviewFigures> };

/** What a move of a concern (`prev` absent when filed) adds to the figures, all at its instant `next.updatedAt`. */
export function overviewDeltas(prev: ConcernRecord | undefined, next: ConcernRecord): Delta[] {
  const at = next.updatedAt;
  const out: Delta[] = [];
  const moved = !prev || prev.stationId !== next.stationId;
  if (moved) out.push({ month: shanghaiMonth(at), stationId: next.stationId, add: { received: 1 } });
  // Finished or passed on after its deadline there: late against the station that held it, in the deadline's month.
  if (prev && isOpen(prev.status) && (!isOpen(next.status) || moved) && stationDueAt(prev) < at) {
    out.push({ month: shanghaiMonth(stationDueAt(prev)), stationId: prev.stationId, add: { overdueDone: 1 } });
  }
  if (next.status === 'resolved' && prev?.status !== 'resolved') {
    out.push({ month: shanghaiMonth(at), stationId: next.stationId, add: { resolved: 1, resolveMsSum: Date.parse(at) - Date.parse(next.createdAt) } });
  }
  if (next.feedback && next.feedback.at !== prev?.feedback?.at) {
    const f = next.feedback;
    out.push({ month: shanghaiMonth(f.at), stationId: next.stationId, add: { feedbackCount: 1, satisfied: f.satisfied ? 1 : 0, ratingSum: f.rating } });
  }
  return out;
}

/** The transaction items of a move: the station rows' figures and the township's open list. Stations outside a township count nowhere. */
export async function overviewUpdates(prev: ConcernRecord | undefined, next: ConcernRecord): Promise<TransactItems> {
  const ids = [...new Set([prev?.stationId, next.stationId].filter((s): s is string => !!s))];
  const stations = new Map((await Promise.all(ids.map(getStation))).filter((s) => !!s).map((s) => [s.id, s]));
  const items: TransactItems = [];
  for (const d of overviewDeltas(prev, next)) {
    const station = stations.get(d.stationId);
    const entries = Object.entries(d.add).filter(([, v]) => v !== 0);
    if (!station?.townshipId || !entries.length) continue;
    items.push({
      Update: {
        TableName: TABLE,
        Key: { pk: overviewKeys.stationRows(d.month, station.townshipId), sk: station.id },
        UpdateExpression: `ADD ${entries.map(([k]) => `#${k} :${k}`).join(', ')} SET #e = :e, #n = :n`,
        ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([k]) => [`#${k}`, k])), '#e': 'entity', '#n': 'stationName' },
        ExpressionAttributeValues: { ...Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v])), ':e': 'concern_agg', ':n': station.name },
      },
    });
  }
  const wasOpen = !!prev && isOpen(prev.status);
  const nowOpen = isOpen(next.status);
  const before = prev && stations.get(prev.stationId)?.townshipId;
  const after = stations.get(next.stationId);
  const beforeKey = prev && before ? { pk: overviewKeys.openConcerns(before), sk: overviewKeys.openSort(prev) } : undefined;
  const afterKey = nowOpen && after?.townshipId ? { pk: overviewKeys.openConcerns(after.townshipId), sk: overviewKeys.openSort(next) } : undefined;
  const same = beforeKey && afterKey && beforeKey.pk === afterKey.pk && beforeKey.sk === afterKey.sk;
  if (wasOpen && beforeKey && !same) items.push({ Delete: { TableName: TABLE, Key: beforeKey } });
  if (afterKey && (!same || !wasOpen)) {
    const open: OpenConcernRecord = { id: next.id, trackingNo: next.trackingNo, title: next.title, stationId: next.stationId, stationName: after!.name, dueAt: stationDueAt(next) };
    items.push({ Put: { TableName: TABLE, Item: { ...afterKey, entity: 'concern_open', ...open } } });
  }
  return items;
}
