// What the scheduled jobs share: their report, the date they run as, enqueueing a message once per run, and working
// through a few items at a time.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { isCalendarDate } from '@shared/time';
import { ddb } from '../core/dynamo';
import { outboxPut, type OutboxMessage } from '../notifications/outbox.entity';

/** A message handed to the outbox (sent, retried and if need be dead-lettered there), or one a run already handed over. */
export type Outcome = 'queued' | 'already_done';

export interface JobReport {
  date: string;
  due: number;
  outcomes: Record<Outcome, number>;
}

export const noOutcomes = (): Record<Outcome, number> => ({ queued: 0, already_done: 0 });

/** The schedule passes no date (today, Asia/Shanghai); a manual run may pass one, which must be a real day. */
export function jobDate(event: { date?: string } | undefined): string | undefined {
  const date = event?.date;
  if (date === undefined) return undefined;
  if (!isCalendarDate(date)) {
    throw new Error(`date must be YYYY-MM-DD, got ${date}`);
  }
  return date;
}

/**
 * Puts the message in the outbox under an id naming the run (`<template>-<period>`), so a WeChat outage delays it
 * instead of losing it, and a second run for the same period finds it there and enqueues nothing.
 */
export async function enqueueOnce(message: OutboxMessage, period: string): Promise<Outcome> {
  const { Put } = outboxPut(message, new Date(), `${message.template}-${period}`);
  try {
    await ddb.send(new PutCommand(Put!));
    return 'queued';
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return 'already_done';
    throw err;
  }
}

/**
 * Runs `fn` over `items` ten at a time: fast enough for a province in one invocation, gentle enough on the table that
 * the day's traffic never notices (the outbox then sends at its own pace).
 */
export async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, size = 10): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}
