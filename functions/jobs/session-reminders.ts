// Scheduled daily (18:00 Asia/Shanghai, the evening before): every live booking of a slot that starts tomorrow
// gets one 局长驻点 reminder, if its resident asked for it when booking (the outbox sends it, checking the grant).
// Idempotent: a second run the same day enqueues nothing (one outbox event per booking and session day). Bookings made after the run for tomorrow get none: they were just made.
import type { BookingRecord } from '../bookings/booking.entity';
import { listBookingsToRemind } from '../bookings/bookings.repository';
import { logger } from '../core/http/logger';
import { addDays, shanghaiDate, shanghaiTime } from '@shared/time';
import { enqueueOnce, inBatches, jobDate, noOutcomes, type JobReport, type Outcome } from './job';

export interface ReminderReport extends JobReport {
  /** The Asia/Shanghai day whose sessions were reminded: the day after `date`. */
  sessionDate: string;
}

/** An instant as Asia/Shanghai wall-clock time, `YYYY-MM-DD HH:mm` (the `time` field of a subscribe message). */
const messageTime = (iso: string): string => `${shanghaiDate(iso)} ${shanghaiTime(iso)}`;

function remind(b: BookingRecord, sessionDate: string): Promise<Outcome> {
  // Over-long station names and topics are cut to WeChat's field limits by the client (fitField).
  const data = { thing1: b.stationName, time2: messageTime(b.slotStartsAt), thing3: b.topic, thing4: b.host };
  return enqueueOnce({ subject: `booking#${b.id}`, template: 'session_reminder', data, page: 'pages/booking/index', to: { users: [b.userId] } }, sessionDate);
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
