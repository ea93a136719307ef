// Subscribe grants and the messages they pay for, against the fake WeChat server started for the run.
import { closeDb, outboxSettled } from './db';
import { call, login } from './http';
import { grantAtWeChat, messagesTo } from './wechat-fake';

afterAll(closeDb);

describe('subscribe grants', () => {
  it('are counted per template from what the app reports', async () => {
    const token = await login('demo-member-6');
    const res = await call('recordSubscriptions', {
      token,
      body: { results: [{ template: 'idea_answered', accepted: true }, { template: 'concern_update', accepted: false }] },
    });
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.body.templates.map((t: { key: string; grants: number }) => [t.key, t.grants]));
    expect(byKey.idea_answered).toBeGreaterThanOrEqual(1);
    expect(byKey.concern_update).toBe(0);
    expect(res.body.templates.find((t: { key: string }) => t.key === 'idea_answered').templateId).toBe('tmpl-idea_answered');
  });

  it('pay for the "idea answered" message the author is waiting for, once', async () => {
    // Prepare: the author grants once in the app and at WeChat
    const author = await login('demo-member-7');
    expect((await call('recordSubscriptions', { token: author, body: { results: [{ template: 'idea_answered', accepted: true }] } })).status).toBe(200);
    await grantAtWeChat('demo-member-7', 'tmpl-idea_answered', 1);
    const before = (await messagesTo('demo-member-7', 'tmpl-idea_answered')).length;
    const idea = await call('createIdea', { token: author, params: { branchId: 'yucun-dzb' }, body: { title: '组织一次党史学习', content: '学习湖州红色故事', category: 'study' } });
    expect(idea.status).toBe(201);
    const secretary = await login('demo-secretary-1');
    // Act: answered twice; only one grant to spend
    const answers = [
      await call('answerIdea', { token: secretary, params: { ideaId: idea.body.id }, body: { status: 'evaluating', reply: '评估中' } }),
      await call('answerIdea', { token: secretary, params: { ideaId: idea.body.id }, body: { status: 'accepted', reply: '采纳' } }),
    ];
    // Assess
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await outboxSettled(`idea#${idea.body.id}`);
    const sent = (await messagesTo('demo-member-7', 'tmpl-idea_answered')).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].data.thing1.value).toBe('组织一次党史学习');
  });
});
