import { call, expectError, freshUser, login } from './http';
import { withGrant, type Person } from './people';
import { ownTownship } from './own-orgs';

const BRANCH = 'yucun-dzb';
const idea = (title = '参观安吉县党史馆') => ({ title, content: '组织党员参观县党史馆，重温入党初心。', category: 'visit' });

async function createIdea(token: string, body = idea(), branchId = BRANCH) {
  return call('createIdea', { token, params: { branchId }, body });
}

describe('POST /v1/branches/{branchId}/ideas', () => {
  it('lets a member submit an idea, open for support', async () => {
    const res = await createIdea(await login('demo-member-1'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ branchId: BRANCH, authorId: 'u-demo-member-1', status: 'open', supportCount: 0, supportedByMe: false, category: 'visit' });
    expect(res.body.authorName).not.toBe('');
  });

  it.each([
    ['a resident', 'demo-resident-1', 403, 'FORBIDDEN'],
    ['an official', 'demo-official-1', 403, 'FORBIDDEN'],
  ])('refuses %s', async (_who, openid, status, code) => {
    expectError(await createIdea(await login(openid)), status, code);
  });

  it('refuses a member of another branch, and answers 404 for an unknown branch', async () => {
    const [outsider] = await withGrant('member', 'daxi-dzb', 1);
    expectError(await createIdea(outsider.token), 403, 'FORBIDDEN');
    expectError(await createIdea(await login('demo-member-1'), idea(), 'nowhere-dzb'), 404, 'NOT_FOUND');
  });

  it.each([
    ['an empty title', { ...idea(), title: '  ' }, 'title'],
    ['a title over 40 characters', { ...idea(), title: '长'.repeat(41) }, 'title'],
    ['content over 1000 characters', { ...idea(), content: '字'.repeat(1001) }, 'content'],
    ['an unknown category', { ...idea(), category: 'party' }, 'category'],
  ])('answers 400 to %s', async (_what, body, field) => {
    const res = await createIdea(await login('demo-member-1'), body as ReturnType<typeof idea>);
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: field })]);
  });

  it('keeps an idea the content check wants reviewed, visible only to its author and the secretary', async () => {
    // Prepare
    const author = await login('demo-member-2');
    // Act
    const res = await createIdea(author, idea('【待审】一个需要人工审核的创意'));
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending_review');
    const id = res.body.id;
    expect((await call('getIdea', { token: author, params: { ideaId: id } })).status).toBe(200);
    expect((await call('getIdea', { token: await login('demo-secretary-1'), params: { ideaId: id } })).status).toBe(200);
    expectError(await call('getIdea', { token: await login('demo-member-3'), params: { ideaId: id } }), 404, 'NOT_FOUND');
    const seenByOther = await call('listIdeas', { token: await login('demo-member-3'), params: { branchId: BRANCH }, query: { limit: 50 } });
    expect(seenByOther.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expectError(await call('supportIdea', { token: await login('demo-member-3'), params: { ideaId: id } }), 404, 'NOT_FOUND');
  });

  it('rejects risky content with 422 and stores nothing', async () => {
    const author = await login('demo-member-2');
    const title = `【违规】${Date.now()}`;
    expectError(await createIdea(author, idea(title)), 422, 'CONTENT_REJECTED');
    const list = await call('listIdeas', { token: await login('demo-secretary-1'), params: { branchId: BRANCH }, query: { limit: 50 } });
    expect(list.body.items.map((i: { title: string }) => i.title)).not.toContain(title);
  });
});

