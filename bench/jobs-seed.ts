// The province the scheduled-jobs bench (bench/jobs.ts) runs on: stations, bookings, concerns and members as the code
// writes them (entity builders), with subscribe grants, and what each job must find in it. Deterministic, so runs
// compare.
import type { SubscribeTemplate } from '@shared/schemas/notify';
import type { BookingRecord } from '../functions/bookings/booking.entity';
import type { ConcernRecord } from '../functions/concerns/concern.entity';
import type { StationRecord } from '../functions/orgs/org.entity';
import type { ProfileRecord } from '../functions/users/user.entity';

/** The day the jobs run (Asia/Shanghai): birthdays of 06-15, reminders for the sessions of the 16th, concerns due before the 15th. */
export const RUN_DATE = '2026-06-15';
const SESSION_DATE = '2026-06-16';
export const STATIONS = 2_200;
const BOOKINGS = { live: 5_000, cancelled: 600, otherDays: 1_500 };
const CONCERNS = { open: 3_000, overdue: 1_000, done: 500 };
const MEMBERS = { birthdayToday: 300, joinedThisYear: 15, deleted: 10, otherDays: 2_000 };
/** Of the recipients: who asked for the message (a grant in DynamoDB and at WeChat), who did not, and who has a grant in our count that WeChat no longer holds (43101). */
const GRANTED = 0.88;
const BEHIND = 0.02;
/** Grants per recipient: more than one, so a repeated send would go through and only the sent markers keep it out. */
export const GRANTS_EACH = 2;
export const SEED_CONCURRENCY = 8;

type Recipient = 'granted' | 'none' | 'behind';

// Deterministic figures, so runs compare.
function rng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

export async function pool<T>(jobs: T[], concurrency: number, run: (job: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) await run(jobs[next++]);
    }),
  );
}

const pad = (n: number, width = 4) => String(n).padStart(width, '0');
const MIN_MS = 60_000;
const DAY_MS = 24 * 3600_000;

