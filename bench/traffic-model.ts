// A traffic model of a theme-day morning: from the population and the theme-day calendar to the peak requests per
// second of each route, and the Lambda concurrency they need. Pure arithmetic, no I/O: bench/key-heat.ts turns the
// rates into per-key DynamoDB load, bench/peak-simulation.ts replays a township's share on DynamoDB Local.
//
// Assumptions (each is a named constant below; change one and the whole report follows):
// - Population. Huzhou: ~100,000 members in ~5,000 branches, ~1,223 villages/communities, ~2,200 stations, ~72
//   townships/streets, 5 counties/districts (PRODUCT.md). Zhejiang: 40× the members, branches, stations and app
//   residents (issue 18), but real administrative counts above the village (11 cities, 90 counties, 1,360
//   townships, 25,000 villages): fewer, bigger orgs make per-org keys hotter, the safe side.
// - Residents using the app: 10 % of Huzhou's 3.4 M people.
// - Calendar. Each branch holds one theme day a month. 40 % of a month's days fall on the busiest day (days cluster
//   on the same few dates), and 35 % of that day's meetings start in the same hour (09:00–10:00).
// - Check-in. 92 % of expected members are present (the reported average is above 92 %) and 95 % of those scan;
//   80 % of scans fall within 15 minutes of the start; the busiest minute of those 15 runs at 2× their mean. 10 %
//   of scans are repeated (a second tap, a blurred code): each is a request.
// - The secretary's console (miniapp themeday-admin/console: POLL_MS 5 s, ROTATE_MS 90 s) is open for the
//   15 minutes of check-in of every branch meeting in that window, polling attendance and fetching fresh codes.
// - Members open the day's page twice and the app once (getMe, notices of their branch, village and township) around
//   check-in; 80 % log in again, because a token lasts 7 days and the meeting is monthly.
// - Last-minute changes: 15 % of the hour's members send an RSVP (leave) in the hour; 20 % support an idea shown
//   at the meeting; absent members who write a reflection (50 % of them) send 30 % of those in the peak hour.
// - Closing: half of the hour's branches close in the following hour; a close is retried 1.2× (attendance moved).
// - Residents, the same Saturday morning: 2 % raise a concern a month, 15 % of a day's in the peak hour, at 3× the
//   hour's mean in its busiest minute. Bookings: each station opens 8 slots × 3 seats a week, filled; 15 % of a
//   day's bookings in the peak hour at 2×; plus popular sessions opening at once (10 per 88,000 stations), each
//   slot tapped by 300 residents within 3 s (every tap counted as a write attempt: the worst case). 5 slot-list
//   views per booking.
// - Jobs at 08:00 (political birthdays, overdue digest) send 10 messages at a time at ~100 ms a round trip.
// - Lambda: warm durations per route kind (below) at 512 MB arm64; concurrency = Σ rate × duration, ×1.5 headroom.
// Every rate is the route's own peak, and the peaks are summed as if they coincided: the safe side again.

export interface Population {
  name: string;
  cities: number;
  counties: number;
  townships: number;
  villages: number;
  branches: number;
  members: number;
  stations: number;
  /** Residents (not members) who use the app. */
  residents: number;
}

export const HUZHOU: Population = {
  name: '湖州 Huzhou',
  cities: 1,
  counties: 5,
  townships: 72,
  villages: 1_223,
  branches: 5_000,
  members: 100_000,
  stations: 2_200,
  residents: 340_000,
};

const PROVINCE_FACTOR = 40;
export const ZHEJIANG: Population = {
  name: '浙江 Zhejiang',
  cities: 11,
  counties: 90,
  townships: 1_360,
  villages: 25_000,
  branches: HUZHOU.branches * PROVINCE_FACTOR,
  members: HUZHOU.members * PROVINCE_FACTOR,
  stations: HUZHOU.stations * PROVINCE_FACTOR,
  residents: HUZHOU.residents * PROVINCE_FACTOR,
};

/** One average township of a population (what the simulation replays). */
export function townshipOf(p: Population): Population {
  const per = (n: number) => Math.max(1, Math.round(n / p.townships));
  return {
    name: `one township of ${p.name}`,
    cities: 1,
    counties: 1,
    townships: 1,
    villages: per(p.villages),
    branches: per(p.branches),
    members: per(p.members),
    stations: per(p.stations),
    residents: per(p.residents),
  };
}

