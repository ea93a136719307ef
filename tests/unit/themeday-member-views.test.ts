// Issue 15's rules of the mini-program that no request carries: what members read about the online window (before
// they type), the 进行中 / 即将开始 / 已结束 phase of a published day, and the 考核 drill-down's order.
import { THEMEDAY_RULES } from '@shared/rules/themeday';
import { formatDateTime } from '@shared/time';
import { assessmentOrder, dayPhase, isOnlineOpen, onlineClosedReason } from '../../miniapp/src/lib/themeday';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-05-12T01:00:00.000Z'); // 09:00 in Shanghai
const at = (ms: number) => new Date(ms).toISOString();
const day = (status: 'draft' | 'published' | 'closed' | 'cancelled', onlineParticipation = true) => ({
  status,
  startsAt: at(START),
  endsAt: at(START + 2 * HOUR),
  onlineParticipation,
});
const windowEnd = START + 2 * HOUR + THEMEDAY_RULES.onlineWindowDays * DAY;

describe('the online window as members read it', () => {
  it.each([
    ['published, during the day', 'published', START + HOUR],
    ['closed, the next day', 'closed', START + DAY],
    ['closed, at the last moment of the window', 'closed', windowEnd],
  ] as const)('is open when %s', (_what, status, now) => {
    expect(isOnlineOpen(day(status), now)).toBe(true);
    expect(onlineClosedReason(day(status), now)).toBeNull();
  });

  it('says the window has ended, and when, once it has: closed or not', () => {
    for (const status of ['published', 'closed'] as const) {
      const reason = onlineClosedReason(day(status), windowEnd + 1);
      expect(reason).toContain('截止');
      expect(reason).toContain(formatDateTime(at(windowEnd))); // 7 days after the end
      expect(reason).toContain('线上人数已确定');
    }
  });

  it('says why otherwise: before the start, cancelled, a draft, not open online', () => {
    expect(onlineClosedReason(day('published'), START - 1)).toContain('活动开始后');
    expect(onlineClosedReason(day('cancelled'), START + HOUR)).toContain('已取消');
    expect(onlineClosedReason(day('draft'), START + HOUR)).toContain('尚未发布');
    expect(onlineClosedReason(day('closed', false), START + HOUR)).toContain('未开放线上参与');
  });
});

describe('a published day’s phase for members', () => {
  it.each([
    [START - 1, 'upcoming'],
    [START, 'ongoing'],
    [START + 2 * HOUR, 'ongoing'],
    [START + 2 * HOUR + 1, 'ended'],
  ] as const)('at %d is %s', (now, phase) => {
    expect(dayPhase(day('published'), now)).toBe(phase);
  });
});

describe('the 考核 drill-down', () => {
  it('lists the days that count by date and the cancelled ones after them', () => {
    const d = (id: string, status: 'closed' | 'cancelled' | 'published', offsetDays: number) => ({ id, status, startsAt: at(START + offsetDays * DAY) });
    const order = assessmentOrder([d('c1', 'cancelled', 1), d('held', 'closed', 5), d('c2', 'cancelled', 0), d('planned', 'published', 9)]);
    expect(order.map((x) => x.id)).toEqual(['held', 'planned', 'c2', 'c1']);
  });
});
