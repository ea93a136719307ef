// Defect 2: an erased person leaves no name, phone or openid anywhere, whatever they did: an idea, an RSVP, a
// concern an official moved and they answered, a booking with a phone. Checked on every stored item (a Scan, which
// only a test may do) and on the concern timeline as the station's official reads it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { HOUR_MS as HOUR, DAY_MS as DAY } from '@shared/time';
import { concernKeys } from '../../functions/concerns/concern.entity';
import { call, login } from './http';
import { putRaw } from './db';
import { withGrant, type Person } from './people';

const BRANCH = 'xucunwan-dzb';
const VILLAGE = 'xiantan';
const STATION = 'st-xiantan';

const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'cn-northwest-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
);
afterAll(() => client.destroy());

/** Every stored item whose text contains any of `needles`. */
async function itemsMentioning(needles: string[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: process.env.TABLE_NAME, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) if (needles.some((n) => JSON.stringify(item).includes(n))) found.push(item);
    start = out.LastEvaluatedKey;
  } while (start);
  return found;
}

let person: Person;
let official: Person;

beforeAll(async () => {
  [[person], [official]] = await Promise.all([withGrant('member', BRANCH, 1), withGrant('official', STATION, 1)]);
});

it('leaves no name, phone or openid behind', async () => {
  // Prepare: a person with a unique name and phone who takes part everywhere
  // The 196 prefix is this test's own: its masked form (196****1234) is then shared with no other test's people.
  const suffix = Date.now().toString().slice(-4);
  const name = `注销者${Math.random().toString(36).slice(2, 7)}`;
  const phone = `1960000${suffix}`;
  const masked = `196****${suffix}`;
  const token = person.token;
  expect((await call('updateMe', { token, body: { displayName: name, phone, villageId: VILLAGE, joinedPartyOn: '2010-07-01' } })).status).toBe(200);
  expect((await call('createIdea', { token, params: { branchId: BRANCH }, body: { title: '注销前的创意', content: '组织一次学习', category: 'study' } })).status).toBe(201);
  const secretary = (await withGrant('secretary', BRANCH, 1))[0];
  const day = await call('createThemeDay', {
    token: secretary.token,
    params: { branchId: BRANCH },
    body: { title: '注销测试党日', startsAt: new Date(Date.now() + 80 * DAY).toISOString(), endsAt: new Date(Date.now() + 80 * DAY + HOUR).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: false },
  });
  await call('publishThemeDay', { token: secretary.token, params: { id: day.body.id } });
  expect((await call('rsvp', { token, params: { id: day.body.id }, body: { response: 'leave', reason: '外出' } })).status).toBe(200);
  const concern = await call('raiseConcern', { token, body: { villageId: VILLAGE, category: 'other', title: '路灯不亮', content: '村口路灯坏了一周', contactPhone: phone } });
  expect(concern.status).toBe(201);
  const id = concern.body.id;
  for (const action of ['start', 'resolve'] as const) {
    expect((await call('transitionConcern', { token: official.token, params: { id }, body: { action, note: '已处理' } })).status).toBe(200);
  }
  expect((await call('concernFeedback', { token, params: { id }, body: { satisfied: false, rating: 2, comment: '还是不亮' } })).status).toBe(200);
  // An entry written before names were resolved at read time: it carried the name.
  await putRaw({ ...concernKeys.timeline(id, new Date().toISOString(), 900), entity: 'timeline', at: new Date().toISOString(), action: 'feedback_unsatisfied', by: `群众 · ${name}`, byUserId: person.userId });
  const start = Math.ceil((Date.now() + 3 * DAY) / HOUR) * HOUR;
  const session = await call('createSession', {
    token: official.token,
    params: { stationId: STATION },
    body: { host: `注销测试局长${suffix}`, startsAt: new Date(start).toISOString(), endsAt: new Date(start + HOUR).toISOString(), slotMinutes: 30, seatsPerSlot: 3 },
  });
  expect(session.status).toBe(201);
  expect((await call('createBooking', { token, params: { slotId: session.body.slots[0].id }, body: { topic: '咨询', contactPhone: phone } })).status).toBe(201);
  const before = await itemsMentioning([name, phone, masked, person.openid]);
  const shown = await call('getConcern', { token: official.token, params: { id } });
  // Act
  const erased = await call('deleteMe', { token });
  // Assess
  expect(before.map((i) => i.entity)).toEqual(expect.arrayContaining(['user', 'identity', 'concern', 'timeline', 'booking']));
  expect(shown.body.timeline.map((e: { by: string }) => e.by)).toContain(`群众 · ${name}`);
  expect(erased.status).toBe(204);
  expect(await itemsMentioning([name, phone, masked, person.openid])).toEqual([]);
  const after = await call('getConcern', { token: official.token, params: { id } });
  expect(after.status).toBe(200);
  const by = after.body.timeline.map((e: { by: string }) => e.by);
  expect(by).toHaveLength(shown.body.timeline.length);
  expect(by.filter((b: string) => b.startsWith('群众'))).toEqual(['群众 · 已注销用户', '群众 · 已注销用户', '群众 · 已注销用户']);
  expect(by.filter((b: string) => b.startsWith('驻点干部'))).toHaveLength(2);
  expect(JSON.stringify(after.body)).not.toContain(name);
});

it('shows an official\'s current name on the timeline, which stores none', async () => {
  const resident = await login('demo-resident-1');
  const c = await call('raiseConcern', { token: resident, body: { villageId: VILLAGE, category: 'other', title: '垃圾清运', content: '垃圾桶满了没人收' } });
  await call('transitionConcern', { token: official.token, params: { id: c.body.id }, body: { action: 'start', note: '收到' } });
  const me = await call('getMe', { token: official.token });
  const res = await call('getConcern', { token: resident, params: { id: c.body.id } });
  expect(res.body.timeline.map((e: { by: string }) => e.by)).toEqual([expect.stringMatching(/^群众 · .+/), `驻点干部 · ${me.body.displayName}`]);
  const stored = await itemsMentioning([c.body.id]);
  const entries = stored.filter((i) => i.entity === 'timeline');
  expect(entries).toHaveLength(2);
  expect(entries.map((e) => e.by).sort()).toEqual(['群众', '驻点干部']);
});
