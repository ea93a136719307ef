// 内容审核: what waits in whose queue (a secretary's branch, township staff's subtree), and what a decision does to
// the item, its author and the queue. The describe blocks stay in one file: they share the branch's queue, whose
// counts would race between files run in parallel. Orgs, people and requests: moderation-fixtures.ts.
import { queueScope } from '../../functions/moderation/moderation.entity';
import { listQueue } from '../../functions/moderation/moderation.repository';
import { closeDb, outboxSettled } from './db';
import { call, expectError, freshUser, login } from './http';
import { BRANCH, CONCERN_TOWNSHIP, CONCERN_VILLAGE, CONCERN_VILLAGE_BRANCH, OTHER_BRANCH, REVIEW, TOWNSHIP, VILLAGE, decide, grantOne, keysOf, moderationCast, pendingIdea, queue } from './moderation-fixtures';
import type { Person } from './people';
import { messagesTo } from './wechat-fake';

afterAll(closeDb);

let townshipAdmin: Person;
let concernAdmin: Person;
let concernVillageSecretary: Person;
let secretary: Person;
let otherSecretary: Person;
let members: Person[];
let otherMember: Person;
let dayId: string;

beforeAll(async () => {
  ({ townshipAdmin, concernAdmin, concernVillageSecretary, secretary, otherSecretary, members, otherMember, dayId } = await moderationCast());
});

