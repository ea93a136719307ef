// Scheduled daily (08:00 Asia/Shanghai): each station with open concerns past their promised deadline gets a
// digest, one message to each of its officials, with the count and the longest overdue one (the outbox sends it,
// checking each official's grant). Idempotent: a second run the same day enqueues nothing (one event per station and day). A concern counts against the station
// that let it lapse: the one holding it past its own deadline, and any that held it past theirs and passed it on, so
// a transfer cannot clean a station's record (the receiving station is late only by its own deadline).
import { isOpen, stationDueAt, type ConcernRecord } from '../concerns/concern.entity';
import { listOpenDueBefore } from '../concerns/overdue';
import { logger } from '../core/http/logger';
import { queryPage } from '../core/pagination';
import { shanghaiDate, startOfShanghaiDay } from '@shared/time';
import { getStation } from '../orgs/orgs.repository';
import { orgGrantsOfRole, userKeys } from '../users/user.entity';
import { enqueueOnce, inBatches, jobDate, noOutcomes, type JobReport } from './job';

export interface DigestReport extends JobReport {
  /** Stations with overdue concerns, and how many concerns that is in all. */
  stations: number;
  overdue: number;
}

interface StationDigest {
  count: number;
  /** The first one listed: the index sorts by due time. */
  oldest: ConcernRecord;
}

/** The stations an open concern is overdue against at `before` (epoch ms). */
export const overdueAgainst = (c: ConcernRecord, before: number): string[] => [
  ...(c.lapsedStationIds ?? []),
  ...(Date.parse(stationDueAt(c)) < before && !(c.lapsedStationIds ?? []).includes(c.stationId) ? [c.stationId] : []),
];

/** Open concerns overdue at the start of `date` (Asia/Shanghai), grouped by the stations they count against. */
async function overdueByStation(date: string): Promise<Map<string, StationDigest>> {
  const before = startOfShanghaiDay(date);
  const byStation = new Map<string, StationDigest>();
  let cursor: string | undefined;
  do {
    // By the original promise: the earliest of a concern's deadlines, so every one overdue against anyone is read.
    const page = await listOpenDueBefore(before, 500, cursor);
    for (const c of page.items) {
      // Resolving or rejecting takes a concern out of the index; the status check covers an index a moment behind.
      if (!isOpen(c.status)) continue;
      for (const stationId of overdueAgainst(c, before)) {
        const digest = byStation.get(stationId);
        if (digest) digest.count++;
        else byStation.set(stationId, { count: 1, oldest: c });
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return byStation;
}

/** Users holding the official role on the station itself (the org's grants index). */
async function officialsOf(stationId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ index: 'gsi1', pk: userKeys.orgGrants(stationId), skPrefix: orgGrantsOfRole('official'), limit: 100, cursor }, (i) => i.userId as string);
    ids.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

async function digestStation(date: string, stationId: string, d: StationDigest, outcomes: JobReport['outcomes']): Promise<number> {
  const [station, officials] = await Promise.all([getStation(stationId), officialsOf(stationId)]);
  if (!officials.length) return 0;
  const data = {
    thing1: station?.name ?? '驻点工作室',
    number2: String(d.count),
    character_string3: d.oldest.trackingNo,
    date4: shanghaiDate(d.oldest.dueAt),
    thing5: d.oldest.title,
  };
  const page = `packages/concerns-admin/queue/index?stationId=${encodeURIComponent(stationId)}`;
  outcomes[await enqueueOnce({ subject: `station#${stationId}`, template: 'overdue_digest', data, page, to: { users: officials } }, date)]++;
  return officials.length;
}

export async function runOverdueDigest(date = shanghaiDate()): Promise<DigestReport> {
  const byStation = await overdueByStation(date);
  const outcomes = noOutcomes();
  let due = 0;
  const entries = [...byStation.entries()];
  for (const n of await inBatches(entries, ([stationId, d]) => digestStation(date, stationId, d, outcomes))) due += n;
  const overdue = entries.reduce((n, [, d]) => n + d.count, 0);
  const report = { date, due, stations: byStation.size, overdue, outcomes };
  logger.info('overdue concerns digest', { ...report });
  return report;
}

export const handler = async (event?: { date?: string }): Promise<DigestReport> => runOverdueDigest(jobDate(event));
