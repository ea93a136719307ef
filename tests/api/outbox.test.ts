// The transactional outbox: WeChat being down never fails or delays a user's action; every message arrives exactly
// once after WeChat is back; a message WeChat never takes becomes a dead letter admins can list.
import { DAY_MS, shanghaiDate } from '@shared/time';
import { outboxKeys } from '../../functions/notifications/outbox.entity';
import { closeDb, outboxSettled, partition } from './db';
import { call, expectError, login, type CallResult } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';
import { grantAtWeChat, messagesTo, refusedSends, wechatOutage } from './wechat-fake';

afterAll(closeDb);

const someday = (days: number, time: string) => `${shanghaiDate(Date.now() + days * DAY_MS)}T${time}:00+08:00`;

/** Polls `check` until it holds: waits on state, never a fixed sleep (the test's own timeout bounds it). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; !(await check()); tries++) {
    if (tries > 600) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The outbox events about one subject. */
const events = (subject: string) => partition(outboxKeys.subject(subject));

/** The user asked for one message of the template in the app, and WeChat holds the matching grant. */
async function subscribe(p: Person, template: string): Promise<void> {
  const res = await call('recordSubscriptions', { token: p.token, body: { results: [{ template, accepted: true }] } });
  expect(res.status).toBe(200);
  await grantAtWeChat(p.openid, `tmpl-${template}`, 1);
}

/** A request timed: the answer and how long it took. */
async function timed(res: Promise<CallResult>): Promise<CallResult & { ms: number }> {
  const t0 = Date.now();
  const r = await res;
  return { ...r, ms: Date.now() - t0 };
}

let org: OwnTownship;
let secretary: Person;
let official: Person;
let members: Person[];
let resident: Person;

beforeAll(async () => {
  org = await ownTownship('outbox');
  [[secretary], [official], members, [resident]] = await Promise.all([
    withGrant('secretary', org.branchId, 1),
    withGrant('official', org.stationId, 1),
    withGrant('member', org.branchId, 3),
    withGrant('member', org.branchId, 1),
  ]) as [Person[], Person[], Person[], Person[]];
}, 120_000);

describe('the outbox', () => {
  it('keeps every action fast while WeChat is down, and delivers each message exactly once after it is back', async () => {
    // Prepare: members wait for the day's preview, the idea's author for the answer, the resident for the concern
    const [author] = members;
    await Promise.all([...members.map((m) => subscribe(m, 'theme_day_published')), subscribe(author!, 'idea_answered'), subscribe(resident, 'concern_update')]);
    const day = await call('createThemeDay', {
      token: secretary.token,
      params: { branchId: org.branchId },
      body: { title: '学习新党章', startsAt: someday(30, '09:00'), endsAt: someday(30, '11:00'), location: '村委会', agenda: ['学习'], onlineParticipation: false },
    });
    const idea = await call('createIdea', { token: author!.token, params: { branchId: org.branchId }, body: { title: '办一次党史讲座', content: '请老党员讲村史', category: 'study' } });
    const concern = await call('raiseConcern', {
      token: resident.token,
      body: { villageId: org.villageId, category: 'environment', title: '路灯不亮', content: '村东头路灯坏了三天。' },
    });
    expect([day.status, idea.status, concern.status]).toEqual([201, 201, 201]);
    const everyone = [...members, resident].map((p) => p.openid);
    await wechatOutage(everyone, true);

    // Act: publish, answer and move the concern while WeChat is down
    const answers = [
      await timed(call('publishThemeDay', { token: secretary.token, params: { id: day.body.id } })),
      await timed(call('answerIdea', { token: secretary.token, params: { ideaId: idea.body.id }, body: { status: 'accepted', reply: '采纳，下月举办' } })),
      await timed(call('transitionConcern', { token: official.token, params: { id: concern.body.id }, body: { action: 'reject', note: '已转交供电所处理' } })),
    ];
    // WeChat refuses several tries of each message before it comes back
    await until('several refused tries per recipient', async () => {
      const refused = await refusedSends();
      return everyone.every((o) => (refused[o] ?? 0) >= 3);
    });
    const duringOutage = (await Promise.all(members.map((m) => messagesTo(m.openid, 'tmpl-theme_day_published')))).map((l) => l.length);
    await wechatOutage(everyone, false);
    const subjects = [`themeday#${day.body.id}`, `idea#${idea.body.id}`, `concern#${concern.body.id}`];
    for (const subject of subjects) await outboxSettled(subject);

    // Assess: each action answered at once, with its normal status
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    for (const a of answers) expect(a.ms).toBeLessThan(3000);
    expect(duringOutage).toEqual(members.map(() => 0));
    // …and each message arrived exactly once
    for (const m of members) expect(await messagesTo(m.openid, 'tmpl-theme_day_published')).toHaveLength(1);
    const [answered] = await messagesTo(author!.openid, 'tmpl-idea_answered');
    expect(await messagesTo(author!.openid, 'tmpl-idea_answered')).toHaveLength(1);
    expect(answered!.data.thing1.value).toBe('办一次党史讲座');
    const updates = await messagesTo(resident.openid, 'tmpl-concern_update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.data.thing3.value).toBe('已转交供电所处理');
    for (const subject of subjects) expect((await events(subject)).map((e) => e.state)).toEqual(['done']);
  }, 120_000);

  it('turns a message WeChat never takes into a dead letter admins can list, and gives the grant back', async () => {
    // Prepare: an author waiting for the answer, and WeChat down for them for good
    const [author] = await withGrant('member', org.branchId, 1);
    await subscribe(author!, 'idea_answered');
    const idea = await call('createIdea', { token: author!.token, params: { branchId: org.branchId }, body: { title: '收不到的回复', content: '微信一直不可用', category: 'other' } });
    await wechatOutage([author!.openid], true);
    // Act
    const answered = await timed(call('answerIdea', { token: secretary.token, params: { ideaId: idea.body.id }, body: { status: 'evaluating', reply: '评估中' } }));
    const subject = `idea#${idea.body.id}`;
    await outboxSettled(subject);
    await wechatOutage([author!.openid], false);
    // Assess: the answer was saved and answered at once; the event is dead after its last try
    expect(answered.status).toBe(200);
    expect(answered.ms).toBeLessThan(3000);
    const [event] = await events(subject);
    expect(event).toMatchObject({ state: 'dead', attempts: 10 });
    const admin = await login('demo-admin');
    let found: any;
    let cursor: string | undefined;
    do {
      const page = await call('listDeadLetters', { token: admin, query: { limit: 50, ...(cursor ? { cursor } : {}) } });
      expect(page.status).toBe(200);
      found = page.body.items.find((d: { eventId: string }) => d.eventId === event!.id);
      cursor = page.body.nextCursor ?? undefined;
    } while (!found && cursor);
    expect(found).toMatchObject({ subject, template: 'idea_answered', attempts: 10, failed: [{ userId: author!.userId, error: expect.stringContaining('503') }] });
    // Nobody but admins sees them; nothing was sent, and the grant the failed tries spent is back
    expectError(await call('listDeadLetters', { token: secretary.token }), 403, 'FORBIDDEN');
    expect(await messagesTo(author!.openid, 'tmpl-idea_answered')).toHaveLength(0);
    const subs = await call('mySubscriptions', { token: author!.token });
    expect(subs.body.templates.find((t: { key: string }) => t.key === 'idea_answered').grants).toBe(1);
  }, 120_000);
});