describe('GET /v1/orgs/{orgId}/moderation', () => {
  let ideaId: string;
  let otherIdeaId: string;
  let reflectionId: string;
  let concernId: string;

  beforeAll(async () => {
    ideaId = await pendingIdea(members[0]);
    otherIdeaId = await pendingIdea(otherMember, '到尹家圩村开展志愿服务', OTHER_BRANCH);
    const reflection = await call('participateOnline', { token: members[1].token, params: { id: dayId }, body: { content: `${REVIEW}在外地出差，线上学习了千万工程的经验。` } });
    expect(reflection.body.reviewStatus).toBe('pending_review');
    reflectionId = `${dayId}_${members[1].userId}`;
    const concern = await call('raiseConcern', {
      token: (await freshUser('mod-resident')).token,
      body: { villageId: CONCERN_VILLAGE, category: 'village_affairs', title: '村务公开栏长期不更新', content: `${REVIEW}村务公开栏已经三个月没有更新了。` },
    });
    expect(concern.body.pendingReview).toBe(true);
    concernId = concern.body.id;
  });

  it('shows a secretary the pending ideas and reflections of their branch only', async () => {
    // Act
    const items = await queue(secretary.token, BRANCH);
    // Assess
    expect(keysOf(items)).toEqual(expect.arrayContaining([`idea:${ideaId}`, `reflection:${reflectionId}`]));
    expect(keysOf(items)).not.toContain(`idea:${otherIdeaId}`);
    expect(keysOf(items)).not.toContain(`concern:${concernId}`);
    expect(items.find((i) => i.id === ideaId)).toMatchObject({ orgId: BRANCH, orgName: '潞村党支部', authorId: members[0].userId, title: '组织党员清理河道', why: 'content_check' });
    expect(items.find((i) => i.id === ideaId)!.authorName).not.toBe('');
    expect(items.find((i) => i.id === reflectionId)).toMatchObject({ kind: 'reflection', title: '学习“千万工程”经验', themeDayId: dayId, authorId: members[1].userId });
  });

  it('shows township staff everything in their township, or in one village of it', async () => {
    // Act
    const township = await queue(townshipAdmin.token, TOWNSHIP);
    const village = await queue(townshipAdmin.token, VILLAGE);
    const concernTownship = await queue(concernAdmin.token, CONCERN_TOWNSHIP);
    const concernVillage = await queue(concernAdmin.token, CONCERN_VILLAGE);
    // Assess
    expect(keysOf(township)).toEqual(expect.arrayContaining([`idea:${ideaId}`, `idea:${otherIdeaId}`, `reflection:${reflectionId}`]));
    expect(keysOf(township)).not.toContain(`concern:${concernId}`);
    expect(keysOf(village)).toEqual(expect.arrayContaining([`idea:${ideaId}`, `reflection:${reflectionId}`]));
    expect(keysOf(village)).not.toContain(`idea:${otherIdeaId}`);
    expect(keysOf(concernTownship)).toContain(`concern:${concernId}`);
    expect(keysOf(concernTownship)).not.toContain(`idea:${ideaId}`);
    expect(keysOf(concernVillage)).toContain(`concern:${concernId}`);
    expect(concernTownship.find((i) => i.id === concernId)).toMatchObject({
      kind: 'concern', orgId: CONCERN_VILLAGE, orgName: '黄杜村', title: '村务公开栏长期不更新', trackingNo: expect.stringMatching(/^SS/), why: 'content_check',
    });
  });

  it('leaves concerns to township staff: the village’s branch secretary does not see them', async () => {
    const items = await queue(concernVillageSecretary.token, CONCERN_VILLAGE_BRANCH);
    expect(keysOf(items)).not.toContain(`concern:${concernId}`);
    expectError(await call('listModeration', { token: concernVillageSecretary.token, params: { orgId: CONCERN_VILLAGE } }), 403, 'FORBIDDEN');
  });

  it('shows another branch’s secretary only their own branch', async () => {
    const items = await queue(otherSecretary.token, OTHER_BRANCH);
    expect(keysOf(items)).toContain(`idea:${otherIdeaId}`);
    expect(keysOf(items)).not.toContain(`idea:${ideaId}`);
  });

  it.each([
    ['another branch’s secretary', () => otherSecretary.token, BRANCH],
    ['a member of the branch', () => members[2].token, BRANCH],
    ['a resident', () => login('demo-resident-3'), BRANCH],
    ['the secretary, for the village above the branch', () => secretary.token, VILLAGE],
    ['the secretary, for the township', () => secretary.token, TOWNSHIP],
    ['township staff of another township', () => login('demo-township-1'), TOWNSHIP],
  ])('refuses %s with 403', async (_who, token, orgId) => {
    expectError(await call('listModeration', { token: await token(), params: { orgId } }), 403, 'FORBIDDEN');
  });

  it('answers 404 for an unknown org and 400 above a township', async () => {
    expectError(await call('listModeration', { token: townshipAdmin.token, params: { orgId: 'nowhere' } }), 404, 'NOT_FOUND');
    const county = await call('listModeration', { token: await login('demo-admin'), params: { orgId: 'wuxing' } });
    expectError(county, 400, 'VALIDATION_FAILED');
    expect(county.body.error.details).toEqual([expect.objectContaining({ path: 'orgId' })]);
  });
});

