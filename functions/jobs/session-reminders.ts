// Scheduled daily (18:00 Asia/Shanghai, the evening before): every live booking of a slot that starts tomorrow
// gets one 局长驻点 reminder, if its resident asked for it when booking. Idempotent: a second run the same day
// sends nothing (one sent marker per booking). Bookings made after the run for tomorrow get none: they were just made.
import type { BookingRecord } from '../bookings/booking.entity';
import { listBookingsToRemind } from '../bookings/bookings.repository';
import { logger } from '../core/http/logger';
import { addDays, shanghaiDate, shanghaiTime } from '@shared/time';
import { claimOnce, notify } from '../notifications/notify';
import { inBatches, jobDate, noOutcomes, type JobReport, type Outcome } from './job';

export interface ReminderReport extends JobReport {
  /** The Asia/Shanghai day whose sessions were reminded: the day after `date`. */
  sessionDate: string;
}

/** An instant as Asia/Shanghai wall-clock time, `YYYY-MM-DD HH:mm` (the `time` field of a subscribe message). */
const messageTime = (iso: string): string => `${shanghaiDate(iso)} ${shanghaiTime(iso)}`;

async function remind(b: BookingRecord, sessionDate: string): Promise<Outcome> {
  if (!(await claimOnce(`session_reminder#${sessionDate}`, `${b.userId}#${b.id}`))) return 'already_done';
  // Over-long station names and topics are cut to WeChat's field limits by the client (fitField).
  return notify(b.userId, 'session_reminder', { thing1: b.stationName, time2: messageTime(b.slotStartsAt), thing3: b.topic, thing4: b.host }, 'pages/booking/index');
}

export async function runSessionReminders(date = shanghaiDate()): Promise<ReminderReport> {
  const sessionDate = addDays(date, 1);
  const outcomes = noOutcomes();
  let due = 0;
  let cursor: string | undefined;
  do {
    // One Query on the day's reminder partition (gsi3) across all stations, a page at a time.
    const page = await listBookingsToRemind(sessionDate, 100, cursor);
    // Cancelling takes a booking out of the index; the status check covers an index a moment behind.
    const live = page.items.filter((b) => b.status === 'booked');
    due += live.length;
    for (const r of await inBatches(live, (b) => remind(b, sessionDate))) outcomes[r]++;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const report = { date, sessionDate, due, outcomes };
  logger.info('session reminders', { ...report });
  return report;
}

export const handler = async (event?: { date?: string }): Promise<ReminderReport> => runSessionReminders(jobDate(event));
