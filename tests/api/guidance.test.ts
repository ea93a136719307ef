// 乡镇指导: township staff comment on and rate a branch's theme day; anyone may read the guidance of a published day,
// only the branch and staff above it that of a draft. A township of this file's own.
import { DAY_MS, HOUR_MS } from '@shared/time';
import { call, expectError } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

let org: OwnTownship;
let secretary: Person;
let member: Person;
let staff: Person;
let outsider: Person;

const UNKNOWN = '01JUNKNOWN0000000000000000';

/** A day that has begun (guidance is on what was held); a draft is 10 days ahead. */
async function newDay(publish = true): Promise<string> {
  const startsAt = publish ? Date.now() - 60_000 : Date.now() + 10 * DAY_MS;
  const created = await call('createThemeDay', {
    token: secretary.token,
    params: { branchId: org.branchId },
    body: { title: '学习党章', startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR_MS).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: false },
  });
  expect(created.status).toBe(201);
  if (publish) expect((await call('publishThemeDay', { token: secretary.token, params: { id: created.body.id } })).status).toBe(200);
  return created.body.id;
}

beforeAll(async () => {
  org = await ownTownship('guide');
  const other = await ownTownship('guidex');
  [[secretary], [member], [staff], [outsider]] = await Promise.all([
    withGrant('secretary', org.branchId, 1),
    withGrant('member', org.branchId, 1),
    withGrant('township_admin', org.townshipId, 1, 'demo-admin'),
    withGrant('secretary', other.branchId, 1),
  ]);
}, 120_000);

describe('GET /v1/theme-days/{id}/guidance', () => {
  it('lists the guidance given on a day, oldest first, with the giver’s name, without a token', async () => {
    // Prepare
    const id = await newDay();
    const first = await call('giveGuidance', { token: staff.token, params: { id }, body: { comment: '议程完整，组织有序。', rating: 5 } });
    const second = await call('giveGuidance', { token: staff.token, params: { id }, body: { comment: '建议增加互动讨论环节。', rating: 4 } });
    expect([first.status, second.status]).toEqual([201, 201]);
    // Act
    const res = await call('listGuidance', { params: { id } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: first.body.id, themeDayId: id, comment: '议程完整，组织有序。', rating: 5, byName: first.body.byName, createdAt: first.body.createdAt },
      { id: second.body.id, themeDayId: id, comment: '建议增加互动讨论环节。', rating: 4, byName: first.body.byName, createdAt: second.body.createdAt },
    ]);
    expect(first.body.byName).not.toBe('');
  });

  it('is empty for a day without guidance, and only that day’s guidance shows', async () => {
    const guided = await newDay();
    const quiet = await newDay();
    expect((await call('giveGuidance', { token: staff.token, params: { id: guided }, body: { comment: '很好。', rating: 5 } })).status).toBe(201);
    const res = await call('listGuidance', { params: { id: quiet } });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('shows a draft’s guidance to the branch and staff only: 404 for the public and another branch', async () => {
    const draft = await newDay(false);
    expectError(await call('listGuidance', { params: { id: draft } }), 404, 'NOT_FOUND');
    expectError(await call('listGuidance', { token: outsider.token, params: { id: draft } }), 404, 'NOT_FOUND');
    expect((await call('listGuidance', { token: member.token, params: { id: draft } })).body).toEqual({ items: [] });
    expect((await call('listGuidance', { token: staff.token, params: { id: draft } })).status).toBe(200);
  });

  it('answers 404 for an unknown day and 400 for a malformed id', async () => {
    expectError(await call('listGuidance', { params: { id: UNKNOWN } }), 404, 'NOT_FOUND');
    expectError(await call('listGuidance', { params: { id: 'bad$id' } }), 400, 'VALIDATION_FAILED');
  });
});

describe('POST /v1/theme-days/{id}/guidance refusals', () => {
  it('400 for an empty comment or a rating out of 1–5, storing nothing', async () => {
    const id = await newDay();
    const empty = await call('giveGuidance', { token: staff.token, params: { id }, body: { comment: ' ', rating: 5 } });
    const tooHigh = await call('giveGuidance', { token: staff.token, params: { id }, body: { comment: '很好。', rating: 6 } });
    expectError(empty, 400, 'VALIDATION_FAILED');
    expect(empty.body.error.details).toEqual([expect.objectContaining({ path: 'comment' })]);
    expectError(tooHigh, 400, 'VALIDATION_FAILED');
    expect(tooHigh.body.error.details).toEqual([expect.objectContaining({ path: 'rating' })]);
    expect((await call('listGuidance', { params: { id } })).body.items).toEqual([]);
  });

  it('403 for the branch’s secretary and member, 404 for an unknown day and a draft, 409 for a cancelled day', async () => {
    const id = await newDay();
    const draft = await newDay(false);
    const cancelled = await newDay();
    expect((await call('cancelThemeDay', { token: secretary.token, params: { id: cancelled }, body: { reason: '台风' } })).status).toBe(200);
    const body = { comment: '自评很好。', rating: 5 };
    expectError(await call('giveGuidance', { token: secretary.token, params: { id }, body }), 403, 'FORBIDDEN');
    expectError(await call('giveGuidance', { token: member.token, params: { id }, body }), 403, 'FORBIDDEN');
    expectError(await call('giveGuidance', { token: staff.token, params: { id: UNKNOWN }, body }), 404, 'NOT_FOUND');
    expectError(await call('giveGuidance', { token: staff.token, params: { id: draft }, body }), 404, 'NOT_FOUND');
    expectError(await call('giveGuidance', { token: staff.token, params: { id: cancelled }, body }), 409, 'INVALID_STATE');
    expect((await call('listGuidance', { params: { id } })).body.items).toEqual([]);
  });
});