describe('GET /v1/branches/{branchId}/ideas', () => {
  let branchMembers: Person[];
  let branch: string;
  beforeAll(async () => {
    // A branch of our own: its lists hold only this file's ideas.
    branch = (await ownTownship('ideas')).branchId;
    branchMembers = await withGrant('member', branch, 4);
  });

  it('lists newest first and hottest first, with supportedByMe', async () => {
    // Prepare: three ideas; the second gets the most support
    const [a, b, c, d] = branchMembers;
    const first = (await createIdea(a.token, idea('第一'), branch)).body.id;
    const second = (await createIdea(a.token, idea('第二'), branch)).body.id;
    const third = (await createIdea(a.token, idea('第三'), branch)).body.id;
    const supports = [
      await call('supportIdea', { token: b.token, params: { ideaId: second } }),
      await call('supportIdea', { token: c.token, params: { ideaId: second } }),
      await call('supportIdea', { token: d.token, params: { ideaId: third } }),
    ];
    expect(supports.map((r) => r.status)).toEqual([200, 200, 200]);
    // Act
    const newest = await call('listIdeas', { token: b.token, params: { branchId: branch }, query: { sort: 'new' } });
    const hottest = await call('listIdeas', { token: b.token, params: { branchId: branch }, query: { sort: 'hot' } });
    // Assess
    expect(newest.body.items.map((i: { id: string }) => i.id)).toEqual([third, second, first]);
    expect(hottest.body.items.map((i: { id: string }) => i.id)).toEqual([second, third, first]);
    expect(hottest.body.items[0]).toMatchObject({ supportCount: 2, supportedByMe: true });
    expect(hottest.body.items[1]).toMatchObject({ supportCount: 1, supportedByMe: false });
  });

  it('pages with a cursor: every idea once, in order, no page overlapping another', async () => {
    // Prepare: a branch of our own with five ideas
    const { branchId } = await ownTownship('pages');
    const [author] = await withGrant('member', branchId, 1);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await createIdea(author.token, idea(`分页${i}`), branchId);
      expect(res.status).toBe(201);
      made.push(res.body.id);
    }
    // Act
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const res = await call('listIdeas', { token: author.token, params: { branchId }, query: { limit: 2, cursor } });
      expect(res.status).toBe(200);
      pages.push(res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    // Assess: 2 + 2 + 1, newest first
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([...made].reverse());
  });

  it('filters by status', async () => {
    // Prepare: one accepted and one open idea in a branch of our own
    const { branchId } = await ownTownship('status');
    const [[author], [secretary]] = await Promise.all([withGrant('member', branchId, 1), withGrant('secretary', branchId, 1)]);
    const accepted = (await createIdea(author.token, idea('会被采纳'), branchId)).body.id;
    const open = (await createIdea(author.token, idea('仍在征集'), branchId)).body.id;
    const answered = await call('answerIdea', { token: secretary.token, params: { ideaId: accepted }, body: { status: 'accepted', reply: '采纳' } });
    expect(answered.status).toBe(200);
    // Act
    const onlyAccepted = await call('listIdeas', { token: author.token, params: { branchId }, query: { status: 'accepted' } });
    const onlyOpen = await call('listIdeas', { token: author.token, params: { branchId }, query: { status: 'open' } });
    // Assess
    expect(onlyAccepted.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[accepted, 'accepted']]);
    expect(onlyOpen.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[open, 'open']]);
  });

  it('is open to township staff above and closed to others', async () => {
    expect((await call('listIdeas', { token: await login('demo-township-1'), params: { branchId: BRANCH } })).status).toBe(200);
    expectError(await call('listIdeas', { token: await login('demo-resident-1'), params: { branchId: BRANCH } }), 403, 'FORBIDDEN');
    expectError(await call('listIdeas', { token: await login('demo-member-1'), params: { branchId: branch } }), 403, 'FORBIDDEN');
  });
});