describe('POST /v1/moderation/{kind}/{id}/decision', () => {
  it('approves a pending idea: members see it with its status, the author sees the outcome, it leaves the queue', async () => {
    // Prepare
    const author = members[0];
    const id = await pendingIdea(author, '开展一次政治生日活动');
    expectError(await call('getIdea', { token: members[3].token, params: { ideaId: id } }), 404, 'NOT_FOUND');
    // Act
    const res = await decide(secretary.token, 'idea', id, { decision: 'approve' });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'idea', id, outcome: { decision: 'approved', decidedAt: expect.any(String) } });
    const seen = await call('getIdea', { token: members[3].token, params: { ideaId: id } });
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('open');
    const listed = await call('listIdeas', { token: members[3].token, params: { branchId: BRANCH }, query: { limit: 50 } });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await call('getIdea', { token: author.token, params: { ideaId: id } })).body.review).toMatchObject({ decision: 'approved' });
    expect(keysOf(await queue(secretary.token, BRANCH))).not.toContain(`idea:${id}`);
    expect(keysOf(await queue(townshipAdmin.token, TOWNSHIP))).not.toContain(`idea:${id}`);
  });

  it('queues an idea three members reported, and a rejection keeps it hidden with the reason the author is told', async () => {
    // Prepare: an open idea, reported by three members; its author asked for the "answered" message
    const author = members[4];
    await grantOne(author, 'idea_answered');
    const created = await call('createIdea', { token: author.token, params: { branchId: BRANCH }, body: { title: '周末组织打牌比赛', content: '周末在活动室组织打牌比赛，丰富党员生活。', category: 'other' } });
    const id = created.body.id;
    for (const reporter of members.slice(0, 3)) {
      expect((await call('reportIdea', { token: reporter.token, params: { ideaId: id }, body: { reason: 'off_topic' } })).status).toBe(202);
    }
    const queued = (await queue(secretary.token, BRANCH)).find((i) => i.id === id);
    const before = (await messagesTo(author.openid, 'tmpl-idea_answered')).length;
    // Act
    const res = await decide(townshipAdmin.token, 'idea', id, { decision: 'reject', reason: '与主题党日无关，不予采纳' });
    // Assess
    expect(queued).toMatchObject({ kind: 'idea', why: 'reported', reportCount: 3 });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toMatchObject({ decision: 'rejected', reason: '与主题党日无关，不予采纳' });
    const mine = await call('getIdea', { token: author.token, params: { ideaId: id } });
    expect(mine.body).toMatchObject({ status: 'hidden', review: { decision: 'rejected', reason: '与主题党日无关，不予采纳' } });
    expectError(await call('getIdea', { token: members[5].token, params: { ideaId: id } }), 404, 'NOT_FOUND');
    expect(keysOf(await queue(secretary.token, BRANCH))).not.toContain(`idea:${id}`);
    await outboxSettled(`idea#${id}`);
    const sent = (await messagesTo(author.openid, 'tmpl-idea_answered')).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({ thing1: { value: '周末组织打牌比赛' }, phrase2: { value: '未通过审核' } });
    expect(sent[0].data.thing3.value).toContain('与主题党日无关');
  });

  it('takes a reported idea out of the queue when the secretary restores it (an approval)', async () => {
    // Prepare: answered, then reported by three members
    const author = members[5];
    const id = (await call('createIdea', { token: author.token, params: { branchId: BRANCH }, body: { title: '为老党员过政治生日', content: '给入党五十年的老党员过一次政治生日。', category: 'political_birthday' } })).body.id;
    await call('answerIdea', { token: secretary.token, params: { ideaId: id }, body: { status: 'accepted', reply: '下个月安排' } });
    for (const reporter of members.slice(0, 3)) await call('reportIdea', { token: reporter.token, params: { ideaId: id }, body: { reason: 'spam' } });
    expect(keysOf(await queue(secretary.token, BRANCH))).toContain(`idea:${id}`);
    // Act
    const restored = await call('restoreIdea', { token: secretary.token, params: { ideaId: id } });
    // Assess
    expect(restored.body).toMatchObject({ status: 'accepted', review: { decision: 'approved' } });
    expect(keysOf(await queue(secretary.token, BRANCH))).not.toContain(`idea:${id}`);
    expectError(await decide(secretary.token, 'idea', id, { decision: 'reject', reason: '已恢复' }), 409, 'CONFLICT');
  });

  it.each([
    ['no reason', { decision: 'reject' }],
    ['an empty reason', { decision: 'reject', reason: '   ' }],
    ['a reason over 200 characters', { decision: 'reject', reason: '理'.repeat(201) }],
  ])('answers 400 to a rejection with %s, and the item keeps waiting', async (_what, body) => {
    const id = await pendingIdea(members[1], '学习新修订的党章');
    const res = await decide(secretary.token, 'idea', id, body);
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(res.body.error.details.map(() => 'reason'));
    expect(keysOf(await queue(secretary.token, BRANCH))).toContain(`idea:${id}`);
  });

  it('answers 409 to a second decision, and lets only one of two moderators deciding at once win', async () => {
    // Prepare
    const once = await pendingIdea(members[2], '重温入党誓词');
    const raced = await pendingIdea(members[2], '集中交纳党费');
    // Act
    const first = await decide(secretary.token, 'idea', once, { decision: 'approve' });
    const again = await decide(townshipAdmin.token, 'idea', once, { decision: 'reject', reason: '重复' });
    const both = await Promise.all([
      decide(secretary.token, 'idea', raced, { decision: 'approve' }),
      decide(townshipAdmin.token, 'idea', raced, { decision: 'reject', reason: '内容不当' }),
    ]);
    // Assess
    expect(first.status).toBe(200);
    expectError(again, 409, 'CONFLICT');
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = both.find((r) => r.status === 409)!;
    expectError(loser, 409, 'CONFLICT');
    const winner = both.find((r) => r.status === 200)!;
    const idea = await call('getIdea', { token: members[2].token, params: { ideaId: raced } });
    expect(idea.body.review.decision).toBe(winner.body.outcome.decision);
  });

  it('answers 404 to people who may not moderate the item, and to unknown items', async () => {
    const id = await pendingIdea(members[3], '参观南太湖党建馆');
    expectError(await decide(otherSecretary.token, 'idea', id, { decision: 'approve' }), 404, 'NOT_FOUND');
    expectError(await decide(members[4].token, 'idea', id, { decision: 'approve' }), 404, 'NOT_FOUND');
    expectError(await decide(members[3].token, 'idea', id, { decision: 'approve' }), 404, 'NOT_FOUND');
    expectError(await decide(secretary.token, 'idea', '01JUNKNOWN0000000000000000', { decision: 'approve' }), 404, 'NOT_FOUND');
    expectError(await decide(secretary.token, 'reflection', 'no-separator', { decision: 'approve' }), 404, 'NOT_FOUND');
    expectError(await decide(secretary.token, 'notice', id, { decision: 'approve' }), 400, 'VALIDATION_FAILED');
    expect(keysOf(await queue(secretary.token, BRANCH))).toContain(`idea:${id}`);
  });

  it('approves one reflection, which still counts, and rejects another, which no longer counts as online', async () => {
    // Prepare: two members write reflections the content check wants reviewed
    const [kept, refused] = [members[2], members[3]];
    for (const m of [kept, refused]) {
      const res = await call('participateOnline', { token: m.token, params: { id: dayId }, body: { content: `${REVIEW}线上学习了本次主题党日的内容，收获很大。` } });
      expect(res.status).toBe(201);
    }
    // Act
    const approved = await decide(secretary.token, 'reflection', `${dayId}_${kept.userId}`, { decision: 'approve' });
    const rejected = await decide(secretary.token, 'reflection', `${dayId}_${refused.userId}`, { decision: 'reject', reason: '心得与本次主题无关' });
    // Assess
    expect(approved.status).toBe(200);
    expect(rejected.status).toBe(200);
    const keptView = (await call('getThemeDay', { token: kept.token, params: { id: dayId } })).body;
    expect(keptView.myReflection).toMatchObject({ reviewStatus: 'published', review: { decision: 'approved' } });
    expect(keptView.mine.status).toBe('online');
    const refusedView = (await call('getThemeDay', { token: refused.token, params: { id: dayId } })).body;
    expect(refusedView.myReflection).toMatchObject({ reviewStatus: 'rejected', review: { decision: 'rejected', reason: '心得与本次主题无关' } });
    expect(refusedView.mine?.status).toBeUndefined();
    const left = keysOf(await queue(secretary.token, BRANCH));
    expect(left).not.toContain(`reflection:${dayId}_${kept.userId}`);
    expect(left).not.toContain(`reflection:${dayId}_${refused.userId}`);
    expectError(await decide(secretary.token, 'reflection', `${dayId}_${kept.userId}`, { decision: 'approve' }), 409, 'CONFLICT');
  });

  it('lets township staff approve one concern, which carries on, and reject another, which is not accepted; secretaries cannot', async () => {
    // Prepare: two residents of the village raise concerns the content check wants reviewed
    const [a, b] = [await freshUser('mod-res'), await freshUser('mod-res')];
    await grantOne(b, 'concern_update');
    const raise = async (token: string) =>
      (await call('raiseConcern', { token, body: { villageId: CONCERN_VILLAGE, category: 'environment', title: '河道有垃圾', content: `${REVIEW}村东头河道漂着很多垃圾。` } })).body;
    const [ca, cb] = [await raise(a.token), await raise(b.token)];
    // Act
    const bySecretary = await decide(concernVillageSecretary.token, 'concern', ca.id, { decision: 'approve' });
    const byOtherTownship = await decide(townshipAdmin.token, 'concern', ca.id, { decision: 'approve' });
    const approved = await decide(concernAdmin.token, 'concern', ca.id, { decision: 'approve' });
    const rejected = await decide(concernAdmin.token, 'concern', cb.id, { decision: 'reject', reason: '含有不实信息，请核实后重新反映' });
    // Assess
    expectError(bySecretary, 404, 'NOT_FOUND');
    expectError(byOtherTownship, 404, 'NOT_FOUND');
    expect(approved.status).toBe(200);
    expect(rejected.status).toBe(200);
    const viewA = (await call('getConcern', { token: a.token, params: { id: ca.id } })).body;
    expect(viewA).toMatchObject({ status: 'submitted', review: { decision: 'approved' } });
    expect(viewA.pendingReview).toBeUndefined();
    expect(viewA.timeline.map((t: { action: string }) => t.action)).toEqual(['submitted', 'review_approve']);
    const viewB = (await call('getConcern', { token: b.token, params: { id: cb.id } })).body;
    expect(viewB).toMatchObject({ status: 'rejected', rejectReason: '含有不实信息，请核实后重新反映', review: { decision: 'rejected', reason: '含有不实信息，请核实后重新反映' } });
    expect(viewB.timeline.at(-1)).toMatchObject({ action: 'review_reject', note: '含有不实信息，请核实后重新反映' });
    expect(viewB.timeline.at(-1).by).toContain('乡镇');
    const left = keysOf(await queue(concernAdmin.token, CONCERN_TOWNSHIP));
    expect(left).not.toContain(`concern:${ca.id}`);
    expect(left).not.toContain(`concern:${cb.id}`);
    await outboxSettled(`concern#${cb.id}`);
    const sent = await messagesTo(b.openid, 'tmpl-concern_update');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({ character_string1: { value: cb.trackingNo }, phrase2: { value: '不予受理' } });
  });
});

