// Defect 5: an Idempotency-Key is scoped to the concrete path, not only the route: the same key and body sent to two
// orgs' notices creates two notices; sent again to the same org, it replays.
import { noticeKeys } from '../../functions/notices/notice.entity';
import { call, login } from './http';
import { closeDb, itemAt } from './db';

afterAll(closeDb);

it('creates one notice per org for one key and body, and replays per org', async () => {
  // Prepare
  const token = await login('demo-admin');
  const key = `trust-idem-${Date.now().toString(36)}`;
  const body = { title: '同一个幂等键的公告', body: '发往两个组织的同一条公告。', category: 'village' };
  const post = (orgId: string) => call('createNotice', { token, params: { orgId }, body, headers: { 'idempotency-key': key } });
  // Act
  const a = await post('laoling');
  const b = await post('xiantan');
  const aAgain = await post('laoling');
  // Assess
  expect([a.status, b.status]).toEqual([201, 201]);
  expect(a.body.orgId).toBe('laoling');
  expect(b.body.orgId).toBe('xiantan');
  expect(b.body.id).not.toBe(a.body.id);
  expect(aAgain.body.id).toBe(a.body.id);
  expect(await itemAt(noticeKeys.notice(a.body.id))).toMatchObject({ orgId: 'laoling' });
  expect(await itemAt(noticeKeys.notice(b.body.id))).toMatchObject({ orgId: 'xiantan' });
});