export const CALENDAR = { daysPerBranchPerMonth: 1, busiestDayShare: 0.4, peakHourShare: 0.35 };
export const BEHAVIOUR = {
  present: 0.92,
  scan: 0.95,
  scanWithin15Min: 0.8,
  burstFactor: 2,
  repeatedScans: 0.1,
  consolePollSeconds: 5,
  codeRotateSeconds: 90,
  dayPageViews: 2,
  noticeListsPerOpen: 3,
  relogin: 0.8,
  rsvpInHour: 0.15,
  supportInHour: 0.2,
  reflectionWriters: 0.5,
  reflectionInPeakHour: 0.3,
  closeInNextHour: 0.5,
  closeAttempts: 1.2,
  concernsPerResidentMonth: 0.02,
  residentPeakHourShare: 0.15,
  concernBurst: 3,
  slotsPerStationWeek: 8,
  seatsPerSlot: 3,
  bookingBurst: 2,
  /** Popular sessions opening in the same minute, per station (10 province-wide). */
  popularSessionsPerStation: 10 / 88_000,
  popularSlotTappers: 300,
  popularSlotSeconds: 3,
  slotViewsPerBooking: 5,
  jobConcurrency: 10,
  jobRoundTripMs: 100,
};

/** Warm duration of one request by route kind, ms (DynamoDB ~5–10 ms a call in region; WeChat ~150 ms). */
export const DURATION_MS = { read: 40, write: 80, contentCheck: 250, wechatLogin: 200 } as const;
export type RouteKind = keyof typeof DURATION_MS;

/** The Lambda function (serverless.yml) of each modelled route. */
export const ROUTE_FUNCTION = {
  loginWechat: 'auth',
  getMe: 'me',
  listNotices: 'notices',
  getThemeDay: 'themedays',
  checkIn: 'themedays',
  listAttendance: 'themedays',
  createCheckInCode: 'themedays',
  rsvp: 'themedays',
  myAttendance: 'themedays',
  participateOnline: 'themedays',
  closeThemeDay: 'themedays',
  supportIdea: 'ideas',
  raiseConcern: 'concerns',
  listSlots: 'bookings',
  createBooking: 'bookings',
  'job:political-birthdays': 'politicalBirthdays',
  'job:overdue-digest': 'overdueDigest',
} as const;
export type ModelRoute = keyof typeof ROUTE_FUNCTION;

const KIND: Record<ModelRoute, RouteKind> = {
  loginWechat: 'wechatLogin',
  getMe: 'read',
  listNotices: 'read',
  getThemeDay: 'read',
  checkIn: 'write',
  listAttendance: 'read',
  createCheckInCode: 'write',
  rsvp: 'write',
  myAttendance: 'read',
  participateOnline: 'contentCheck',
  closeThemeDay: 'write',
  supportIdea: 'write',
  raiseConcern: 'contentCheck',
  listSlots: 'read',
  createBooking: 'write',
  'job:political-birthdays': 'write',
  'job:overdue-digest': 'write',
};

export interface Peak {
  population: Population;
  /** Branches whose meeting starts in the peak hour, and those checking in during the peak 15 minutes. */
  branchesInPeakHour: number;
  branchesInWindow: number;
  /** Members checking in during the peak 15 minutes. */
  membersInWindow: number;
  /** Peak requests per second, per route. */
  rps: Record<ModelRoute, number>;
  /** One popular slot's taps per second (the hottest single booking key). */
  popularSlotRps: number;
  /** Bookings that commit (a seat taken), of the createBooking attempts. */
  bookingCommitsRps: number;
  /** Lambda concurrency at the peak, per function (rate × duration), and its sum. */
  concurrency: Record<string, number>;
  totalConcurrency: number;
  totalRps: number;
}

const WINDOW_S = 15 * 60;
const HOUR_S = 3600;
const DAYS_PER_MONTH = 30;

