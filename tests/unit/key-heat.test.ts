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

  it('make the idempotency partition negligible at Zhejiang’s peak, where one static key would be over budget', () => {
    const idem = ACCESSES.filter((a) => a.what === 'idempotency record');
    expect(idem.length).toBeGreaterThanOrEqual(3);
    const spread = keyHeat(peak, idem);
    expect(spread).toHaveLength(1);
    expect(spread[0].partition).toBe('IDEMPOTENCY#…');
    expect(spread[0].share).toBeLessThan(0.01);
    const statik: Access[] = idem.map((a) => ({ ...a, key: () => 'IDEMPOTENCY' }));
    const hot = overBudget(keyHeat(peak, statik));
    expect(hot.map((r) => r.partition)).toEqual(['IDEMPOTENCY']);
    // Every idempotent POST of the province on one partition: over the whole 1,000 WCU.
    expect(hot[0].wcu).toBeGreaterThan(1_000);
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
