// Subscribe grants and the messages they pay for, against the fake WeChat server started for the run.
import { runPoliticalBirthdays } from '../../functions/jobs/political-birthdays';
import { call, freshUser, login } from './http';

const fake = process.env.WECHAT_API_BASE!;
const post = (path: string, body: unknown) =>
  fetch(`${fake}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const messagesTo = async (openid: string, templateId: string) => {
  const { messages } = (await (await fetch(`${fake}/__fake/messages`)).json()) as { messages: { touser: string; template_id: string; data: Record<string, { value: string }> }[] };
  return messages.filter((m) => m.touser === openid && m.template_id === templateId);
};

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
    await call('recordSubscriptions', { token: author, body: { results: [{ template: 'idea_answered', accepted: true }] } });
    await post('/__fake/grants', { openid: 'demo-member-7', templateId: 'tmpl-idea_answered', count: 1 });
    const before = (await messagesTo('demo-member-7', 'tmpl-idea_answered')).length;
    const idea = await call('createIdea', { token: author, params: { branchId: 'yucun-dzb' }, body: { title: '组织一次党史学习', content: '学习湖州红色故事', category: 'study' } });
    const secretary = await login('demo-secretary-1');
    // Act: answered twice; only one grant to spend
    await call('answerIdea', { token: secretary, params: { ideaId: idea.body.id }, body: { status: 'evaluating', reply: '评估中' } });
    await call('answerIdea', { token: secretary, params: { ideaId: idea.body.id }, body: { status: 'accepted', reply: '采纳' } });
    // Assess
    const sent = (await messagesTo('demo-member-7', 'tmpl-idea_answered')).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].data.thing1.value).toBe('组织一次党史学习');
  });
});

describe('the political-birthday job', () => {
  it('sends exactly one message per member due, however often it runs', async () => {
    // Prepare: demo-member-3's anniversary; they asked for the message in the app and at WeChat
    const token = await login('demo-member-3');
    const me = (await call('getMe', { token })).body;
    const date = `2026-${me.joinedPartyOn.slice(5)}`;
    await call('recordSubscriptions', { token, body: { results: [{ template: 'political_birthday', accepted: true }, { template: 'political_birthday', accepted: true }] } });
    await post('/__fake/grants', { openid: 'demo-member-3', templateId: 'tmpl-political_birthday', count: 5 });
    // Act
    const first = await runPoliticalBirthdays(date);
    const second = await runPoliticalBirthdays(date);
    // Assess
    expect(first.due).toBeGreaterThanOrEqual(1);
    expect(first.outcomes.sent).toBe(1);
    expect(second.outcomes).toMatchObject({ sent: 0, already_done: first.due });
    const sent = await messagesTo('demo-member-3', 'tmpl-political_birthday');
    expect(sent).toHaveLength(1);
    expect(sent[0].data.thing1.value).toContain(`${2026 - Number(me.joinedPartyOn.slice(0, 4))} 周年`);
  });

  it('greets those who joined on 29 February on the 28th in common years, and on the 29th in leap years', async () => {
    // Prepare: a member who joined on a leap day and asked for the message
    const { token, openid } = await freshUser('leapday');
    expect((await call('updateMe', { token, body: { displayName: '闰日党员', joinedPartyOn: '2004-02-29' } })).status).toBe(200);
    await call('recordSubscriptions', { token, body: { results: [{ template: 'political_birthday', accepted: true }, { template: 'political_birthday', accepted: true }] } });
    await post('/__fake/grants', { openid, templateId: 'tmpl-political_birthday', count: 2 });
    // Act: 2027 has no 29 February; 2028 does
    await runPoliticalBirthdays('2027-02-28');
    await runPoliticalBirthdays('2028-02-28');
    await runPoliticalBirthdays('2028-02-29');
    // Assess: one message each year, on the right day
    const sent = await messagesTo(openid, 'tmpl-political_birthday');
    expect(sent.map((m) => [m.data.date2.value, m.data.thing1.value])).toEqual([
      ['2027-02-28', '入党 23 周年政治生日'],
      ['2028-02-29', '入党 24 周年政治生日'],
    ]);
  });
});
