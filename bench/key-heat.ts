// Key heat: the traffic model's peak rates turned into reads and writes per second on every partition the routes
// touch, with the keys built by the code's own key builders (entity files, the idempotency store). DynamoDB gives
// each partition about 1,000 WCU and 3,000 RCU per second, and cannot split a single item; the budget is half of
// that, at Zhejiang's peak. A partition is a table or index partition key value; items under one key add up.
//
// How a key's share of a route is found: the key builder is called for a sample of the entities the route is spread
// over (users, branches meeting now, townships…), and the most frequent key's share of the sample is its share of
// the traffic (1/N when every key is distinct). A builder that collapses to one key (a static partition key, a
// key per date) gets the whole route. Units per request come from reading each route's repository code: items are
// under 1 KB (1 WCU, 2 in a transaction), consistent reads 1 RCU per 4 KB, eventually consistent ones half.
import { bookingKeys } from '../functions/bookings/booking.entity';
import { aggKeys } from '../functions/assessments/aggregate.entity';
import { concernKeys } from '../functions/concerns/concern.entity';
import { idempotencyRecordKey } from '../functions/core/idempotency-key';
import { ideaKeys } from '../functions/ideas/idea.entity';
import { queueScope } from '../functions/moderation/moderation.entity';
import { quotaKeys } from '../functions/quotas/quota.entity';
import { noticeKeys } from '../functions/notices/notice.entity';
import { themeDayKeys } from '../functions/themedays/themeday.entity';
import { userKeys } from '../functions/users/user.entity';
import { fmt, table } from './stats';
import type { ModelRoute, Peak, Population } from './traffic-model';

export const PARTITION_LIMIT = { wcu: 1_000, rcu: 3_000 };
export const BUDGET_SHARE = 0.5;

/** What a route's requests are spread over. */
export type Spread = 'user' | 'activeDay' | 'branch' | 'station' | 'request';

export interface Access {
  route: ModelRoute;
  /** What the partition holds. */
  what: string;
  index?: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4';
  /** Capacity units per request on this partition. */
  wcu?: number;
  rcu?: number;
  /** Fraction of the route's requests that touch it (e.g. only content held for review is queued). */
  fraction?: number;
  /** Only requests that commit touch it (e.g. a booking item: not the taps refused as full). */
  committed?: boolean;
  over: Spread;
  /** The partition key of the i-th entity of `over`, from the code's key builders. */
  key: (i: number, ids: Ids) => string;
  /** Requests per second on the single hottest key, where the model knows better than an even spread. */
  hottest?: (peak: Peak) => number;
}

/** Synthetic ids of a population: entity i of each kind, with its place in the org tree. */
export interface Ids {
  date: string;
  month: string;
  branchPath: (i: number) => string[];
}

export function idsOf(p: Population): Ids {
  const branchPath = (i: number) => {
    const t = i % p.townships;
    const county = Math.floor((t * p.counties) / p.townships);
    const city = Math.floor((county * p.cities) / p.counties);
    const perTownship = Math.max(1, Math.round(p.villages / p.townships));
    const village = t + p.townships * (Math.floor(i / p.townships) % perTownship);
    return [`c${city}`, `k${county}`, `t${t}`, `v${village}`, `b${i}`];
  };
  return { date: '2026-06-06', month: '2026-06', branchPath };
}

const id = (kind: string, i: number) => `${kind}${i}`;
/** A Powertools record key as the idempotency middleware builds it: route and a hash of "userId|path|Idempotency-Key". */
const powertoolsKey = (route: string, i: number) => `POST ${route}#${(i * 2_654_435_761 >>> 0).toString(16).padStart(32, '0')}`;
/** Every idempotent POST stores a record (PutItem) and its response (UpdateItem, response ≤ 2 KB). */
const idempotency = (route: ModelRoute, path: string): Access => ({
  route, what: 'idempotency record', wcu: 3, over: 'request', key: (i) => idempotencyRecordKey(powertoolsKey(path, i)).pk,
});
const caller = (route: ModelRoute): Access => ({ route, what: 'caller profile + grants (every request)', rcu: 1, over: 'user', key: (i) => userKeys.profile(id('u', i)).pk });
const day = (route: ModelRoute, what: string, u: { wcu?: number; rcu?: number }): Access => ({
  route, what, ...u, over: 'activeDay', key: (i) => themeDayKeys.day(id('d', i)).pk,
});
// Sampled over the closing branches (the request's entity): the key builder maps each to its township, county, city.
const agg = (key: (path: string[], month: string) => string, what: string): Access => ({
  route: 'closeThemeDay', what, wcu: 2, over: 'activeDay', key: (i, ids) => key(ids.branchPath(i), ids.month),
});

