import { call, expectError, login, request, API_URL } from './http';
import { noticeKeys } from '../../functions/notices/notice.entity';
import { DAY_MS } from '@shared/time';
import { itemAt, setAttributes } from './db';
import { withGrant } from './people';
import { ownTownship } from './own-orgs';

const notice = (title = '第三季度党费收缴情况公示', extra: Record<string, unknown> = {}) => ({
  title,
  body: '本支部 9 名党员已按时足额交纳三季度党费，特此公示。',
  category: 'party',
  ...extra,
});

describe('POST /v1/orgs/{orgId}/notices', () => {
  it('lets a secretary publish for their own branch, readable without login', async () => {
    const res = await call('createNotice', { token: await login('demo-secretary-1'), params: { orgId: 'yucun-dzb' }, body: notice() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orgId: 'yucun-dzb', orgName: '余村党支部', pinned: false, category: 'party' });
    const publicView = await call('getNotice', { params: { id: res.body.id } });
    expect(publicView.status).toBe(200);
    expect(publicView.body.title).toBe(notice().title);
  });

  it.each([
    ['a secretary of branch A for branch B', 'demo-secretary-1', 'daxi-dzb'],
    ['a secretary for their village', 'demo-secretary-1', 'yucun'],
    ['a member', 'demo-member-1', 'yucun-dzb'],
    ['a township admin outside the township', 'demo-township-1', 'huangdu'],
  ])('refuses %s with 403', async (_who, openid, orgId) => {
    expectError(await call('createNotice', { token: await login(openid), params: { orgId }, body: notice() }), 403, 'FORBIDDEN');
  });

  it('lets a township admin publish for the township and any village under it', async () => {
    const token = await login('demo-township-1');
    for (const orgId of ['tianhuangping', 'daxi', 'daxi-dzb']) {
      expect((await call('createNotice', { token, params: { orgId }, body: notice(`${orgId} 公告`, { category: 'village' }) })).status).toBe(201);
    }
  });

  it.each([
    ['an unknown category', { category: 'news' }, 'category'],
    ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00+08:00' }, 'expiresAt'],
    ['an empty title', { title: ' ' }, 'title'],
  ])('answers 400 to %s', async (_what, extra, field) => {
    const res = await call('createNotice', { token: await login('demo-secretary-1'), params: { orgId: 'yucun-dzb' }, body: { ...notice(), ...extra } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: field })]);
  });

  it('answers 404 for an unknown org', async () => {
    expectError(await call('createNotice', { token: await login('demo-admin'), params: { orgId: 'nowhere' }, body: notice() }), 404, 'NOT_FOUND');
  });
});

describe('GET /v1/orgs/{orgId}/notices', () => {
  it('lists pinned first, then newest, leaving out expired and withdrawn ones', async () => {
    // Prepare: an org of our own, so no other file pins or posts there meanwhile
    const { branchId } = await ownTownship('notices');
    const [secretary] = await withGrant('secretary', branchId, 1);
    const post = async (title: string, extra: Record<string, unknown> = {}) => {
      const res = await call('createNotice', { token: secretary.token, params: { orgId: branchId }, body: notice(title, extra) });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const older = await post('较早的公告');
    const pinned = await post('置顶公告', { pinned: true });
    const newer = await post('较新的公告');
    const expiring = await post('即将到期', { expiresAt: new Date(Date.now() + DAY_MS).toISOString() });
    const withdrawn = await post('将被撤回');
    expect((await call('withdrawNotice', { token: secretary.token, params: { id: withdrawn } })).status).toBe(204);
    const listedBeforeExpiry = await call('listNotices', { params: { orgId: branchId } });
    // The expiry passes (written as time would leave it, instead of waiting for it).
    const { pk, sk } = noticeKeys.notice(expiring);
    await setAttributes(pk, sk, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    // Act
    const res = await call('listNotices', { params: { orgId: branchId } });
    // Assess
    expect(listedBeforeExpiry.body.items.map((n: { id: string }) => n.id)).toEqual([pinned, expiring, newer, older]);
    expect(res.status).toBe(200);
    expect(res.body.items.map((n: { id: string }) => n.id)).toEqual([pinned, newer, older]);
  });
});

describe('PATCH and DELETE /v1/notices/{id}', () => {
  it('edits within scope; pinning moves it to the top', async () => {
    // Prepare: an org of our own, where another notice was pinned earlier
    const { branchId } = await ownTownship('pin');
    const [[secretary], [member]] = await Promise.all([withGrant('secretary', branchId, 1), withGrant('member', branchId, 1)]);
    const token = secretary.token;
    const earlier = await call('createNotice', { token, params: { orgId: branchId }, body: notice('早先置顶', { pinned: true }) });
    const created = await call('createNotice', { token, params: { orgId: branchId }, body: notice('待修改') });
    expect([earlier.status, created.status]).toEqual([201, 201]);
    const id = created.body.id;
    // Act
    const res = await call('updateNotice', { token, params: { id }, body: { title: '已修改', pinned: true } });
    // Assess
    expect(res.body).toMatchObject({ title: '已修改', pinned: true });
    expect(await itemAt(noticeKeys.notice(id))).toMatchObject({ title: '已修改', pinned: true });
    const list = await call('listNotices', { params: { orgId: branchId } });
    expect(list.body.items.map((n: { id: string }) => n.id)).toEqual([id, earlier.body.id]);
    expectError(await call('updateNotice', { token: member.token, params: { id }, body: { title: 'x' } }), 403, 'FORBIDDEN');
    const viaPost = await request('POST', `${API_URL}/notices/${id}`, { token, body: { pinned: false }, headers: { 'x-http-method-override': 'PATCH' } });
    expect(viaPost.body.pinned).toBe(false);
  });

  it('withdraws: 404 for everyone afterwards, while the audit copy remains', async () => {
    // Prepare
    const token = await login('demo-secretary-1');
    const id = (await call('createNotice', { token, params: { orgId: 'yucun-dzb' }, body: notice('将撤回的公告') })).body.id;
    // Act
    const res = await call('withdrawNotice', { token, params: { id } });
    // Assess
    expect(res.status).toBe(204);
    expectError(await call('getNotice', { params: { id } }), 404, 'NOT_FOUND');
    expectError(await call('withdrawNotice', { token, params: { id } }), 404, 'NOT_FOUND');
    const audit = await itemAt(noticeKeys.notice(id));
    expect(audit).toMatchObject({ title: '将撤回的公告', status: 'withdrawn', withdrawnBy: 'u-demo-secretary-1', withdrawnAt: expect.any(String) });
    expect(audit).not.toHaveProperty('gsi1pk');
  });

  it('refuses another branch’s secretary', async () => {
    const id = (await call('createNotice', { token: await login('demo-secretary-1'), params: { orgId: 'yucun-dzb' }, body: notice() })).body.id;
    const [other] = await withGrant('secretary', 'daxi-dzb', 1, 'demo-township-1');
    expectError(await call('withdrawNotice', { token: other.token, params: { id } }), 403, 'FORBIDDEN');
  });
});