/** The whole province as table items, plus what each job must find in it. */
export async function buildSeed() {
  const { bookingItem } = await import('../functions/bookings/booking.entity');
  const { concernItem } = await import('../functions/concerns/concern.entity');
  const { stationItem } = await import('../functions/orgs/org.entity');
  const { grantItem, profileItem } = await import('../functions/users/user.entity');
  const { subscriptionItem } = await import('../functions/notifications/notification.entity');

  const random = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const recipient = (): Recipient => {
    const r = random();
    return r < GRANTED ? 'granted' : r < GRANTED + BEHIND ? 'behind' : 'none';
  };
  const at = '2026-06-01T02:00:00.000Z';
  const items: Record<string, unknown>[] = [];
  /** Grants at WeChat, set through the fake's control endpoint. */
  const wechatGrants: { openid: string; template: SubscribeTemplate }[] = [];
  let profiles = 0;
  const person = (id: string, displayName: string, template: SubscribeTemplate, extra: Partial<ProfileRecord> = {}): Recipient => {
    const openid = extra.deletedAt ? undefined : `o-bench-${id}`;
    items.push(profileItem({ id, displayName, ...(openid ? { openid } : {}), createdAt: at, updatedAt: at, ...extra }));
    profiles++;
    const kind = recipient();
    // A grant as subscriptions.repository.ts keeps it: one counter item per user and template.
    if (kind !== 'none') items.push(subscriptionItem(id, template, GRANTS_EACH));
    if (kind === 'granted' && openid) wechatGrants.push({ openid, template });
    return kind;
  };

  // Stations: ten a township.
  const stations: StationRecord[] = Array.from({ length: STATIONS }, (_, i) => {
    const township = `c${1 + Math.floor(i / 200)}-t${1 + Math.floor(i / 10)}`;
    const id = `st-p${pad(i + 1)}`;
    return { id, name: `第${i + 1}驿站局长驻点工作室`, orgId: `${township}-v${i + 1}`, address: `第${i + 1}村村委会`, path: ['province', township, `${township}-v${i + 1}`, id], townshipId: township };
  });
  for (const s of stations) items.push(stationItem(s));

  // Residents: one live booking of tomorrow each, 09:00–16:30 in 30-minute slots; cancelled bookings of tomorrow and
  // live ones of other days by some of them.
  const topics = ['咨询宅基地审批', '医保报销材料咨询', '农房改造补助政策', '低保申请流程', '土地流转合同纠纷', '村道修缮进度'];
  const expectReminders = { due: 0, sent: 0 };
  const booking = (n: number, userId: string, day: string, status: BookingRecord['status']): BookingRecord => {
    const s = pick(stations);
    const k = Math.floor(random() * 16);
    const startsAt = Date.parse(`${day}T09:00:00+08:00`) + k * 30 * MIN_MS;
    return {
      id: `bk-${pad(n, 5)}`,
      slotId: `sl-${s.id}-${day}-${k}`,
      sessionId: `se-${s.id}-${day}`,
      stationId: s.id,
      stationName: s.name,
      host: `驻点局长${s.id.slice(4)}`,
      slotStartsAt: new Date(startsAt).toISOString(),
      slotEndsAt: new Date(startsAt + 30 * MIN_MS).toISOString(),
      userId,
      topic: pick(topics),
      status,
      capToken: 0,
      createdAt: at,
      ...(status === 'cancelled' ? { cancelledAt: at, cancelledBy: 'resident' as const } : {}),
    };
  };
  let bookings = 0;
  const residents: string[] = [];
  for (let i = 0; i < BOOKINGS.live; i++) {
    const userId = `u-res-${pad(i + 1, 5)}`;
    residents.push(userId);
    const kind = person(userId, `居民${i + 1}`, 'session_reminder');
    items.push(bookingItem(booking(++bookings, userId, SESSION_DATE, 'booked')));
    expectReminders.due++;
    if (kind === 'granted') expectReminders.sent++;
  }
  for (let i = 0; i < BOOKINGS.cancelled; i++) items.push(bookingItem(booking(++bookings, pick(residents), SESSION_DATE, 'cancelled')));
  const otherDays = ['2026-06-15', '2026-06-17', '2026-06-18'];
  for (let i = 0; i < BOOKINGS.otherDays; i++) items.push(bookingItem(booking(++bookings, pick(residents), pick(otherDays), 'booked')));

  // Officials: one or two a station, granted the station as the code stores it (gsi1: the org's grants).
  const officials = new Map<string, Recipient[]>();
  for (const s of stations) {
    const kinds: Recipient[] = [];
    for (let k = 1; k <= (random() < 0.5 ? 1 : 2); k++) {
      const id = `u-off-${s.id.slice(3)}-${k}`;
      kinds.push(person(id, `驻点干部${s.id.slice(4)}-${k}`, 'overdue_digest'));
      items.push(grantItem(id, { role: 'official', orgId: s.id }, at));
    }
    officials.set(s.id, kinds);
  }

  // Concerns: open ones, the first CONCERNS.overdue due within the 60 days before the run day, the rest due today or
  // later; and done ones (resolved, rejected) long past due, which leave the index.
  const before = Date.parse(`${RUN_DATE}T00:00:00+08:00`);
  const categories = ['environment', 'traffic', 'dispute', 'social_security', 'village_affairs', 'other'] as const;
  const titles = ['村口垃圾清运不及时', '路灯损坏', '邻里宅基地界线纠纷', '医保报销材料咨询', '村务公开不及时', '河道漂浮物'];
  const overdueAt = new Map<string, number>();
  const concern = (n: number, status: ConcernRecord['status'], dueAt: number): ConcernRecord => {
    const s = pick(stations);
    const created = new Date(dueAt - 7 * DAY_MS).toISOString();
    return {
      id: `cn-${pad(n, 5)}`,
      trackingNo: `SS${created.slice(0, 10).replaceAll('-', '')}-${pad(n)}`,
      authorId: pick(residents),
      villageId: s.orgId,
      stationId: s.id,
      stationPath: s.path,
      category: pick(categories),
      title: pick(titles),
      content: `${pick(titles)}，请尽快处理。`,
      status,
      pendingReview: false,
      dueAt: new Date(dueAt).toISOString(),
      version: status === 'submitted' ? 1 : 2,
      createdAt: created,
      updatedAt: created,
    };
  };
  const openStatuses = ['submitted', 'in_progress', 'transferred'] as const;
  for (let i = 0; i < CONCERNS.open; i++) {
    const dueAt = i < CONCERNS.overdue ? before - 1 - Math.floor(random() * 60 * DAY_MS) : before + Math.floor(random() * 14 * DAY_MS);
    const c = concern(i + 1, pick(openStatuses), dueAt);
    items.push(concernItem(c));
    if (dueAt < before) overdueAt.set(c.stationId, (overdueAt.get(c.stationId) ?? 0) + 1);
  }
  for (let i = 0; i < CONCERNS.done; i++) items.push(concernItem(concern(CONCERNS.open + i + 1, random() < 0.7 ? 'resolved' : 'rejected', before - 1 - Math.floor(random() * 60 * DAY_MS))));
  const digestOfficials = [...overdueAt.keys()].flatMap((id) => officials.get(id)!);
  const expectDigest = {
    stations: overdueAt.size,
    overdue: [...overdueAt.values()].reduce((a, b) => a + b, 0),
    due: digestOfficials.length,
    sent: digestOfficials.filter((k) => k === 'granted').length,
  };

  // Members: today's political birthdays (joined in an earlier year), some who joined on this day this year (not yet
  // an anniversary), some deleted accounts, and members of other days.
  const expectBirthdays = { due: 0, sent: 0 };
  let m = 0;
  const member = (joinedPartyOn: string, extra: Partial<ProfileRecord> = {}) => person(`u-mem-${pad(++m, 5)}`, `党员${m}`, 'political_birthday', { joinedPartyOn, ...extra });
  for (let i = 0; i < MEMBERS.birthdayToday; i++) {
    const kind = member(`${1960 + Math.floor(random() * 66)}${RUN_DATE.slice(4)}`);
    expectBirthdays.due++;
    if (kind === 'granted') expectBirthdays.sent++;
  }
  for (let i = 0; i < MEMBERS.joinedThisYear; i++) member(RUN_DATE);
  for (let i = 0; i < MEMBERS.deleted; i++) member(`1990${RUN_DATE.slice(4)}`, { deletedAt: at, displayName: '已注销用户' });
  for (let i = 0; i < MEMBERS.otherDays; i++) {
    let day = new Date(Date.UTC(2001, 0, 1) + Math.floor(random() * 365) * DAY_MS).toISOString().slice(4, 10);
    if (day === RUN_DATE.slice(4)) day = '-06-14';
    member(`${1960 + Math.floor(random() * 66)}${day}`);
  }

  return {
    items,
    wechatGrants,
    counts: { stations: STATIONS, items: items.length, bookings, concerns: CONCERNS.open + CONCERNS.done, profiles, wechatGrants: wechatGrants.length },
    expect: { birthdays: expectBirthdays, reminders: expectReminders, digest: expectDigest },
  };
}

