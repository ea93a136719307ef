// 局长驻点 test fixtures: sessions opened through the API with a host of their own (so tests never share a slot or
// a host's calendar), bookings, and time passing for a slot (written to the table with the entity's keys).
import { randomUUID } from 'node:crypto';
import { bookingKeys } from '../../functions/bookings/booking.entity';
import { call, login, type CallResult } from './http';
import { getItem as getRaw, setAttributes as setRaw } from './db';

type Key = { pk: string; sk: string };
export const getItem = (key: Key) => getRaw(key.pk, key.sk);
const setAttributes = (key: Key, values: Record<string, unknown>) => setRaw(key.pk, key.sk, values);

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** A whole hour at least `days` days ahead: session times that are always valid and easy to read. */
export const hourAhead = (days: number) => Math.ceil((Date.now() + days * DAY) / HOUR) * HOUR;
export const iso = (ms: number) => new Date(ms).toISOString();

let hostCounter = 0;
export const uniqueHost = (name = '测试局长') => `${name}${++hostCounter}-${Math.random().toString(36).slice(2, 6)} · 农业农村局`;

export interface SessionSpec {
  start?: number;
  minutes?: number;
  slotMinutes?: number;
  seats?: number;
  host?: string;
  stationId?: string;
  as?: string;
}

export async function openSessionRaw(spec: SessionSpec = {}): Promise<CallResult> {
  const start = spec.start ?? hourAhead(2);
  return call('createSession', {
    token: await login(spec.as ?? 'demo-official-1'),
    params: { stationId: spec.stationId ?? 'st-yucun' },
    body: {
      host: spec.host ?? uniqueHost(),
      startsAt: iso(start),
      endsAt: iso(start + (spec.minutes ?? 60) * MIN),
      slotMinutes: spec.slotMinutes ?? 30,
      seatsPerSlot: spec.seats ?? 3,
    },
  });
}

export async function openSession(spec: SessionSpec = {}): Promise<any> {
  const res = await openSessionRaw(spec);
  if (res.status !== 201) throw new Error(`createSession → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const bookSlot = (token: string, slotId: string, body: Record<string, unknown> = { topic: '咨询宅基地审批' }) =>
  call('createBooking', { token, params: { slotId }, body });

/**
 * A resident's tap as the app sends it: one Idempotency-Key, and a 503 (the API shedding load; on a busy machine
 * DynamoDB Local answers past the client's timeouts) retried with the same key after its Retry-After, as the app
 * retries and as the resident taps again on 服务繁忙. Returns the final answer and how many 503s came before it.
 */
export async function bookSlotAsApp(token: string, slotId: string, maxAttempts = 20): Promise<CallResult & { shed: number }> {
  const key = randomUUID();
  for (let shed = 0; ; shed++) {
    const res = await call('createBooking', { token, params: { slotId }, body: { topic: '咨询宅基地审批' }, headers: { 'idempotency-key': key } });
    if (res.status !== 503 || shed + 1 >= maxAttempts) return { ...res, shed };
    const seconds = Number(res.headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
  }
}

export async function slotOf(slotId: string): Promise<Record<string, unknown>> {
  const item = await getItem(bookingKeys.slot(slotId));
  if (!item) throw new Error(`no slot ${slotId}`);
  return item;
}

/** Lets time pass for a slot: it started 10 minutes ago, with its bookings and the cap tokens they hold. */
export async function startSlot(slotId: string, bookingIds: string[] = []): Promise<void> {
  const startsAt = iso(Date.now() - 10 * MIN);
  await setAttributes(bookingKeys.slot(slotId), { startsAt, endsAt: iso(Date.now() + 20 * MIN) });
  for (const id of bookingIds) {
    const b = (await getItem(bookingKeys.booking(id)))!;
    await setAttributes(bookingKeys.booking(id), { slotStartsAt: startsAt });
    await setAttributes(bookingKeys.capToken(String(b.userId), Number(b.capToken)), { startsAt });
  }
}

/** Runs `make` in batches, so setting up many users does not itself flood the API. */
export async function inBatches<T>(count: number, size: number, make: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  while (out.length < count) out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - out.length) }, make))));
  return out;
}

export const countBy = (results: CallResult[]) =>
  results.reduce<Record<string, number>>((acc, r) => {
    const k = r.status >= 400 ? `${r.status} ${r.body?.error?.code}` : String(r.status);
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

