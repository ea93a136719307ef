// Defect 6: a moderation decision taken higher up is undone only at that level or above. A township admin's
// rejection of an idea cannot be restored by the branch's secretary; the township admin (or above) can. In a township
// of this file's own, so no other file's member counts or moderation queue see its people.
import { call, expectError } from './http';
import { ownTownship } from './own-orgs';
import { withGrant, type Person } from './people';

let TOWNSHIP: string;
let BRANCH: string;
/** The test content checker's marker for a "review" verdict (functions/content/content-check.ts). */
const REVIEW = '【待审】';

let townshipAdmin: Person;
let secretary: Person;
let author: Person;

beforeAll(async () => {
  ({ townshipId: TOWNSHIP, branchId: BRANCH } = await ownTownship('restore'));
  [[townshipAdmin], [secretary], [author]] = await Promise.all([
    withGrant('township_admin', TOWNSHIP, 1),
    withGrant('secretary', BRANCH, 1),
    withGrant('member', BRANCH, 1),
  ]);
});

async function rejectedIdea(by: Person): Promise<string> {
  const idea = await call('createIdea', { token: author.token, params: { branchId: BRANCH }, body: { title: '周末聚餐', content: `${REVIEW}组织党员周末聚餐。`, category: 'other' } });
  expect(idea.body.status).toBe('pending_review');
  const decided = await call('decideModeration', { token: by.token, params: { kind: 'idea', id: idea.body.id }, body: { decision: 'reject', reason: '与党日无关' } });
  expect(decided.status).toBe(200);
  return idea.body.id;
}

it('refuses the secretary a restore of the township admin\'s rejection, and leaves it rejected', async () => {
  const id = await rejectedIdea(townshipAdmin);
  const res = await call('restoreIdea', { token: secretary.token, params: { ideaId: id } });
  expectError(res, 403, 'FORBIDDEN');
  expect(res.body.error.message).toContain('上级');
  const stored = await call('getIdea', { token: secretary.token, params: { ideaId: id } });
  expect(stored.body).toMatchObject({ status: 'hidden', review: { decision: 'rejected', reason: '与党日无关' } });
});

it('lets the township admin undo their own rejection', async () => {
  const id = await rejectedIdea(townshipAdmin);
  const res = await call('restoreIdea', { token: townshipAdmin.token, params: { ideaId: id } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'open', review: { decision: 'approved' } });
});

it('still lets the secretary restore their own rejection', async () => {
  const id = await rejectedIdea(secretary);
  const res = await call('restoreIdea', { token: secretary.token, params: { ideaId: id } });
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('open');
});

it('refuses a member', async () => {
  const id = await rejectedIdea(secretary);
  expectError(await call('restoreIdea', { token: author.token, params: { ideaId: id } }), 403, 'FORBIDDEN');
});
