// Booking throughput in process (a part of bench/inprocess.ts): bursts of residents booking one slot at once, through
// the shipped bookings handler (with and without an Idempotency-Key) and as bare TransactWriteItems at the same
// concurrency (the booking's five items, and the same with a keyed booking's stamp on the marker), interleaved.
import { performance } from 'node:perf_hooks';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Booking } from '@shared/schemas/bookings';
import { LOCAL_TABLE } from '../scripts/lib/local-env';
import { captureRequests, context, event, ok, type Handler } from './inprocess-harness';
import { median } from './stats';

export interface BookingVariant {
  /** DynamoDB requests per booking call (a warm-up burst, bookings only) and their kinds. */
  requestsPerCall: number;
  requestKinds: Record<string, number>;
  rps: number;
  /** Handler ÷ bare throughput over all bursts, and the median and range of the per-burst ratios. */
  ratio: number;
  burstRatio: { median: number; min: number; max: number };
  booked: number;
  full: number;
  other: number;
  /** What the `other` answers were: `<status> <error code>` and how many. */
  otherCodes: Record<string, number>;
  overbooked: number;
}

export interface BookingReport {
  residents: number;
  seats: number;
  bursts: number;
  /** With an Idempotency-Key per booking, as the mini-program sends: the figure the target is about. */
  keyed: BookingVariant;
  /** Without the header (as the bench sent before). */
  noKey: BookingVariant;
  rawRps: number;
  rawBooked: number;
  rawOther: number;
  /**
   * The bare loop with a keyed booking's marker, stamped with its key and answer (bookings/booking-replay.ts): how much
   * of the keyed handler's gap is the bigger marker, and how much the handler.
   */
  rawKeyed: { rps: number; booked: number; other: number };
}

