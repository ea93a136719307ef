// Per-user quotas (shared/quotas.ts) at their real limits. The run's API multiplies them (its files act as the same
// personas at once, see tests/setup/global-setup.ts), so the handlers run here, in process, on the same database.
import { QUOTA_RULES } from '@shared/rules/quotas';
import { HOUR_MS as HOUR } from '@shared/time';
import { quotaKeys, windowOf } from '../../functions/quotas/quota.entity';
import { itemAt } from './db';
import { call, freshUser } from './http';
import { invoke } from './invoke';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant } from './people';

type Action = keyof typeof QUOTA_RULES;

/**
 * Calls until refused (at most twice the limit and one: the run may cross one window boundary) and checks that the
 * refusal came with exactly `limit` counted in its window, Retry-After and a Chinese message. Returns the statuses
 * before it.
 */
async function untilRefused(userId: string, action: Action, make: () => ReturnType<typeof invoke>): Promise<number[]> {
  const { limit, windowSeconds } = QUOTA_RULES[action];
  const statuses: number[] = [];
  for (let i = 0; i <= 2 * limit; i++) {
    const res = await make();
    if (res.status !== 429) {
      statuses.push(res.status);
      continue;
    }
    const counter = await itemAt(quotaKeys.counter(userId, action, windowOf(Date.now(), windowSeconds).start));
    expect(counter?.n).toBe(limit);
    expect(res.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect(statuses.length).toBeGreaterThanOrEqual(limit);
    return statuses;
  }
  throw new Error(`${action}: never refused in ${2 * limit + 1} calls`);
}

let own: OwnTownship;
beforeAll(async () => {
  own = await ownTownship('quota');
});

describe('per-user quotas', () => {
  it('refuses the 6th concern in a minute with 429 and Retry-After; another user is unaffected', async () => {
    // Prepare
    const [a, b] = await Promise.all([freshUser('quota'), freshUser('quota')]);
    const raise = (token: string) =>
      invoke('raiseConcern', token, { body: { villageId: own.villageId, category: 'other', title: '配额测试', content: '一条用来测试配额的说事。' } });
    // Act
    const before = await untilRefused(a.userId, 'concern', () => raise(a.token));
    const other = await raise(b.token);
    // Assess
    expect(new Set(before)).toEqual(new Set([201]));
    expect(other.status).toBe(201);
  });

  it('refuses the 6th idea in a minute; another member is unaffected', async () => {
    const [a, b] = await withGrant('member', own.branchId, 2);
    const create = (token: string) =>
      invoke('createIdea', token, { params: { branchId: own.branchId }, body: { title: '配额测试', content: '一条用来测试配额的创意', category: 'oath' } });
    const before = await untilRefused(a!.userId, 'idea', () => create(a!.token));
    expect(new Set(before)).toEqual(new Set([201]));
    expect((await create(b!.token)).status).toBe(201);
  });

  it('after 5 wrong check-in codes refuses even the right one until the window ends; another member checks in', async () => {
    // Prepare: a published day starting in half an hour (check-in is open), its code, two members
    const [secretary] = await withGrant('secretary', own.branchId, 1);
    const [a, b] = await withGrant('member', own.branchId, 2);
    const startsAt = Date.now() + HOUR / 2;
    const day = await call('createThemeDay', {
      token: secretary!.token,
      params: { branchId: own.branchId },
      body: { title: '签到配额', startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: false },
    });
    expect(day.status).toBe(201);
    expect((await call('publishThemeDay', { token: secretary!.token, params: { id: day.body.id } })).status).toBe(200);
    const code = (await call('createCheckInCode', { token: secretary!.token, params: { id: day.body.id } })).body.code as string;
    const checkIn = (token: string, c: string) => invoke('checkIn', token, { params: { id: day.body.id }, body: { code: c } });
    // Act
    const wrong = await untilRefused(a!.userId, 'wrongCheckInCode', () => checkIn(a!.token, 'WRONG1'));
    const refusedIn = windowOf(Date.now(), QUOTA_RULES.wrongCheckInCode.windowSeconds).start;
    const right = await checkIn(a!.token, code);
    const sameWindow = windowOf(Date.now(), QUOTA_RULES.wrongCheckInCode.windowSeconds).start === refusedIn;
    const other = await checkIn(b!.token, code);
    // Assess: still in the refusing window (well under a minute later), the right code is refused too
    expect(new Set(wrong)).toEqual(new Set([400]));
    expect(right.status).toBe(sameWindow ? 429 : 201);
    expect(other.status).toBe(201);
  });
});