export function peakOf(p: Population, b = BEHAVIOUR, c = CALENDAR): Peak {
  const membersPerBranch = p.members / p.branches;
  const branchesInPeakHour = p.branches * c.daysPerBranchPerMonth * c.busiestDayShare * c.peakHourShare;
  const branchesInWindow = branchesInPeakHour * b.scanWithin15Min;
  const scanners = branchesInPeakHour * membersPerBranch * b.present * b.scan;
  const membersInWindow = scanners * b.scanWithin15Min;
  /** Mean rate over the 15-minute window, at the busiest minute. */
  const windowRate = (n: number) => (n / WINDOW_S) * b.burstFactor;
  const hourMembers = branchesInPeakHour * membersPerBranch;

  const dailyBookings = (p.stations * b.slotsPerStationWeek * b.seatsPerSlot) / 7;
  const popularSlotRps = b.popularSlotTappers / b.popularSlotSeconds;
  const steadyBookings = ((dailyBookings * b.residentPeakHourShare) / HOUR_S) * b.bookingBurst;
  const popularSlots = p.stations * b.popularSessionsPerStation;
  const bookings = steadyBookings + popularSlots * popularSlotRps;
  const bookingCommitsRps = steadyBookings + (popularSlots * b.seatsPerSlot) / b.popularSlotSeconds;
  const concerns = ((((p.residents * b.concernsPerResidentMonth) / DAYS_PER_MONTH) * b.residentPeakHourShare) / HOUR_S) * b.concernBurst;
  const jobRps = b.jobConcurrency / (b.jobRoundTripMs / 1000);

  const rps: Record<ModelRoute, number> = {
    checkIn: windowRate(membersInWindow * (1 + b.repeatedScans)),
    getThemeDay: windowRate(membersInWindow * b.dayPageViews),
    loginWechat: windowRate(membersInWindow * b.relogin),
    getMe: windowRate(membersInWindow),
    listNotices: windowRate(membersInWindow * b.noticeListsPerOpen),
    myAttendance: windowRate(membersInWindow * 0.3),
    listAttendance: branchesInWindow / b.consolePollSeconds,
    createCheckInCode: branchesInWindow / b.codeRotateSeconds,
    rsvp: (hourMembers * b.rsvpInHour) / HOUR_S,
    supportIdea: windowRate(membersInWindow * b.supportInHour),
    participateOnline: (hourMembers * (1 - b.present) * b.reflectionWriters * b.reflectionInPeakHour) / HOUR_S,
    closeThemeDay: ((branchesInPeakHour * b.closeInNextHour * b.closeAttempts) / HOUR_S) * b.burstFactor,
    raiseConcern: concerns,
    createBooking: bookings,
    listSlots: bookings * b.slotViewsPerBooking,
    'job:political-birthdays': jobRps,
    'job:overdue-digest': jobRps,
  };

  const concurrency: Record<string, number> = {};
  for (const [route, r] of Object.entries(rps) as [ModelRoute, number][]) {
    const fn = ROUTE_FUNCTION[route];
    // A job is one invocation however many messages it sends.
    const c = route.startsWith('job:') ? 1 : (r * DURATION_MS[KIND[route]]) / 1000;
    concurrency[fn] = (concurrency[fn] ?? 0) + c;
  }
  const totalConcurrency = Object.values(concurrency).reduce((s, v) => s + v, 0);
  const totalRps = Object.entries(rps).filter(([k]) => !k.startsWith('job:')).reduce((s, [, v]) => s + v, 0);
  return { population: p, branchesInPeakHour, branchesInWindow, membersInWindow, rps, popularSlotRps, bookingCommitsRps, concurrency, totalConcurrency, totalRps };
}

/** Headroom over the modelled concurrency for reserved concurrency and the account quota. */
export const HEADROOM = 1.5;
/** AWS keeps at least this much of the account's concurrency unreserved. */
export const MIN_UNRESERVED = 100;

/** What to reserve for the functions that must not starve, and the account quota to request. */
export function deploymentLimits(peak: Peak): { reserved: Record<string, number>; quota: number } {
  const reserve = (fn: string) => Math.ceil(((peak.concurrency[fn] ?? 0) * HEADROOM) / 50) * 50;
  const reserved = { themedays: reserve('themedays'), bookings: reserve('bookings') };
  const quota = Math.ceil((peak.totalConcurrency * HEADROOM + MIN_UNRESERVED) / 500) * 500;
  return { reserved, quota };
}
