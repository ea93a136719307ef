// The "1+X" political birthday (issue 15): the secretary records the oath and the extras, the month's list shows who
// was celebrated, and the member's card shows their years in the party and can be opened by whoever they share it with.
import { shanghaiMonth, shiftMonth } from '@shared/time';
import { closeDb } from './db';
import { call, expectError, freshUser } from './http';
import { ownTownship } from './own-orgs';
import { withGrant } from './people';

afterAll(closeDb);

describe('1+X political birthdays', () => {
  it('records the oath and extras, marks the month list and gives the member a shareable card', async () => {
    // Prepare: a branch of our own; a member who joined ten years ago this month, another whose anniversary is next month
    const org = await ownTownship('birthday');
    const [[secretary], [hero, later]] = await Promise.all([withGrant('secretary', org.branchId, 1), withGrant('member', org.branchId, 2)]);
    const month = shanghaiMonth();
    const year = Number(month.slice(0, 4));
    const joined = `${year - 10}-${month.slice(5)}-01`;
    const next = shiftMonth(month, 1);
    for (const [who, on] of [[hero!, joined], [later!, `${Number(next.slice(0, 4)) - 3}-${next.slice(5)}-01`]] as const) {
      expect((await call('updateMember', { token: secretary!.token, params: { branchId: org.branchId, userId: who.userId }, body: { joinedPartyOn: on } })).status).toBe(200);
    }
    const cardOf = (token: string, userId = hero!.userId) => call('birthdayCard', { token, params: { branchId: org.branchId, userId, year: String(year) } });
    const friend = await freshUser('birthday-friend');
    expectError(await cardOf(friend.token), 404, 'NOT_FOUND'); // not celebrated yet: not shared
    expect((await cardOf(hero!.token)).body).toMatchObject({ years: 10, joinedPartyOn: joined, celebration: null });

    // Act
    const rec = await call('celebrateBirthday', {
      token: secretary!.token,
      params: { branchId: org.branchId, userId: hero!.userId, year: String(year) },
      body: { oath: true, extras: ['gift_book', 'talk'], note: '在党旗下重温入党誓词' },
    });

    // Assess
    expect(rec.status).toBe(200);
    expect(rec.body).toMatchObject({ userId: hero!.userId, year, oath: true, extras: ['gift_book', 'talk'] });
    const list = await call('politicalBirthdays', { token: secretary!.token, params: { branchId: org.branchId }, query: { month } });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ userId: hero!.userId, years: 10, celebration: { oath: true, extras: ['gift_book', 'talk'] } });
    const card = await cardOf(friend.token);
    expect(card.status).toBe(200);
    const [admin] = await withGrant('township_admin', org.townshipId, 1);
    const audit = (await call('listAudit', { token: admin!.token, query: { orgId: org.branchId } })).body.items.filter((e: { action: string }) => e.action === 'birthday.celebrate');
    expect(audit).toEqual([expect.objectContaining({ actorId: secretary!.userId, target: { kind: 'user', id: hero!.userId }, after: { year, oath: true, extras: ['gift_book', 'talk'] } })]);
    expect(card.body).toMatchObject({ displayName: expect.any(String), branchName: org.branchName, years: 10, celebration: { oath: true, extras: ['gift_book', 'talk'] } });

    // Rules: the oath is the fixed "1"; not ahead of the anniversary; only the secretary; only members of the branch
    const celebrate = (token: string, userId: string, body: Record<string, unknown>) =>
      call('celebrateBirthday', { token, params: { branchId: org.branchId, userId, year: String(year) }, body });
    expectError(await celebrate(secretary!.token, hero!.userId, { oath: false, extras: ['visit'] }), 400, 'VALIDATION_FAILED');
    expectError(await celebrate(secretary!.token, hero!.userId, { oath: true, extras: ['talk', 'talk'] }), 400, 'VALIDATION_FAILED');
    if (next.slice(0, 4) === month.slice(0, 4)) expectError(await celebrate(secretary!.token, later!.userId, { oath: true, extras: [] }), 409, 'INVALID_STATE');
    expectError(await celebrate(hero!.token, hero!.userId, { oath: true, extras: [] }), 403, 'FORBIDDEN');
    expectError(await celebrate(secretary!.token, friend.userId, { oath: true, extras: [] }), 404, 'NOT_FOUND');
  });
});
