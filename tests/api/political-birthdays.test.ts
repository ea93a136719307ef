// Political birthdays (政治生日): a branch's list for a month, and the daily job that greets members on the day through
// the outbox, which sends to the fake WeChat server started for the run.
import { runPoliticalBirthdays } from '../../functions/jobs/political-birthdays';
import { closeDb, outboxSettled } from './db';
import { call, expectError, freshUser, login } from './http';
import { grantAtWeChat, messagesTo } from './wechat-fake';
import { shanghaiDate } from '@shared/time';

afterAll(closeDb);

const BRANCH = 'yucun-dzb';
/** This year in Asia/Shanghai, read when a test runs (never a year written into the test). */
const thisYear = () => Number(shanghaiDate().slice(0, 4));

describe('GET /v1/branches/{branchId}/political-birthdays', () => {
  it('lists the members whose party anniversary falls in the month, with their years', async () => {
    const me = (await call('getMe', { token: await login('demo-member-1') })).body;
    const year = thisYear();
    const month = `${year}-${me.joinedPartyOn.slice(5, 7)}`;
    const res = await call('politicalBirthdays', { token: await login('demo-member-2'), params: { branchId: BRANCH }, query: { month } });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([{ userId: me.id, displayName: me.displayName, joinedPartyOn: me.joinedPartyOn, years: year - Number(me.joinedPartyOn.slice(0, 4)), celebration: null }]),
    );
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: { joinedPartyOn: string }) => i.joinedPartyOn.slice(5, 7) === month.slice(5))).toBe(true);
    expectError(await call('politicalBirthdays', { token: await login('demo-resident-1'), params: { branchId: BRANCH }, query: { month } }), 403, 'FORBIDDEN');
    expectError(await call('politicalBirthdays', { token: await login('demo-member-2'), params: { branchId: BRANCH }, query: { month: `${year}-13` } }), 400, 'VALIDATION_FAILED');
  });
});

describe('the political-birthday job', () => {
  it('sends exactly one message per member due, however often it runs', async () => {
    // Prepare: demo-member-3's anniversary; they asked for the message in the app and at WeChat
    const token = await login('demo-member-3');
    const me = (await call('getMe', { token })).body;
    const year = thisYear();
    const date = `${year}-${me.joinedPartyOn.slice(5)}`;
    expect((await call('recordSubscriptions', { token, body: { results: [{ template: 'political_birthday', accepted: true }, { template: 'political_birthday', accepted: true }] } })).status).toBe(200);
    await grantAtWeChat('demo-member-3', 'tmpl-political_birthday', 5);
    // Act
    const first = await runPoliticalBirthdays(date);
    const second = await runPoliticalBirthdays(date);
    await outboxSettled(`user#${me.id}`);
    // Assess: the report spans every member due that day (other files' too): lower bounds; our member's messages exact
    expect(first.due).toBeGreaterThanOrEqual(1);
    expect(first.outcomes.queued).toBeGreaterThanOrEqual(1);
    expect(second.outcomes.already_done).toBeGreaterThanOrEqual(1);
    const sent = await messagesTo('demo-member-3', 'tmpl-political_birthday');
    expect(sent).toHaveLength(1);
    expect(sent[0].data.thing1.value).toContain(`${year - Number(me.joinedPartyOn.slice(0, 4))} 周年`);
  });

  it('greets those who joined on 29 February on the 28th in common years, and on the 29th in leap years', async () => {
    // Prepare: a member who joined on a leap day and asked for the message
    const { token, openid, userId } = await freshUser('leapday');
    expect((await call('updateMe', { token, body: { displayName: '闰日党员', joinedPartyOn: '2004-02-29' } })).status).toBe(200);
    expect((await call('recordSubscriptions', { token, body: { results: [{ template: 'political_birthday', accepted: true }, { template: 'political_birthday', accepted: true }] } })).status).toBe(200);
    await grantAtWeChat(openid, 'tmpl-political_birthday', 2);
    // Act: 2027 has no 29 February; 2028 does
    await runPoliticalBirthdays('2027-02-28');
    await runPoliticalBirthdays('2028-02-28');
    await runPoliticalBirthdays('2028-02-29');
    await outboxSettled(`user#${userId}`);
    // Assess: one message each year, on the right day (the outbox may send them in either order)
    const sent = await messagesTo(openid, 'tmpl-political_birthday');
    expect(sent.map((m) => [m.data.date2.value, m.data.thing1.value]).sort()).toEqual([
      ['2027-02-28', '入党 23 周年政治生日'],
      ['2028-02-29', '入党 24 周年政治生日'],
    ]);
  });
});
