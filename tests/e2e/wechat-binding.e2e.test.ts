// An imported member reaches their record, in a real browser (H5 build): the secretary sees 未绑定微信 on the roster,
// makes a binding invitation there (code and QR shown), and the member, logged in with a fresh WeChat account, redeems
// it and goes on as their imported profile.
import type { Locator, Page, Response } from 'playwright-core';
import { call, freshUser } from '../api/http';
import { xlsxBase64 } from '../api/ledger-files';
import { ownTownship } from '../api/own-orgs';
import { withGrant } from '../api/people';
import { personaSession, webUrl, type Visit } from './browser';

jest.setTimeout(600_000);

const { visitAsGuest } = personaSession();
const on = (page: Page): Locator => page.locator('.taro_page').filter({ visible: true });
const answered = (page: Page, method: string, path: string): Promise<Response> =>
  page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === method);

async function signedIn(token: string): Promise<Visit> {
  const visit = await visitAsGuest();
  // Taro's H5 storage keeps each value as {"data": value} in localStorage.
  await visit.page.evaluate((t) => localStorage.setItem('ps.token', JSON.stringify({ data: t })), token);
  return visit;
}

describe('binding an imported member to WeChat (H5)', () => {
  it('the secretary makes a binding invitation on the roster; the member redeems it and is their profile', async () => {
    // Prepare: a branch and a member imported through the real import, and the branch's secretary
    const org = await ownTownship('e2ebind');
    const [admin] = await withGrant('township_admin', org.townshipId, 1);
    const file = await xlsxBase64({
      组织: [['', '绑定村', '村（社区）', '村', ''], ['绑定村', '绑定村党支部', '党支部', '', '农村']],
      党员: [['绑定村/绑定村党支部', '甲一', '13900002000', '2001-07-01', '正式']],
    });
    const job = await call('createImport', { token: admin!.token, body: { orgId: org.townshipId, fileName: '导入.xlsx', contentBase64: file } });
    expect(job.status).toBe(201);
    for (let state = job.body, guard = 0; state.status !== 'done'; guard++) {
      if (guard > 10) throw new Error(`import did not finish: ${JSON.stringify(state)}`);
      state = (await call('runImport', { token: admin!.token, params: { jobId: job.body.id } })).body;
    }
    const children = async (parentId: string) => (await call('listOrgs', { query: { parentId } })).body.items as { id: string; name: string }[];
    const village = (await children(org.townshipId)).find((o) => o.name === '绑定村')!;
    const branchId = (await children(village.id)).find((o) => o.name === '绑定村党支部')!.id;
    const [secretary] = await withGrant('secretary', branchId, 1);
    const memberId = ((await call('listMembers', { token: secretary!.token, params: { branchId } })).body.items as { userId: string; displayName: string }[]).find((m) => m.displayName === '甲一')!.userId;

    // Act 1: 我的 → 成员管理: the imported member is not bound; 生成绑定邀请, confirmed
    const s = (await signedIn(secretary!.token)).page;
    await s.goto(`${webUrl()}#/pages/me/index`);
    await on(s).locator('#open-members').click();
    const row = on(s).locator(`#member-${memberId}`);
    await row.filter({ hasText: '未绑定微信' }).waitFor();
    await row.locator('.pp-link').click();
    await on(s).locator(`#member-bind-${memberId}`).click();
    const [created] = await Promise.all([answered(s, 'POST', '/v1/invitations'), s.getByText('生成', { exact: true }).click()]);
    // Assess 1: a one-use code for the profile, its code and QR shown
    expect(created.status()).toBe(201);
    const code = (await created.json()).code as string;
    expect(await created.json()).toMatchObject({ bindUserId: memberId, maxUses: 1 });
    await on(s).locator('#new-invitation', { hasText: '绑定微信 · 甲一' }).waitFor();
    expect(((await on(s).locator('#invitation-code').textContent()) ?? '').trim()).toBe(code);
    expect(await on(s).locator('#invitation-qr').getAttribute('data-qr')).toBe(`/packages/people/redeem/index?code=${code}`);

    // Act 2: the member, on a fresh WeChat account, opens what the QR encodes and redeems
    const phone = await freshUser('e2e-bind');
    const m = (await signedIn(phone.token)).page;
    await m.goto(`${webUrl()}#/packages/people/redeem/index?code=${code}`);
    const [redeemed] = await Promise.all([answered(m, 'POST', `/v1/invitations/${code}/redeem`), on(m).locator('#redeem-submit').click()]);
    // Assess 2: 我的 shows the imported profile, and the app keeps its new session
    expect(redeemed.status()).toBe(200);
    const token = (await redeemed.json()).token as string;
    await on(m).locator('#display-name', { hasText: '甲一' }).waitFor();
    expect(await m.evaluate(() => JSON.parse(localStorage.getItem('ps.token') ?? '{}').data)).toBe(token);
    expect((await call('getMe', { token })).body).toMatchObject({ id: memberId, grants: [{ role: 'member', orgId: branchId }] });
    const roster = (await call('listMembers', { token: secretary!.token, params: { branchId } })).body.items as { userId: string; wechatBound: boolean }[];
    expect(roster.find((r) => r.userId === memberId)).toMatchObject({ wechatBound: true });
  });
});
