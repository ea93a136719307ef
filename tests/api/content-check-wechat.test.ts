// The deployed content checker (`CONTENT_CHECKER=wechat`) end to end: a second API server of this run checks every
// text with msgSecCheck at the fake WeChat server. If a service stopped passing its author's openid, WeChat would
// answer nothing useful and every post would wait for review: these tests would see the wrong openid or scene.
import type { Offline } from '../../scripts/lib/offline';
import { startSecondApi } from '../setup/second-api';
import { ideaKeys } from '../../functions/ideas/idea.entity';
import { closeDb, itemAt } from './db';
import { call, expectError, type CallOptions } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';
import { secChecksWith } from './wechat-fake';
import type { RouteName } from '@shared/routes';

let api: Offline;
let org: OwnTownship;
let author: Person;
let secretary: Person;
let themeDayId: string;

/** A call to the API that runs the WeChat checker. */
const viaWechat = (name: RouteName, opts: CallOptions) => call(name, { ...opts, apiUrl: api.url });
/** A marker no other text of the run contains, so the fake's record of this check is ours alone. */
const tag = (what: string) => `${what}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  [api, org] = await Promise.all([startSecondApi({ CONTENT_CHECKER: 'wechat' }), ownTownship('wxcheck')]);
  [author] = await withGrant('member', org.branchId, 1);
  [secretary] = await withGrant('secretary', org.branchId, 1);
  // A day that has started, open to online participation (reflections are checked in WeChat's 社交日志 scene).
  const created = await call('createThemeDay', {
    token: secretary.token,
    params: { branchId: org.branchId },
    body: { title: '线上学习', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: true },
  });
  expect(created.status).toBe(201);
  themeDayId = created.body.id;
  expect((await call('publishThemeDay', { token: secretary.token, params: { id: themeDayId } })).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await api?.stop();
  closeDb();
});

describe('CONTENT_CHECKER=wechat', () => {
  it('asks WeChat about an idea with its author’s openid in the 论坛 scene, and publishes what passes', async () => {
    // Prepare
    const marker = tag('pass');
    // Act
    const res = await viaWechat('createIdea', { token: author.token, params: { branchId: org.branchId }, body: { title: '参观党史馆', content: `正常的创意 ${marker}`, category: 'visit' } });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('open');
    expect(await secChecksWith(marker)).toEqual([expect.objectContaining({ openid: author.openid, scene: 3 })]);
    expect(await itemAt(ideaKeys.idea(res.body.id))).toMatchObject({ moderation: 'visible', authorId: author.userId });
  });

  it('rejects an idea WeChat calls risky with 422 and stores nothing', async () => {
    const marker = tag('risky');
    const res = await viaWechat('createIdea', { token: author.token, params: { branchId: org.branchId }, body: { title: '【风险】标题', content: `内容 ${marker}`, category: 'other' } });
    expectError(res, 422, 'CONTENT_REJECTED');
    expect(await secChecksWith(marker)).toEqual([expect.objectContaining({ openid: author.openid, scene: 3 })]);
    const listed = await call('listIdeas', { token: secretary.token, params: { branchId: org.branchId }, query: { limit: 50 } });
    expect(listed.body.items.filter((i: { content: string }) => i.content.includes(marker))).toEqual([]);
  });

  it('keeps an idea WeChat wants reviewed, in the township’s moderation queue', async () => {
    const marker = tag('review');
    const res = await viaWechat('createIdea', { token: author.token, params: { branchId: org.branchId }, body: { title: '【复核】标题', content: `内容 ${marker}`, category: 'other' } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending_review');
    expect(await secChecksWith(marker)).toEqual([expect.objectContaining({ openid: author.openid, scene: 3 })]);
    const queue = await call('listModeration', { token: secretary.token, params: { orgId: org.branchId }, query: { limit: 50 } });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
  });

  it('keeps for review, never publishes, an idea WeChat does not answer in time', async () => {
    const marker = tag('timeout');
    const res = await viaWechat('createIdea', { token: author.token, params: { branchId: org.branchId }, body: { title: '【超时】标题', content: `内容 ${marker}`, category: 'other' } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending_review');
    expect(await secChecksWith(marker)).toEqual([expect.objectContaining({ openid: author.openid })]);
    expect(await itemAt(ideaKeys.idea(res.body.id))).toMatchObject({ moderation: 'pending_review', queuedAt: expect.any(String) });
  });

  it('checks a reflection in the 社交日志 scene and a concern in the 论坛 scene, each with its author’s openid', async () => {
    // Prepare
    const reflection = tag('reflection');
    const concern = tag('concern');
    // Act
    const online = await viaWechat('participateOnline', { token: author.token, params: { id: themeDayId }, body: { content: `【复核】线上学习了党章，写下心得 ${reflection}` } });
    const raised = await viaWechat('raiseConcern', { token: author.token, body: { villageId: org.villageId, category: 'environment', title: '垃圾清运', content: `村口垃圾桶已满 ${concern}` } });
    // Assess
    expect(online.status).toBe(201);
    expect(online.body.reviewStatus).toBe('pending_review');
    expect(await secChecksWith(reflection)).toEqual([expect.objectContaining({ openid: author.openid, scene: 4 })]);
    expect(raised.status).toBe(201);
    expect(raised.body.pendingReview).toBeFalsy();
    expect(await secChecksWith(concern)).toEqual([expect.objectContaining({ openid: author.openid, scene: 3 })]);
  });
});