export const ACCESSES: Access[] = [
  caller('checkIn'),
  day('checkIn', 'theme day: day, code, attendance reads; attVersion bump + attendance (transaction)', { rcu: 3, wcu: 4 }),
  { route: 'checkIn', what: "member's attendance history", index: 'gsi1', wcu: 1, over: 'user', key: (i) => themeDayKeys.userAttendance(id('u', i)) },
  // Per-user quotas: check-in reads the wrong-code counter; content routes bump their own counter.
  { route: 'checkIn', what: "caller's quota counters", rcu: 1, over: 'user', key: (i) => quotaKeys.counter(id('u', i), 'wrongCheckInCode', 0).pk },
  { route: 'raiseConcern', what: "caller's quota counters", wcu: 1, over: 'user', key: (i) => quotaKeys.counter(id('u', i), 'concern', 0).pk },
  { route: 'participateOnline', what: "caller's quota counters", wcu: 1, over: 'user', key: (i) => quotaKeys.counter(id('u', i), 'reflection', 0).pk },
  caller('getThemeDay'),
  day('getThemeDay', 'theme day, own attendance and reflection', { rcu: 3 }),
  caller('listAttendance'),
  day('listAttendance', 'theme day + roster batch read (20 members, eventually consistent)', { rcu: 11 }),
  { route: 'listAttendance', what: "branch's member grants", index: 'gsi1', rcu: 1, over: 'activeDay', key: (i) => userKeys.orgGrants(id('b', i)) },
  caller('createCheckInCode'),
  day('createCheckInCode', 'theme day read + code put', { rcu: 1, wcu: 1 }),
  caller('rsvp'),
  day('rsvp', 'theme day + attendance (transaction)', { rcu: 2, wcu: 4 }),
  caller('myAttendance'),
  { route: 'myAttendance', what: "member's attendance history", index: 'gsi1', rcu: 1, over: 'user', key: (i) => themeDayKeys.userAttendance(id('u', i)) },
  caller('getMe'),
  { route: 'loginWechat', what: 'WeChat identity', rcu: 1, over: 'user', key: (i) => userKeys.identity(id('o', i)).pk },
  caller('loginWechat'),
  // A member's feed lists branch, village and township notices: all three counted on the township, the widest.
  { route: 'listNotices', what: "township's live notices", index: 'gsi1', rcu: 1.5, over: 'activeDay', key: (i, ids) => noticeKeys.orgNotices(ids.branchPath(i)[2]) },
  caller('supportIdea'),
  { route: 'supportIdea', what: 'idea shown at the meeting: support put + counter (transaction), count read', wcu: 4, rcu: 1, over: 'activeDay', key: (i) => ideaKeys.idea(id('i', i)).pk },
  { route: 'supportIdea', what: "branch's ideas by support count", index: 'gsi4', wcu: 1, over: 'activeDay', key: (i) => ideaKeys.branchIdeas(id('b', i)) },
  caller('participateOnline'),
  idempotency('participateOnline', '/v1/theme-days/{id}/online-participation'),
  day('participateOnline', 'reflection + attendance + attVersion (transaction)', { rcu: 3, wcu: 6 }),
  { route: 'participateOnline', what: "township's moderation queue", index: 'gsi3', wcu: 1, fraction: 0.05, over: 'activeDay', key: (i, ids) => queueScope(ids.branchPath(i))!.pk },
  caller('closeThemeDay'),
  day('closeThemeDay', 'theme day close + roster read + backfill', { rcu: 3, wcu: 4 }),
  agg((p, m) => aggKeys.branchRows(m, p[2]), "township's branch rows (per period)"),
  agg((p, m) => aggKeys.childTotals(m, p[1]), "county's township totals (per period)"),
  agg((p, m) => aggKeys.childTotals(m, p[0]), "city's county totals (per period)"),
  caller('raiseConcern'),
  idempotency('raiseConcern', '/v1/concerns'),
  { route: 'raiseConcern', what: 'daily tracking-number counter (one item)', wcu: 1, over: 'request', key: (_, ids) => concernKeys.dayCounter(ids.date).pk },
  { route: 'raiseConcern', what: 'concern + first timeline entry (transaction)', wcu: 4, over: 'request', key: (i) => concernKeys.concern(id('x', i)).pk },
  { route: 'raiseConcern', what: 'open concerns by due time (overdue index)', index: 'gsi4', wcu: 1, over: 'request', key: () => concernKeys.openByDue },
  { route: 'raiseConcern', what: "station's concern queue", index: 'gsi2', wcu: 1, over: 'station', key: (i) => concernKeys.station(id('s', i)) },
  { route: 'raiseConcern', what: "township's moderation queue", index: 'gsi3', wcu: 1, fraction: 0.05, over: 'branch', key: (i, ids) => queueScope(ids.branchPath(i))!.pk },
  caller('createBooking'),
  // No idempotency record of its own: a keyed booking's stamp is on its booker marker (bookings/booking-replay.ts).
  {
    route: 'createBooking', what: 'slot: seat update + booker marker with its key stamp (transaction), slot reads', wcu: 4, rcu: 2, over: 'station',
    key: (i) => bookingKeys.slot(id('slot', i)).pk, hottest: (peak) => peak.popularSlotRps,
  },
  { route: 'createBooking', what: "resident's cap tokens", rcu: 1, wcu: 2, committed: true, over: 'user', key: (i) => bookingKeys.capTokens(id('u', i)) },
  { route: 'createBooking', what: 'live bookings of the day (reminder index)', index: 'gsi3', wcu: 1, committed: true, over: 'request', key: (_, ids) => bookingKeys.remindersOfDay(ids.date) },
  { route: 'createBooking', what: "station's bookings of the day", index: 'gsi2', wcu: 1, committed: true, over: 'station', key: (i, ids) => bookingKeys.bookingsOfStationDay(id('s', i), ids.date) },
  { route: 'createBooking', what: "station's open slots (seat count moves)", index: 'gsi1', wcu: 1, committed: true, over: 'station', key: (i) => bookingKeys.slotsOf(id('s', i)), hottest: (peak) => peak.popularSlotRps },
  { route: 'listSlots', what: "station's open slots", index: 'gsi1', rcu: 1, over: 'station', key: (i) => bookingKeys.slotsOf(id('s', i)), hottest: (peak) => peak.popularSlotRps },
  // Jobs: one message at a time per worker, each claiming a sent marker in the day's partition; the digest pages
  // through the overdue index (500 concerns ≈ 75 RCU a page) once per round trip.
  { route: 'job:political-birthdays', what: 'sent markers of the day', wcu: 1, over: 'request', key: (_, ids) => `SENT#political-birthday#${ids.date}` },
  { route: 'job:overdue-digest', what: 'open concerns by due time (overdue index)', index: 'gsi4', rcu: 7.5, over: 'request', key: () => concernKeys.openByDue },
];

