// 台账 exports: each sheet is filled by the service behind the screen that shows the same list (listMembers,
// listAttendance through attendanceWith, listThemeDays, stationConcerns, stationBookings), page by page through its
// Queries, so an export has the screen's permission check and its figures and cannot disagree with it.
import { ROLE_SETS } from '@shared/roles';
import { ATTENDANCE_STATUS_LABELS, BOOKING_STATUS_LABELS, CONCERN_CATEGORY_LABELS, CONCERN_STATUS_LABELS, PARTY_STATUS_LABELS } from '@shared/labels';
import type { XlsxFile } from '@shared/schemas/ledger';
import { formatDate, formatDateTime, monthRange } from '@shared/time';
import type { ThemeDay } from '@shared/schemas/themeday';
import { noRead } from '../core/batch';
import { NotFoundError } from '../core/errors';
import type { Page } from '../core/pagination';
import { requireRole, type Principal } from '../core/policy';
import { xlsxFile } from '../core/spreadsheet';
import { attendanceWith } from '../themedays/attendance.service';
import { listThemeDays } from '../themedays/themedays.service';
import { themeDaysRead } from '../themedays/themedays.repository';
import { toThemeDay } from '../themedays/views';
import { listMembers } from '../members/roster.service';
import { requireBranch } from '../orgs/branches';
import { stationConcerns } from '../concerns/concerns.service';
import { stationBookings } from '../bookings/bookings.service';

const RSVP_LABELS = { attending: '参加', leave: '请假' } as const;
/**
 * Every item of a list, page by page through the screen's own service (its Queries, its permission check). A page
 * is as large as one BatchGetItem (100 keys) allows for what the service reads per item, so a normal record (a
 * branch of tens of members, a day's bookings, a month's days) is one page: the caller's Query, the list's Query
 * and its batch, 3 requests. Only a huge record pages on, a Query and a batch per further page.
 */
async function allPages<T>(size: number, fetch: (q: { limit: number; cursor?: string }) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch({ limit: size, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
/** Items per page when the service batch-reads at most one key per item (a profile, a member's own record of a day). */
const PAGE = 100;

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

export async function exportRoster(p: Principal, branchId: string): Promise<XlsxFile> {
  const members = await allPages(PAGE, (q) => listMembers(p, branchId, q));
  const branch = await requireBranch(branchId);
  return xlsxFile(`${branch.name}花名册`, [{
    name: '花名册',
    header: ['姓名', '手机号', '入党日期', '党员状态', '加入支部日期'],
    rows: members.map((m) => [m.displayName, m.phoneMasked, m.joinedPartyOn, m.partyStatus && PARTY_STATUS_LABELS[m.partyStatus], formatDate(m.joinedBranchAt)]),
  }]);
}

export async function exportThemeDayAttendance(p: Principal, themeDayId: string): Promise<XlsxFile> {
  // The day's title and figures ride in the roster's first batch (two keys per member and the day: 49 a page). A
  // container that has not seen the day yet reads it once more first, to authorise (moderatorsDay).
  let day: ThemeDay | undefined;
  const records = await allPages(49, async (q) => {
    const { page, also } = await attendanceWith(p, themeDayId, q, day ? noRead([]) : themeDaysRead([themeDayId]));
    day ??= also[0] && toThemeDay(also[0]);
    return page;
  });
  if (!day) throw new NotFoundError('主题党日不存在');
  const s = day.stats;
  return xlsxFile(`${formatDate(day.startsAt)}${day.title}考勤`, [
    {
      name: '考勤',
      header: ['姓名', '回复', '请假理由', '出勤', '签到时间'],
      rows: records.map((r) => [r.displayName, r.rsvp && RSVP_LABELS[r.rsvp], r.reason, r.status && ATTENDANCE_STATUS_LABELS[r.status], r.checkedInAt && formatDateTime(r.checkedInAt)]),
    },
    ...(s ? [{ name: '汇总', header: ['应到', '出席', '请假', '线上参与', '缺席', '出勤率'], rows: [[s.expected, s.present, s.leave, s.online, s.absent, percent(s.attendanceRate)]] }] : []),
  ]);
}

/** A branch's theme days of one month with their attendance figures, as the 党日 list shows them. */
export async function exportMonthAttendance(p: Principal, branchId: string, month: string): Promise<XlsxFile> {
  const branch = await requireBranch(branchId);
  requireRole(p, ROLE_SETS.branchReaders, branch.path);
  const { from, to } = monthRange(month);
  const days = await allPages(PAGE, (q) => listThemeDays(p, branchId, { ...q, from, to }));
  return xlsxFile(`${branch.name}${month}党日考勤`, [{
    name: month,
    header: ['日期', '主题', '应到', '出席', '请假', '线上参与', '缺席', '出勤率'],
    rows: days.map((d) => [formatDate(d.startsAt), d.title, d.stats?.expected, d.stats?.present, d.stats?.leave, d.stats?.online, d.stats?.absent, d.stats && percent(d.stats.attendanceRate)]),
  }]);
}

export async function exportStationConcerns(p: Principal, stationId: string): Promise<XlsxFile> {
  const concerns = await allPages(PAGE, (q) => stationConcerns(p, stationId, q));
  return xlsxFile(`${concerns[0]?.stationName ?? '驿站'}群众诉求台账`, [{
    name: '群众诉求',
    header: ['编号', '村（社区）', '类别', '标题', '内容', '状态', '是否超期', '承诺办结时间', '提交时间'],
    rows: concerns.map((c) => [c.trackingNo, c.villageName, CONCERN_CATEGORY_LABELS[c.category], c.title, c.content, CONCERN_STATUS_LABELS[c.status], c.overdue ? '超期' : '', formatDateTime(c.transferDueAt ?? c.dueAt), formatDateTime(c.createdAt)]),
  }]);
}

export async function exportStationBookings(p: Principal, stationId: string, date?: string): Promise<XlsxFile> {
  const bookings = await allPages(PAGE, (q) => stationBookings(p, stationId, { ...q, ...(date ? { date } : {}) }));
  return xlsxFile(`${bookings[0]?.stationName ?? '驿站'}预约台账${date ?? ''}`, [{
    name: '预约',
    header: ['接待时间', '驻点干部', '群众', '联系电话', '事由', '状态', '接待结果'],
    rows: bookings.map((b) => [formatDateTime(b.slotStartsAt), b.host, b.residentName, b.contactPhoneMasked, b.topic, BOOKING_STATUS_LABELS[b.status], b.outcomeNote]),
  }]);
}
