// Every page of app.config.ts, opened in the weapp build for the personas who use it, renders with no error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { call, freshUser, login } from '../api/http';
import { ownTownship } from '../api/own-orgs';
import { withGrant } from '../api/people';
import { openWeapp } from './harness/client';
import { expectClean } from './expect-clean';

/** The pages as the app config lists them (main package and subpackages). */
function configuredPages(): string[] {
  const src = readFileSync(path.join(__dirname, '..', '..', 'miniapp', 'src', 'app.config.ts'), 'utf8');
  const main = [...src.match(/pages:\s*\[([^\]]*)\]/)![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  const subs = [...src.matchAll(/root:\s*'([^']+)'[^}]*?pages:\s*\[([^\]]*)\]/g)].flatMap((m) => [...m[2]!.matchAll(/'([^']+)'/g)].map((p) => `${m[1]}/${p[1]}`));
  return [...main, ...subs];
}

/** Entities the seed has no example of: a concern with its resident and station official, of a township of our own. */
const own = { concernId: '', resident: '', official: '', stationId: '' };
beforeAll(async () => {
  const town = await ownTownship('weapp');
  const resident = await freshUser('weapp-resident');
  const [official] = await withGrant('official', town.stationId, 1);
  const res = await call('raiseConcern', {
    token: resident.token,
    body: { villageId: town.villageId, category: 'environment', title: '村口路灯不亮', content: '村口两盏路灯坏了一个月，晚上走路不安全。' },
  });
  if (res.status !== 201) throw new Error(`raiseConcern → ${res.status} ${JSON.stringify(res.body)}`);
  Object.assign(own, { concernId: res.body.id, resident: resident.openid, official: official!.openid, stationId: town.stationId });
  await login('demo-member-1');
});