describe('moderation queue pages', () => {
  it('pages through a branch with a tamper-evident cursor, one Query a page whatever the township holds', async () => {
    // Prepare: five pending ideas in the branch (more wait elsewhere in the township)
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await pendingIdea(members[5], `分页创意${i}`));
    // Act
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await call('listModeration', { token: secretary.token, params: { orgId: BRANCH }, query: { limit: 2, cursor } });
      expect(res.status).toBe(200);
      sizes.push(res.body.items.length);
      seen.push(...keysOf(res.body.items));
      cursor = res.body.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 50);
    const first = await call('listModeration', { token: secretary.token, params: { orgId: BRANCH }, query: { limit: 2 } });
    const forged = `${first.body.nextCursor.slice(0, -4)}AAAA`;
    const branchPage = await listQueue(queueScope(['huzhou', 'wuxing', TOWNSHIP, VILLAGE, BRANCH])!, 2);
    // Assess
    expect(seen).toEqual(expect.arrayContaining(ids.map((id) => `idea:${id}`)));
    expect(new Set(seen).size).toBe(seen.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
    expectError(await call('listModeration', { token: secretary.token, params: { orgId: BRANCH }, query: { limit: 2, cursor: forged } }), 400, 'BAD_CURSOR');
    expectError(await call('listModeration', { token: secretary.token, params: { orgId: BRANCH }, query: { limit: 51 } }), 400, 'VALIDATION_FAILED');
    expect(branchPage.scannedCount).toBe(2);
  });
});
