import { userKeys } from '../../functions/users/user.entity';
import { call, expectError } from './http';

describe('GET /v1/orgs', () => {
  it('lists the roots without parentId, and an org’s children with it (public)', async () => {
    const roots = await call('listOrgs');
    expect(roots.status).toBe(200);
    expect(roots.body.items).toEqual([{ id: 'huzhou', name: '湖州市', type: 'city', parentId: null }]);
    const townships = await call('listOrgs', { query: { parentId: 'anji' } });
    expect(townships.body.items.map((o: { name: string }) => o.name).sort()).toEqual(['天荒坪镇', '溪龙乡'].sort());
    expect(townships.body.nextCursor).toBeNull();
  });

  it('pages with an opaque cursor that visits every child once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await call('listOrgs', { query: { parentId: 'huzhou', limit: 1, cursor } });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((o: { id: string }) => o.id));
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual(['anji', 'deqing', 'wuxing']);
  });

  it('answers 400 BAD_CURSOR to a forged cursor and to one from another list', async () => {
    const page = await call('listOrgs', { query: { parentId: 'huzhou', limit: 1 } });
    const cursor: string = page.body.nextCursor;
    const [payload, mac] = cursor.split('.');
    const forgedPayload = Buffer.from(JSON.stringify(userKeys.profile('u-demo-admin'))).toString('base64url');
    expectError(await call('listOrgs', { query: { parentId: 'huzhou', cursor: `${forgedPayload}.${mac}` } }), 400, 'BAD_CURSOR');
    expectError(await call('listOrgs', { query: { parentId: 'huzhou', cursor: `${payload}.AAAA` } }), 400, 'BAD_CURSOR');
    expectError(await call('listOrgs', { query: { parentId: 'anji', cursor } }), 400, 'BAD_CURSOR');
    expectError(await call('listOrgs', { query: { parentId: 'huzhou', cursor: 'garbage' } }), 400, 'BAD_CURSOR');
  });

  it.each([['0'], ['51'], ['ten']])('answers 400 to limit=%s', async (limit) => {
    expectError(await call('listOrgs', { query: { limit } }), 400, 'VALIDATION_FAILED');
  });
});

describe('GET /v1/orgs/{orgId}', () => {
  it('returns one org, and 404 for an unknown id', async () => {
    const res = await call('getOrg', { params: { orgId: 'yucun-dzb' } });
    expect(res.body).toEqual({ id: 'yucun-dzb', name: '余村党支部', type: 'branch', parentId: 'yucun' });
    expect(res.body).not.toHaveProperty('path');
    expectError(await call('getOrg', { params: { orgId: 'nowhere' } }), 404, 'NOT_FOUND');
  });
});

describe('GET /v1/stations', () => {
  it('lists the stations of an org (public)', async () => {
    const res = await call('listStations', { query: { orgId: 'yucun' } });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: 'st-yucun', name: '余村群众说事室', orgId: 'yucun', address: expect.any(String), lat: expect.any(Number) }),
    ]);
  });

  it('answers 400 without orgId', async () => {
    const res = await call('listStations');
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'orgId' })]);
  });
});