describe('PUT/DELETE /v1/ideas/{ideaId}/support', () => {
  it('is idempotent both ways', async () => {
    const id = (await createIdea(await login('demo-member-1'))).body.id;
    const token = await login('demo-member-4');
    await call('supportIdea', { token, params: { ideaId: id } });
    const twice = await call('supportIdea', { token, params: { ideaId: id } });
    expect(twice.body).toEqual({ supportCount: 1, supportedByMe: true });
    await call('withdrawSupport', { token, params: { ideaId: id } });
    const again = await call('withdrawSupport', { token, params: { ideaId: id } });
    expect(again.body).toEqual({ supportCount: 0, supportedByMe: false });
  });

  it('counts exactly 50 after 50 members support at once, and 0 after they all withdraw at once', async () => {
    // Prepare
    // 50 supporters and the author (nobody supports their own idea)
    const [author, ...members] = await withGrant('member', 'daxi-dzb', 51, 'demo-township-1');
    const id = (await createIdea(author.token, idea('五十人同时点赞'), 'daxi-dzb')).body.id;
    // Act
    const supports = await Promise.all(members.map((m) => call('supportIdea', { token: m.token, params: { ideaId: id } })));
    const afterSupport = await call('getIdea', { token: members[0].token, params: { ideaId: id } });
    const withdrawals = await Promise.all(members.map((m) => call('withdrawSupport', { token: m.token, params: { ideaId: id } })));
    const afterWithdraw = await call('getIdea', { token: members[0].token, params: { ideaId: id } });
    // Assess
    expect(supports.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(afterSupport.body.supportCount).toBe(50);
    expect(withdrawals.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(afterWithdraw.body.supportCount).toBe(0);
  });

  it('is for members of the branch only', async () => {
    const id = (await createIdea(await login('demo-member-1'))).body.id;
    expectError(await call('supportIdea', { token: await login('demo-township-1'), params: { ideaId: id } }), 403, 'FORBIDDEN');
    expectError(await call('supportIdea', { token: (await freshUser()).token, params: { ideaId: id } }), 404, 'NOT_FOUND');
  });
});

describe('answers and reports', () => {
  it('lets the secretary answer; the author sees the answer', async () => {
    const author = await login('demo-member-5');
    const id = (await createIdea(author)).body.id;
    const res = await call('answerIdea', { token: await login('demo-secretary-1'), params: { ideaId: id }, body: { status: 'accepted', reply: '很好的建议，纳入下月主题党日。' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', answer: { status: 'accepted', reply: '很好的建议，纳入下月主题党日。' } });
    expect((await call('getIdea', { token: author, params: { ideaId: id } })).body.answer.status).toBe('accepted');
    expectError(await call('answerIdea', { token: author, params: { ideaId: id }, body: { status: 'declined', reply: '不行' } }), 403, 'FORBIDDEN');
  });

  it('hides an idea after three distinct reports, until the secretary restores it with its answer status', async () => {
    // Prepare
    const id = (await createIdea(await login('demo-member-6'))).body.id;
    const secretary = await login('demo-secretary-1');
    await call('answerIdea', { token: secretary, params: { ideaId: id }, body: { status: 'evaluating', reply: '评估中' } });
    const [r1, r2, r3] = await Promise.all(['demo-member-7', 'demo-member-8', 'demo-member-1'].map(login));
    // Act
    await call('reportIdea', { token: r1, params: { ideaId: id }, body: { reason: 'spam' } });
    await call('reportIdea', { token: r1, params: { ideaId: id }, body: { reason: 'spam' } }); // a repeat counts once
    await call('reportIdea', { token: r2, params: { ideaId: id }, body: { reason: 'off_topic' } });
    const stillVisible = await call('getIdea', { token: r3, params: { ideaId: id } });
    const third = await call('reportIdea', { token: r3, params: { ideaId: id }, body: { reason: 'offensive' } });
    // Assess
    expect(stillVisible.body.status).toBe('evaluating');
    expect(third.status).toBe(202);
    expectError(await call('getIdea', { token: r3, params: { ideaId: id } }), 404, 'NOT_FOUND');
    expect((await call('getIdea', { token: secretary, params: { ideaId: id } })).body.status).toBe('hidden');
    const restored = await call('restoreIdea', { token: secretary, params: { ideaId: id } });
    expect(restored.body.status).toBe('evaluating');
    expect((await call('getIdea', { token: r3, params: { ideaId: id } })).status).toBe(200);
  });

  it('does not let an author report their own idea', async () => {
    const author = await login('demo-member-2');
    const id = (await createIdea(author)).body.id;
    expectError(await call('reportIdea', { token: author, params: { ideaId: id }, body: { reason: 'spam' } }), 409, 'INVALID_STATE');
  });
});
