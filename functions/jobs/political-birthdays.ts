// Scheduled daily (08:00 Asia/Shanghai): members whose party-joining anniversary is today get a 政治生日 message,
// if they asked for it (the outbox sends it, checking the grant). Idempotent: a second run the same day enqueues
// nothing (one outbox event per member and day).
import { shanghaiDate } from '@shared/time';
import { toProfileRecord, userKeys, type ProfileRecord } from '../users/user.entity';
import { queryPage } from '../core/pagination';
import { logger } from '../core/http/logger';
import { enqueueOnce, inBatches, jobDate, noOutcomes, type JobReport, type Outcome } from './job';

async function celebrants(monthDay: string): Promise<ProfileRecord[]> {
  const all: ProfileRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ index: 'gsi3', pk: userKeys.birthdays(monthDay), limit: 500, cursor }, toProfileRecord);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Whose anniversary falls on `date`: those who joined on 29 February celebrate on the 28th in other years. */
export function anniversaryDays(date: string): string[] {
  const monthDay = date.slice(5);
  return monthDay === '02-28' && !isLeapYear(Number(date.slice(0, 4))) ? ['02-28', '02-29'] : [monthDay];
}

function greet(p: ProfileRecord, date: string, year: number): Promise<Outcome> {
  const years = year - Number(p.joinedPartyOn!.slice(0, 4));
  const data = { thing1: `入党 ${years} 周年政治生日`, date2: date, thing3: '不忘初心，牢记使命' };
  return enqueueOnce({ subject: `user#${p.id}`, template: 'political_birthday', data, page: 'pages/me/index', to: { users: [p.id] } }, date);
}

export async function runPoliticalBirthdays(date = shanghaiDate()): Promise<JobReport> {
  const year = Number(date.slice(0, 4));
  const all = (await Promise.all(anniversaryDays(date).map(celebrants))).flat();
  const due = all.filter((p) => !p.deletedAt && p.joinedPartyOn && Number(p.joinedPartyOn.slice(0, 4)) < year);
  const outcomes = noOutcomes();
  for (const o of await inBatches(due, (p) => greet(p, date, year))) outcomes[o]++;
  const report = { date, due: due.length, outcomes };
  logger.info('political birthdays', { ...report });
  return report;
}

export const handler = async (event?: { date?: string }): Promise<JobReport> => runPoliticalBirthdays(jobDate(event));
