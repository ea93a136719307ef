// A page of a list costs the same however much other branches hold: lists are Queries on a partition of an index,
// never a Scan. Measured as DynamoDB's ScannedCount through the real repositories on DynamoDB Local.
import { listIdeas } from '../../functions/ideas/ideas.repository';
import { listBranchThemeDays } from '../../functions/themedays/themedays.repository';
import { call, login } from './http';
import { ownTownship } from './own-orgs';
import { withGrant } from './people';
import { DAY_MS, HOUR_MS } from '@shared/time';

/** A theme day of a year ahead: never in any other test's way, whatever the date the suite runs on. */
const farDay = (title: string) => {
  const startsAt = Date.now() + 365 * DAY_MS;
  return { title, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + HOUR_MS).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: false };
};

/** Every write of the setup must land: a failed one would make the measurement trivially equal. */
async function made(res: Promise<{ status: number; body: unknown }>): Promise<void> {
  const r = await res;
  if (r.status !== 201) throw new Error(`setup write failed: ${r.status} ${JSON.stringify(r.body)}`);
}

async function fillOtherBranch(n: number) {
  // A branch of our own: the ideas and days land where no other file reads.
  const otherBranch = (await ownTownship('cost')).branchId;
  const [member] = await withGrant('member', otherBranch, 1);
  const [secretary] = await withGrant('secretary', otherBranch, 1);
  for (let i = 0; i < n; i++) {
    await made(call('createIdea', { token: member.token, params: { branchId: otherBranch }, body: { title: `别的支部${i}`, content: '内容', category: 'other' } }));
    await made(call('createThemeDay', { token: secretary.token, params: { branchId: otherBranch }, body: farDay(`别的支部${i}`) }));
  }
}

const viewer = { userId: 'u-demo-secretary-1', seesAll: true };

describe('list read cost', () => {
  it('does not grow with ideas and theme days in other branches', async () => {
    // Prepare: this branch has a few of each
    const token = await login('demo-secretary-1');
    const member = await login('demo-member-3');
    for (let i = 0; i < 5; i++) {
      await made(call('createIdea', { token: member, params: { branchId: 'yucun-dzb' }, body: { title: `本支部${i}`, content: '内容', category: 'study' } }));
    }
    for (let i = 0; i < 3; i++) {
      await made(call('createThemeDay', { token, params: { branchId: 'yucun-dzb' }, body: farDay(`本支部${i}`) }));
    }
    const measure = async () => ({
      ideas: (await listIdeas('yucun-dzb', { sort: 'new', viewer, limit: 5 })).scannedCount,
      hot: (await listIdeas('yucun-dzb', { sort: 'hot', viewer, limit: 5 })).scannedCount,
      days: (await listBranchThemeDays('yucun-dzb', { reach: 'all', limit: 3 })).scannedCount,
    });
    const before = await measure();
    // Act: another branch grows by 40 ideas and 40 theme days
    await fillOtherBranch(40);
    const after = await measure();
    // Assess
    expect(before).toEqual({ ideas: 5, hot: 5, days: 3 });
    expect(after).toEqual(before);
  });
});
