// The traffic model and key-heat report (bench/): idempotency records spread, and the budget check catches a hot key.
import { ACCESSES, BUDGET_SHARE, hottestShare, keyHeat, overBudget, type Access } from '../../bench/key-heat';
import { peakOf, townshipOf, ZHEJIANG } from '../../bench/traffic-model';
import { idempotencyRecordKey } from '../../functions/core/idempotency-key';

const peak = peakOf(ZHEJIANG);

describe('idempotency record keys', () => {
  it('put each record in a partition of its own, keeping Powertools’ per-user record key as the sort key', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => idempotencyRecordKey(`POST /v1/concerns#${i.toString(16).padStart(32, '0')}`));
    expect(new Set(keys.map((k) => k.pk)).size).toBe(1000);
    expect(keys[7]).toEqual({ pk: expect.stringMatching(/^IDEMPOTENCY#[0-9a-f]{16}$/), sk: `POST /v1/concerns#${(7).toString(16).padStart(32, '0')}` });
    expect(idempotencyRecordKey('POST /v1/concerns#abc')).toEqual(idempotencyRecordKey('POST /v1/concerns#abc'));
  });

  it('spread the records of every idempotent POST: the hottest partition holds a sliver of what one static key would', () => {
    // Prepare: a booking keeps its key on its slot marker (bookings/booking-replay.ts), so it writes no record here
    const idem = ACCESSES.filter((a) => a.what === 'idempotency record');
    expect(idem.map((a) => a.route).sort()).toEqual(['participateOnline', 'raiseConcern']);
    // Act
    const spread = keyHeat(peak, idem);
    const statik = keyHeat(peak, idem.map((a) => ({ ...a, key: () => 'IDEMPOTENCY' })));
    // Assess
    expect(spread.map((r) => r.partition)).toEqual(['IDEMPOTENCY#…']);
    expect(statik.map((r) => r.partition)).toEqual(['IDEMPOTENCY']);
    expect(statik[0].wcu).toBeGreaterThan(0);
    expect(spread[0].wcu).toBeLessThan(statik[0].wcu / 100);
  });
});

describe('key heat', () => {
  it('finds the hottest key’s share by sampling the key builder', () => {
    expect(hottestShare((i) => `K#${i}`, 50_000)).toEqual({ share: 1 / 50_000, distinct: true });
    expect(hottestShare(() => 'K', 50_000)).toEqual({ share: 1, distinct: false });
    expect(hottestShare((i) => `K#${i % 4}`, 400).share).toBeCloseTo(0.25);
  });

  it('fails the budget for a synthetic hot key and passes the real keys at Zhejiang’s peak', () => {
    const synthetic: Access = { route: 'checkIn', what: 'one counter for every check-in', wcu: 1, over: 'request', key: () => 'COUNTER#CHECKINS' };
    const rows = keyHeat(peak, [...ACCESSES, synthetic]);
    expect(overBudget(rows).map((r) => r.partition)).toEqual(['COUNTER#CHECKINS']);
    expect(rows[0].share).toBeGreaterThan(BUDGET_SHARE);
    expect(overBudget(keyHeat(peak))).toEqual([]);
  });

  it('scales a township down from the province', () => {
    const t = peakOf(townshipOf(ZHEJIANG));
    expect(t.rps.checkIn).toBeGreaterThan(0);
    expect(t.rps.checkIn * ZHEJIANG.townships).toBeCloseTo(peak.rps.checkIn, -1);
  });
});