const GUEST = null;
/** [who, page, query]: each page for the personas it is made for (a function: ids made in beforeAll). */
const visits = (): Array<[string | null, string, string]> => [
  [GUEST, 'pages/home/index', ''],
  ['demo-member-1', 'pages/home/index', ''],
  ['demo-resident-1', 'pages/home/index', ''],
  ['demo-official-1', 'pages/home/index', ''],
  ['demo-township-1', 'pages/home/index', ''],
  ['demo-member-1', 'pages/themeday/index', ''],
  ['demo-secretary-1', 'pages/themeday/index', ''],
  ['demo-resident-1', 'pages/concerns/index', ''],
  ['demo-official-1', 'pages/concerns/index', ''],
  ['demo-resident-1', 'pages/booking/index', ''],
  ['demo-official-1', 'pages/booking/index', ''],
  [GUEST, 'pages/me/index', ''], // a guest stays on 我的 (a login card), so the tab bar stays
  ['demo-member-1', 'pages/me/index', ''],
  ['demo-secretary-1', 'pages/me/index', ''],
  ['demo-township-1', 'pages/me/index', ''],
  [GUEST, 'pages/privacy/index', ''],
  [GUEST, 'pages/login/index', ''],
  ['demo-member-1', 'packages/themeday/detail/index', 'id=seed-themeday-1'],
  ['demo-secretary-1', 'packages/themeday/detail/index', 'id=seed-themeday-1'],
  ['demo-member-1', 'packages/themeday/ideas/index', 'branchId=yucun-dzb'],
  ['demo-member-1', 'packages/themeday/idea/index', 'id=seed-idea-1'],
  ['demo-member-1', 'packages/themeday/idea-form/index', 'branchId=yucun-dzb'],
  ['demo-member-1', 'packages/themeday/online/index', 'id=seed-themeday-1'],
  ['demo-secretary-1', 'packages/themeday-admin/form/index', 'branchId=yucun-dzb'],
  ['demo-secretary-1', 'packages/themeday-admin/console/index', 'id=seed-themeday-1'],
  ['demo-secretary-1', 'packages/themeday-admin/attendance/index', 'id=seed-themeday-1'],
  ['demo-secretary-1', 'packages/themeday-admin/close/index', 'id=seed-themeday-1'],
  ['demo-resident-1', 'packages/booking/station/index', 'stationId=st-yucun'],
  ['demo-official-1', 'packages/booking-admin/console/index', 'stationId=st-yucun'],
  [own.resident, 'packages/concerns/detail/index', `id=${own.concernId}&mine=1`],
  [own.official, 'packages/concerns-admin/queue/index', `stationId=${own.stationId}`],
  [own.official, 'packages/concerns-admin/handle/index', `id=${own.concernId}`],
  [GUEST, 'packages/notices/list/index', 'orgId=yucun-dzb'],
  [GUEST, 'packages/notices/detail/index', 'id=seed-notice-1'],
  ['demo-secretary-1', 'packages/notices-admin/form/index', 'orgId=yucun-dzb'],
  ['demo-township-1', 'packages/assessments/view/index', ''],
  ['demo-township-1', 'packages/assessments/branch/index', 'branchId=yucun-dzb'],
  ['demo-township-1', 'packages/assessments/day/index', 'id=seed-themeday-1'],
  [GUEST, 'packages/cases/list/index', ''],
  [GUEST, 'packages/cases/detail/index', 'id=seed-themeday-1'],
  ['demo-secretary-1', 'packages/moderation/queue/index', ''],
  ['demo-township-1', 'packages/admin/orgs/index', ''],
  ['demo-township-1', 'packages/admin/station/index', 'stationId=st-yucun'],
  ['demo-secretary-1', 'packages/people/members/index', 'branchId=yucun-dzb'],
  ['demo-secretary-1', 'packages/people/invitations/index', 'orgId=yucun-dzb'],
  ['demo-township-1', 'packages/people/grants/index', 'orgId=tianhuangping'],
  ['demo-resident-1', 'packages/people/redeem/index', 'code=ABCDEFGH'],
  ['demo-secretary-1', 'packages/practices/dues/index', 'branchId=yucun-dzb'],
  ['demo-member-1', 'packages/practices/birthday/index', `branchId=yucun-dzb&userId=u-demo-member-1&year=${new Date().getFullYear()}`],
  ['demo-township-1', 'packages/practices/overview/index', 'townshipId=tianhuangping'],
  ['demo-township-1', 'packages/admin/import/index', 'orgId=tianhuangping'],
];

/** Where a visit ends up when the page sends that visitor elsewhere (none today: every page shows guests something). */
const LANDS_ON: Record<string, string> = {};

test('the table below visits every page of app.config.ts', () => {
  const visited = new Set(visits().map(([, route]) => route));
  expect(configuredPages().filter((p) => !visited.has(p))).toEqual([]);
});

// One page process at a time (2 busy cores); each visit in a process of its own.
test.each(visits().map(([who, route], i) => ({ i, route, who: who === GUEST ? 'a guest' : who || 'its own persona' })))(
  '$route for $who renders with no error',
  async ({ i }) => {
    const [who, route, query] = visits()[i]!;
    const page = await openWeapp({ as: who ?? undefined, url: `/${route}${query ? `?${query}` : ''}` });
    try {
      await expectClean(page);
      const { stack } = await page.state();
      // A page that needs a login or consent would have moved on: each visitor here is allowed where they are.
      expect(stack[stack.length - 1]).toBe(who === GUEST ? (LANDS_ON[route] ?? route) : route);
      const text = await page.text();
      expect(text.trim().length).toBeGreaterThan(0);
      // Rendered as it is used, not LoadState's error (重试) or not-found (没有找到) state. The console of the seeded day,
      // which has not started, says when its check-in code opens, with a 重试 of its own.
      expect(text).not.toMatch(route === 'packages/themeday-admin/console/index' ? /没有找到/ : /重试|没有找到/);
    } finally {
      await page.close();
    }
  },
);
