import { API_URL, call, expectError, freshUser, login, request } from './http';
import { concernKeys } from '../../functions/concerns/concern.entity';
import { userKeys } from '../../functions/users/user.entity';
import { closeDb, itemAt, partition } from './db';

afterAll(closeDb);

describe('GET /v1/me', () => {
  it('returns the caller with grants on the org tree', async () => {
    const token = await login('demo-member-1');
    const res = await call('getMe', { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'u-demo-member-1', grants: [{ role: 'member', orgId: 'yucun-dzb' }], villageId: 'yucun' });
  });
});

describe('PATCH /v1/me', () => {
  it('updates the display name and stores the phone encrypted, returning it only masked', async () => {
    // Prepare
    const { token, userId } = await freshUser('me');
    // Act
    const res = await call('updateMe', { token, body: { displayName: '王小明', phone: '13812345678', villageId: 'daxi' } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: '王小明', phoneMasked: '138****5678', villageId: 'daxi' });
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
    const stored = await itemAt(userKeys.profile(userId));
    expect(JSON.stringify(stored)).not.toContain('13812345678');
    expect(stored?.phoneEnc).toEqual(expect.stringMatching(/^v1\./));
    const again = await call('getMe', { token });
    expect(again.body.phoneMasked).toBe('138****5678');
  });

  it('removes a field set to null', async () => {
    const { token } = await freshUser('me-null');
    await call('updateMe', { token, body: { phone: '13900001111' } });
    const res = await call('updateMe', { token, body: { phone: null } });
    expect(res.status).toBe(200);
    expect(res.body.phoneMasked).toBeUndefined();
  });

  it.each([
    ['a village that does not exist', { villageId: 'nowhere' }, 'villageId'],
    ['an org that is not a village', { villageId: 'anji' }, 'villageId'],
    ['a malformed phone number', { phone: '12345' }, 'phone'],
    ['a date that is not a date', { joinedPartyOn: '2020-02-31' }, 'joinedPartyOn'],
    ['a joining date in the future', { joinedPartyOn: '2999-01-01' }, 'joinedPartyOn'],
    ['an empty display name', { displayName: '   ' }, 'displayName'],
  ])('refuses %s with a 400 naming the field, changing nothing', async (_what, body, field) => {
    const { token } = await freshUser('me-bad');
    const before = await call('getMe', { token });
    const res = await call('updateMe', { token, body });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: field })]);
    const after = await call('getMe', { token });
    expect(after.body).toEqual(before.body);
  });
});

describe('POST /v1/me with X-HTTP-Method-Override: PATCH (wx.request has no PATCH)', () => {
  it('updates like PATCH', async () => {
    const { token } = await freshUser('weapp');
    const res = await request('POST', `${API_URL}/me`, { token, body: { displayName: '小程序用户' }, headers: { 'x-http-method-override': 'PATCH' } });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('小程序用户');
  });

  it('is 404 without the override', async () => {
    const { token } = await freshUser('weapp');
    const res = await request('POST', `${API_URL}/me`, { token, body: { displayName: 'x' } });
    expect(res.status).toBe(404);
  });
});

describe('DELETE /v1/me', () => {
  it('erases personal fields, drops grants, ends the session and frees the WeChat identity', async () => {
    // Prepare: a member with a phone number
    const { token, userId, openid } = await freshUser('leaver');
    await call('updateMe', { token, body: { displayName: '要注销的人', phone: '13700001234', villageId: 'yucun', joinedPartyOn: '2001-07-01' } });
    const concern = await call('raiseConcern', { token, body: { villageId: 'yucun', category: 'other', title: '注销前的说事', content: '留了联系电话的说事', contactPhone: '13700001234' } });
    // Act
    const res = await call('deleteMe', { token });
    // Assess
    expect(res.status).toBe(204);
    expectError(await call('getMe', { token }), 401, 'UNAUTHENTICATED');
    const items = await partition(userKeys.profile(userId).pk);
    expect(items).toHaveLength(1); // only the anonymised profile is left
    expect(items[0]).toMatchObject({ displayName: '已注销用户', deletedAt: expect.any(String) });
    for (const field of ['phoneEnc', 'phoneMasked', 'villageId', 'joinedPartyOn', 'openid']) expect(items[0]).not.toHaveProperty(field);
    expect(await itemAt(userKeys.identity(openid))).toBeUndefined();
    const keptConcern = await itemAt(concernKeys.concern(concern.body.id));
    expect(keptConcern).toMatchObject({ title: '注销前的说事' }); // the record stays for the station…
    expect(keptConcern).not.toHaveProperty('contactPhoneEnc'); // …without the phone
    expect(keptConcern).not.toHaveProperty('contactPhoneMasked');
    const relogin = await call('loginDev', { body: { openid } });
    expect(relogin.body.user.id).not.toBe(userId);
  });
});
