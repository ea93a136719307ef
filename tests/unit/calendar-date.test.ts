import { DateString } from '@shared/schemas/common';
import { isCalendarDate } from '@shared/time';
import { jobDate } from '../../functions/jobs/job';

// What the arithmetic replaced: the Date object's own calendar, as the oracle.
const byDateObject = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('calendar dates (YYYY-MM-DD)', () => {
  it('agree with the Date calendar on every month and day number of four centuries', () => {
    // Prepare: 1899–2401 covers the leap rules (every 4 years, not every 100, every 400).
    const mismatches: string[] = [];
    // Act
    for (let y = 1899; y <= 2401; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
          if (isCalendarDate(s) !== byDateObject(s)) mismatches.push(s);
        }
      }
    }
    // Assess
    expect(mismatches).toEqual([]);
  });

  it('know leap days and refuse what is not a day', () => {
    expect(['2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30'].filter(isCalendarDate)).toHaveLength(4);
    expect(['2026-02-29', '1900-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-05', '2026-01-05T00:00:00Z', ' 2026-01-05', '２０２６-01-05'].filter(isCalendarDate)).toEqual([]);
  });

  it('are what the DateString schema and a manual job run accept', () => {
    expect(DateString().safeParse('2024-02-29').success).toBe(true);
    const refused = DateString().safeParse('2026-02-30');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toBe('日期无效');
    expect(jobDate({ date: '2028-02-29' })).toBe('2028-02-29');
    expect(() => jobDate({ date: '2027-02-29' })).toThrow('date must be YYYY-MM-DD');
  });
});