/** `doc`: a client with the functions' settings, for the bare loop; `login` signs a resident in through the auth handler. */
export async function bookingThroughput(
  bookings: Handler,
  doc: DynamoDBDocumentClient,
  login: (openid: string) => Promise<{ token: string }>,
): Promise<BookingReport> {
  // Booking throughput: bursts of residents booking one slot at once, through the handler (with and without an
  // Idempotency-Key) and as bare transactions.
  const residents = 200;
  const seats = 3;
  const bursts = 6;
  const tokens: string[] = [];
  for (let i = 0; i < residents; i += 25) tokens.push(...(await Promise.all(Array.from({ length: 25 }, (_, j) => login(`bench-inproc-${i + j}`)))).map((l) => l.token));
  const official = (await login('demo-official-1')).token;
  const start = Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000;
  const slotCount = 2 * bursts + 2;
  const session = await ok(bookings, event('POST', '/v1/stations/{stationId}/sessions', '/v1/stations/st-yucun/sessions', {
    token: official,
    params: { stationId: 'st-yucun' },
    body: { host: '压测 · 局长', startsAt: new Date(start).toISOString(), endsAt: new Date(start + slotCount * 1_800_000).toISOString(), slotMinutes: 30, seatsPerSlot: seats },
  }), 201);
  const slotIds: string[] = session.slots.map((s: { id: string }) => s.id);
  type Tally = { booked: number; full: number; other: number; otherCodes: Record<string, number>; overbooked: number; seconds: number; ratios: number[] };
  const tally = (): Tally => ({ booked: 0, full: 0, other: 0, otherCodes: {}, overbooked: 0, seconds: 0, ratios: [] });
  const keyedTally = tally();
  const noKeyTally = tally();
  const rawCounts = { booked: 0, other: 0 };
  const rawKeyedCounts = { booked: 0, other: 0 };
  /** One burst: every resident books `slotId` at once; a fresh key per booking, as the app makes one per tap. */
  const bookBurst = async (slotId: string, keyed: boolean) => {
    const book = (t: string, i: number) =>
      bookings(
        event('POST', '/v1/slots/{slotId}/bookings', `/v1/slots/${slotId}/bookings`, {
          token: t,
          params: { slotId },
          body: { topic: '压测：咨询政策' },
          headers: keyed ? { 'idempotency-key': `bench-${slotId}-${i}-${Math.random().toString(36).slice(2)}` } : undefined,
        }),
        context(),
      );
    const t0 = performance.now();
    const replies = await Promise.all(tokens.map(book));
    return { replies, seconds: (performance.now() - t0) / 1000 };
  };
  // Winners cancel (not timed), so nobody reaches the cap of upcoming bookings.
  const cancelWinners = async (replies: APIGatewayProxyStructuredResultV2[]) => {
    for (const [i, r] of replies.entries()) {
      if (r.statusCode !== 201) continue;
      const id = JSON.parse(r.body!).id;
      await ok(bookings, event('DELETE', '/v1/bookings/{bookingId}', `/v1/bookings/${id}`, { token: tokens[i], params: { bookingId: id } }), 200);
    }
  };
  const handlerBurst = async (slotId: string, keyed: boolean, t: Tally) => {
    const { replies, seconds } = await bookBurst(slotId, keyed);
    const won = replies.filter((r) => r.statusCode === 201).length;
    t.booked += won;
    t.full += replies.filter((r) => r.statusCode === 409).length;
    for (const r of replies.filter((r) => r.statusCode !== 201 && r.statusCode !== 409)) {
      const code = `${r.statusCode} ${(JSON.parse(r.body || '{}') as { error?: { code?: string } }).error?.code ?? ''}`;
      t.otherCodes[code] = (t.otherCodes[code] ?? 0) + 1;
      t.other++;
    }
    if (won > seats) t.overbooked++;
    t.seconds += seconds;
    await cancelWinners(replies);
    return seconds;
  };
  // The same transaction as a booking (booking-create.repository.ts's book): the slot's seat, the resident's marker in
  // the slot's partition, the booking record, a cap token and the check that the resident's account exists (the
  // route reads no principal before it), so both loops contend on the same items the same way. A
  // conflict with another transaction is retried under the functions' policy (core/transact.ts), as the handler does:
  // each call ends booked or refused, not dropped. With `answer`, the marker carries the stamp a keyed booking writes.
  const { RETRY_POLICY, backoff } = require('../functions/core/transact') as typeof import('../functions/core/transact');
  const { bookerStamp, markerCondition } = require('../functions/bookings/booking-replay') as typeof import('../functions/bookings/booking-replay');
  const { idempotencyClaim } = require('../functions/core/idempotency-key') as typeof import('../functions/core/idempotency-key');
  const accountKey = (i: number) => ({ pk: `BENCH#INPROC#USER#${i}`, sk: 'PROFILE' });
  await Promise.all(tokens.map((_, i) => doc.send(new PutCommand({ TableName: LOCAL_TABLE, Item: { ...accountKey(i), entity: 'user' } }))));
  const rawBurst = async (burst: number, counts: { booked: number; other: number } | undefined, answer?: Booking) => {
    const pk = `BENCH#INPROC#${burst}#${Date.now()}`;
    await doc.send(new PutCommand({ TableName: LOCAL_TABLE, Item: { pk, sk: 'SLOT', seats, booked: 0 } }));
    const t0 = performance.now();
    await Promise.all(tokens.map(async (_, i) => {
      const stamp = answer && bookerStamp(idempotencyClaim('POST /v1/slots/{slotId}/bookings', `${i}|${pk}|${Math.random()}`, '{"topic":"压测：咨询政策"}'), answer);
      const items = [
        { Update: { TableName: LOCAL_TABLE, Key: { pk, sk: 'SLOT' }, UpdateExpression: 'SET booked = booked + :one', ConditionExpression: 'booked < seats', ExpressionAttributeValues: { ':one': 1 }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } },
        { Put: { TableName: LOCAL_TABLE, Item: { pk, sk: `BOOKER#${i}`, ...stamp }, ...markerCondition(stamp), ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } },
        { Put: { TableName: LOCAL_TABLE, Item: { pk: `${pk}#BOOKING#${i}`, sk: 'BOOKING', topic: '压测：咨询政策' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { TableName: LOCAL_TABLE, Key: { pk: `${pk}#CAP#${i}`, sk: '0' }, UpdateExpression: 'SET bookingId = :b', ConditionExpression: 'attribute_not_exists(bookingId)', ExpressionAttributeValues: { ':b': String(i) }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } },
        { ConditionCheck: { TableName: LOCAL_TABLE, Key: accountKey(i), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)' } },
      ];
      for (let attempt = 1; ; attempt++) {
        try {
          await doc.send(new TransactWriteCommand({ TransactItems: items }));
          if (counts) counts.booked++;
          return;
        } catch (err) {
          const refused = err instanceof TransactionCanceledException && err.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed');
          const conflict = err instanceof TransactionCanceledException && !refused;
          if (conflict && attempt < RETRY_POLICY.attempts) {
            await backoff(attempt);
            continue;
          }
          // Exhausted retries or a timeout under this load: what the handler answers 503 for (its `other`).
          if (!refused && counts) counts.other++;
          return;
        }
      }
    }));
    return (performance.now() - t0) / 1000;
  };
  // Warm-up bursts (not counted), whose booking requests say what one booking costs with and without a key.
  // The keyed warm-up's first booking is the answer the keyed bare loop stores, so its marker has the real size.
  const requestsOf = async (slotId: string, keyed: boolean) => {
    let replies: APIGatewayProxyStructuredResultV2[] = [];
    const sent = await captureRequests(async () => ({ replies } = await bookBurst(slotId, keyed)));
    await cancelWinners(replies);
    const kinds = [...new Set(sent.map((r) => r.target.split('.')[1]))];
    const booked = replies.find((r) => r.statusCode === 201);
    const cost = { requestsPerCall: sent.length / residents, requestKinds: Object.fromEntries(kinds.map((k) => [k, sent.filter((r) => r.target.endsWith(`.${k}`)).length])) };
    return { cost, answer: booked && (JSON.parse(booked.body!) as Booking) };
  };
  const { cost: keyedCost, answer } = await requestsOf(slotIds[2 * bursts], true);
  const { cost: noKeyCost } = await requestsOf(slotIds[2 * bursts + 1], false);
  if (!answer) throw new Error('the keyed warm-up burst booked nobody');
  await rawBurst(-1, undefined);
  await rawBurst(-2, undefined, answer);
  let rawSeconds = 0;
  let rawKeyedSeconds = 0;
  // Interleaved, the order turning each burst, so drift in the machine's load hits all four alike; each burst's
  // ratios pair the handler with the bare loop next to it.
  for (let b = 0; b < bursts; b++) {
    const steps = [
      async () => handlerBurst(slotIds[2 * b], true, keyedTally),
      async () => handlerBurst(slotIds[2 * b + 1], false, noKeyTally),
      async () => rawBurst(b, rawCounts),
      async () => rawBurst(bursts + b, rawKeyedCounts, answer),
    ];
    const order = steps.map((_, i) => (i + b) % steps.length);
    const took: number[] = [];
    for (const i of order) took[i] = await steps[i]();
    rawSeconds += took[2];
    rawKeyedSeconds += took[3];
    keyedTally.ratios.push(took[2] / took[0]);
    noKeyTally.ratios.push(took[2] / took[1]);
  }
  const rawRps = (residents * bursts) / rawSeconds;
  const variant = (t: Tally, cost: { requestsPerCall: number; requestKinds: Record<string, number> }): BookingVariant => {
    const rps = (residents * bursts) / t.seconds;
    return {
      ...cost,
      rps,
      ratio: rps / rawRps,
      burstRatio: { median: median(t.ratios), min: Math.min(...t.ratios), max: Math.max(...t.ratios) },
      booked: t.booked,
      full: t.full,
      other: t.other,
      otherCodes: t.otherCodes,
      overbooked: t.overbooked,
    };
  };
  return {
    residents,
    seats,
    bursts,
    keyed: variant(keyedTally, keyedCost),
    noKey: variant(noKeyTally, noKeyCost),
    rawRps,
    rawBooked: rawCounts.booked,
    rawOther: rawCounts.other,
    rawKeyed: { rps: (residents * bursts) / rawKeyedSeconds, ...rawKeyedCounts },
  };
}
