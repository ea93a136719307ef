// Defect 1: a theme day that was never published is never public, also once cancelled: not the day itself, not the
// branch list, not its guidance, not the titles of the ideas linked to it. A day cancelled after publishing stays
// public. Days of 徐村湾村党支部, which no other test uses for theme days.
import { DAY_MS as DAY, HOUR_MS as HOUR } from '@shared/time';
import { call, expectError, login } from './http';
import { withGrant, type Person } from './people';

const BRANCH = 'xucunwan-dzb';
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

let secretary: Person;
let member: Person;
let outsider: Person;
let ideaTitle: string;
let ideaId: string;

beforeAll(async () => {
  [[secretary], [member], [outsider]] = await Promise.all([
    withGrant('secretary', BRANCH, 1),
    withGrant('member', BRANCH, 1),
    withGrant('member', 'huangdu-dzb', 1),
  ]);
  ideaTitle = `未公开的创意${Date.now().toString(36)}`;
  const idea = await call('createIdea', { token: member.token, params: { branchId: BRANCH }, body: { title: ideaTitle, content: '只在支部内讨论', category: 'study' } });
  expect(idea.status).toBe(201);
  ideaId = idea.body.id;
});

async function day(startsInMs: number, title: string, publish: boolean): Promise<string> {
  const created = await call('createThemeDay', {
    token: secretary.token,
    params: { branchId: BRANCH },
    body: { title, startsAt: inMs(startsInMs), endsAt: inMs(startsInMs + 2 * HOUR), location: '徐村湾村委会', agenda: ['学习'], ideaIds: [ideaId], onlineParticipation: false },
  });
  expect(created.status).toBe(201);
  if (publish) expect((await call('publishThemeDay', { token: secretary.token, params: { id: created.body.id } })).status).toBe(200);
  const cancelled = await call('cancelThemeDay', { token: secretary.token, params: { id: created.body.id }, body: { reason: '另行安排' } });
  expect(cancelled.body.status).toBe('cancelled');
  return created.body.id;
}

const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((d) => d.id);

describe('a draft cancelled before it was published', () => {
  let draft: string;
  let announced: string;
  const range = { from: inMs(60 * DAY), to: inMs(63 * DAY) };

  beforeAll(async () => {
    draft = await day(61 * DAY, '从未发布的党日', false);
    announced = await day(62 * DAY, '发布后取消的党日', true);
  });

  it('is not found by anyone outside the branch, nor by its members', async () => {
    for (const token of [undefined, outsider.token, member.token, await login('demo-resident-1')]) {
      expectError(await call('getThemeDay', { token, params: { id: draft } }), 404, 'NOT_FOUND');
    }
    expectError(await call('listGuidance', { params: { id: draft } }), 404, 'NOT_FOUND');
  });

  it('stays with those who run the branch', async () => {
    const own = await call('getThemeDay', { token: secretary.token, params: { id: draft } });
    expect(own.body).toMatchObject({ status: 'cancelled', cancelReason: '另行安排' });
    expect(own.body).not.toHaveProperty('publishedAt');
    expect(idsOf(await call('listThemeDays', { token: secretary.token, params: { branchId: BRANCH }, query: range }))).toEqual([announced, draft]);
  });

  it('is left out of the public list and the members\' list, while a day cancelled after publishing stays', async () => {
    const anonymous = await call('listThemeDays', { params: { branchId: BRANCH }, query: range });
    const asMember = await call('listThemeDays', { token: member.token, params: { branchId: BRANCH }, query: range });
    expect(anonymous.status).toBe(200);
    expect(idsOf(anonymous)).toEqual([announced]);
    expect(idsOf(asMember)).toEqual([announced]);
    expect(JSON.stringify(anonymous.body)).not.toContain('从未发布的党日');
  });

  it('shows the linked ideas only for a day that was public', async () => {
    const publicView = await call('getThemeDay', { params: { id: announced } });
    expect(publicView.body).toMatchObject({ status: 'cancelled', publishedAt: expect.any(String), ideas: [{ id: ideaId, title: ideaTitle }] });
    const draftView = await call('getThemeDay', { params: { id: draft } });
    expect(JSON.stringify(draftView.body)).not.toContain(ideaTitle);
  });

  it('keeps live drafts readable by the branch\'s members, as before', async () => {
    const created = await call('createThemeDay', {
      token: secretary.token,
      params: { branchId: BRANCH },
      body: { title: '草稿', startsAt: inMs(70 * DAY), endsAt: inMs(70 * DAY + HOUR), location: '村委会', agenda: ['学习'], onlineParticipation: false },
    });
    expect((await call('getThemeDay', { token: member.token, params: { id: created.body.id } })).status).toBe(200);
    expectError(await call('getThemeDay', { params: { id: created.body.id } }), 404, 'NOT_FOUND');
  });
});

describe('GET /v1/branches/{branchId}/theme-days with a time range (defect 3)', () => {
  it('answers 400 in Chinese to a range that ends before it starts', async () => {
    const res = await call('listThemeDays', { params: { branchId: BRANCH }, query: { from: inMs(10 * DAY), to: inMs(DAY) } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'to', message: '结束时间须晚于开始时间' })]);
  });

  it.each([
    ['only a past `to`', { to: inMs(-400 * DAY) }],
    ['only a far `from`', { from: inMs(4000 * DAY) }],
  ])('answers 200 to %s', async (_what, query) => {
    const res = await call('listThemeDays', { params: { branchId: BRANCH }, query });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});