export interface HeatRow {
  partition: string;
  index: string;
  what: string;
  routes: string[];
  /** Requests and capacity units per second on the hottest key of this shape. */
  requests: number;
  wcu: number;
  rcu: number;
  /** Share of the per-partition limit (the larger of write and read). */
  share: number;
}

/** The spread dimension's size in a population at its peak. */
export function spreadCount(over: Spread, peak: Peak): number {
  const p = peak.population;
  const counts: Record<Spread, number> = {
    user: p.members + p.residents,
    request: Number.MAX_SAFE_INTEGER,
    activeDay: Math.max(1, Math.round(peak.branchesInWindow)),
    branch: p.branches,
    station: p.stations,
  };
  return counts[over];
}

/** Largest branch / average branch: a 100-member branch checks in 5× as fast as a 20-member one. */
const SKEW: Partial<Record<Spread, number>> = { activeDay: 5 };
const SAMPLE = 4_000;

/**
 * The hottest key's share of a builder's traffic over `n` entities, found by sampling the builder; `distinct` when
 * every entity has a key of its own (then the share is 1/n, and a big entity's skew applies).
 */
export function hottestShare(key: (i: number) => string, n: number): { share: number; distinct: boolean } {
  const size = Math.min(n, SAMPLE);
  const counts = new Map<string, number>();
  for (let i = 0; i < size; i++) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  const max = Math.max(...counts.values());
  return max > 1 ? { share: max / size, distinct: false } : { share: 1 / n, distinct: true };
}

