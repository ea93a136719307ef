// Defect 3: every list with a time range (found in the route table by its `from`/`to` query) answers a reversed range
// with a Chinese 400, and a one-sided range that ends before its default start with an empty page, never a 500.
import { routes, type RouteName } from '@shared/routes';
import { DAY_MS as DAY, shanghaiDate } from '@shared/time';
import { call, expectError, login } from './http';

/** Path parameters of the ranged lists: orgs every persona can read as the admin. */
const PARAMS: Record<string, string> = { branchId: 'yucun-dzb', stationId: 'st-yucun' };
/** Query parameters a ranged list requires besides its range. */
const REQUIRED_QUERY: Partial<Record<RouteName, Record<string, string>>> = { listAudit: { orgId: 'yucun' } };
/** Lists ranged by Asia/Shanghai dates (both days included) rather than instants. */
const DATE_RANGED = new Set<RouteName>(['listAudit']);
const REVERSED_MESSAGE = { instant: '结束时间须晚于开始时间', date: '结束日期不能早于开始日期' };

const ranged = (Object.keys(routes) as RouteName[]).filter((name) => {
  const shape = (routes[name].query as { shape?: Record<string, unknown> }).shape ?? {};
  return 'from' in shape && 'to' in shape;
});

const paramsOf = (name: RouteName) =>
  Object.fromEntries([...routes[name].path.matchAll(/\{(\w+)\}/g)].map(([, k]) => [k, PARAMS[k] ?? `missing-${k}`]));

it('finds the ranged lists', () => {
  expect(ranged.sort()).toEqual(['listAudit', 'listSessions', 'listSlots', 'listThemeDays']);
});

describe.each(ranged)('%s', (name) => {
  const dated = DATE_RANGED.has(name);
  const at = (ms: number) => (dated ? shanghaiDate(new Date(Date.now() + ms).toISOString()) : new Date(Date.now() + ms).toISOString());
  const ask = async (query: Record<string, string>) =>
    call(name, { token: await login('demo-admin'), params: paramsOf(name), query: { ...REQUIRED_QUERY[name], ...query } });

  it('answers 400 VALIDATION_FAILED in Chinese to a range that ends before it starts', async () => {
    const res = await ask({ from: at(5 * DAY), to: at(DAY) });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([{ path: 'to', message: REVERSED_MESSAGE[dated ? 'date' : 'instant'] }]);
  });

  it('answers an empty page to only a `to` in the past', async () => {
    const res = await ask({ to: at(-30 * DAY) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['only a `to` just past', { to: at(-60_000) }],
    ['only a `from` far ahead', { from: at(3000 * DAY) }],
    ['a `to` a minute after `from`', { from: at(DAY), to: at(DAY + 60_000) }],
  ])('answers 200 to %s', async (_what, query) => {
    const res = await ask(query);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.items)).toBe(true);
  });
});
