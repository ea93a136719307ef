// Scheduled daily (08:00 Asia/Shanghai): members whose party-joining anniversary is today get a 政治生日 message,
// if they asked for it. Idempotent: a second run the same day sends nothing (sent markers).
import type { ProfileRecord } from '../users/user.entity';
import { queryPage } from '../core/pagination';
import { logger } from '../core/http/logger';
import { shanghaiDate } from '../core/time';
import { claimOnce, notify, type NotifyOutcome } from '../notifications/notify';

export interface JobReport {
  date: string;
  due: number;
  outcomes: Record<NotifyOutcome | 'already_done', number>;
}

async function celebrants(monthDay: string): Promise<ProfileRecord[]> {
  const all: ProfileRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ index: 'gsi3', pk: `BIRTHDAY#${monthDay}`, limit: 500, cursor }, (i) => i as unknown as ProfileRecord);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export async function runPoliticalBirthdays(date = shanghaiDate()): Promise<JobReport> {
  const year = Number(date.slice(0, 4));
  const due = (await celebrants(date.slice(5))).filter((p) => !p.deletedAt && p.joinedPartyOn && Number(p.joinedPartyOn.slice(0, 4)) < year);
  const outcomes: JobReport['outcomes'] = { sent: 0, no_grant: 0, skipped: 0, failed: 0, already_done: 0 };
  for (const p of due) {
    if (!(await claimOnce(`political_birthday#${date}`, p.id))) {
      outcomes.already_done++;
      continue;
    }
    const years = year - Number(p.joinedPartyOn!.slice(0, 4));
    outcomes[await notify(p.id, 'political_birthday', { thing1: `入党 ${years} 周年政治生日`, date2: date, thing3: '不忘初心，牢记使命' }, 'pages/me/index')]++;
  }
  const report = { date, due: due.length, outcomes };
  logger.info('political birthdays', { ...report });
  return report;
}

export const handler = async (event?: { date?: string }): Promise<JobReport> => runPoliticalBirthdays(event?.date);