/** A key's shape, ids elided: `THEMEDAY#d7` → `THEMEDAY#…`, `STATION#s1#BOOKINGS#2026-06-06` → `STATION#…#BOOKINGS#…`. */
export function shapeOf(pk: string): string {
  return pk
    .split('#')
    .map((part, i) => (i === 0 || /^[A-Z]+$/.test(part) ? part : '…'))
    .join('#');
}

export function keyHeat(peak: Peak, accesses: Access[] = ACCESSES): HeatRow[] {
  const ids = idsOf(peak.population);
  const rows = new Map<string, HeatRow>();
  for (const a of accesses) {
    const rate = (a.committed ? committedRps(peak, a.route) : peak.rps[a.route]) * (a.fraction ?? 1);
    if (!rate) continue;
    const n = spreadCount(a.over, peak);
    const { share, distinct } = hottestShare((i) => a.key(i, ids), n);
    const even = rate * share * (distinct ? (SKEW[a.over] ?? 1) : 1);
    const requests = a.hottest ? Math.max(even, Math.min(rate, a.hottest(peak))) : Math.min(rate, even);
    const partition = shapeOf(a.key(0, ids));
    const index = a.index ?? 'table';
    const row = rows.get(`${index} ${partition}`) ?? { partition, index, what: a.what, routes: [], requests: 0, wcu: 0, rcu: 0, share: 0 };
    row.routes.push(a.route);
    row.requests += requests;
    row.wcu += requests * (a.wcu ?? 0);
    row.rcu += requests * (a.rcu ?? 0);
    row.share = Math.max(row.wcu / PARTITION_LIMIT.wcu, row.rcu / PARTITION_LIMIT.rcu);
    rows.set(`${index} ${partition}`, row);
  }
  return [...rows.values()].sort((x, y) => y.share - x.share);
}

/** Requests that commit: only bookings are refused in bulk (a full slot), everything else is taken as committing. */
const committedRps = (peak: Peak, route: ModelRoute) => (route === 'createBooking' ? peak.bookingCommitsRps : peak.rps[route]);

export const overBudget = (rows: HeatRow[]): HeatRow[] => rows.filter((r) => r.share > BUDGET_SHARE);

export function printPeak(peak: Peak): void {
  console.log(
    `${peak.population.name}: ${Math.round(peak.branchesInPeakHour)} branches meet in the peak hour, ` +
      `${Math.round(peak.membersInWindow)} members check in within 15 minutes; ${fmt(peak.totalRps, 0)} req/s in all`,
  );
  const rows = Object.entries(peak.rps).sort((a, b) => b[1] - a[1]);
  console.log(table(['route', 'peak req/s'], rows.map(([r, v]) => [r, fmt(v, 2)])));
  console.log(
    `Lambda concurrency at the peak: ${Object.entries(peak.concurrency).sort((a, b) => b[1] - a[1]).map(([f, c]) => `${f} ${fmt(c, 0)}`).join(', ')}; ` +
      `${fmt(peak.totalConcurrency, 0)} in all`,
  );
}

export function printHeat(rows: HeatRow[], top = rows.length): void {
  console.log(
    table(
      ['partition', 'index', 'holds', 'req/s', 'WCU/s', 'RCU/s', '% of limit', ''],
      rows.slice(0, top).map((r) => [r.partition, r.index, r.what.slice(0, 60), fmt(r.requests, 1), fmt(r.wcu, 1), fmt(r.rcu, 1), `${fmt(r.share * 100, 1)}%`, r.share > BUDGET_SHARE ? 'OVER' : '']),
    ),
  );
}
