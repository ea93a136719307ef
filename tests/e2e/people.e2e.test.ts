// 成员管理, 邀请 and 权限 end to end in a real browser (H5 build), as a new branch's secretary: they make an invitation
// code (QR and code shown, listed) and revoke it; set a member's status in the roster and record another leaving; and
// revoke a third member's grant, which the member's very next request feels.
import type { Page, Response } from 'playwright-core';
import { call, expectError, freshUser } from '../api/http';
import { ownTownship } from '../api/own-orgs';
import { withGrant } from '../api/people';
import { personaSession, webUrl } from './browser';

jest.setTimeout(600_000);

const { visitAsGuest } = personaSession();

const answered = (page: Page, method: string, path: string): Promise<Response> =>
  page.waitForResponse((r) => new URL(r.url()).pathname === path && [method, 'POST'].includes(r.request().method()) && r.request().method() !== 'OPTIONS');

/** Opens 我的 with the user's token and taps one of its buttons. */
async function fromMe(page: Page, button: string, root: string): Promise<void> {
  await page.goto(`${webUrl()}#/pages/me/index`);
  await page.locator(button).click();
  await page.locator(root).waitFor();
}

describe('成员管理 (H5)', () => {
  it('a secretary invites, revokes a code, edits and removes members, and revokes a grant', async () => {
    // Prepare: a branch of its own with a secretary and three members
    const org = await ownTownship('e2epeople');
    const [[secretary], members] = await Promise.all([withGrant('secretary', org.branchId, 1), withGrant('member', org.branchId, 3)]);
    const [kept, leaver, revoked] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const visit = await visitAsGuest();
    const page = visit.page;
    // Taro's H5 storage keeps each value as {"data": value} in localStorage.
    await page.evaluate((t) => localStorage.setItem('ps.token', JSON.stringify({ data: t })), secretary!.token);

    // Act 1: 我的 → 邀请: a code for three members, with its QR
    await fromMe(page, '#open-invitations', '#invitation-form');
    await page.locator('#invite-role-member').waitFor();
    await page.locator('#invite-uses input').fill('3');
    const [created] = await Promise.all([answered(page, 'POST', '/v1/invitations'), page.locator('#invite-submit').click()]);
    expect(created.status()).toBe(201);
    const code = (await created.json()).code as string;
    // Assess 1
    expect(((await page.locator('#invitation-code').textContent()) ?? '').trim()).toBe(code);
    expect(await page.locator('#invitation-qr').getAttribute('data-qr')).toBe(`/packages/people/redeem/index?code=${code}`);
    await page.locator(`#invitation-${code}`).waitFor();

    // Act 2: revoke it, confirming
    await page.locator(`#invitation-revoke-${code}`).click();
    const [revokedCode] = await Promise.all([answered(page, 'DELETE', `/v1/invitations/${code}`), page.getByText('确认撤销', { exact: true }).click()]);
    // Assess 2
    expect(revokedCode.status()).toBe(200);
    await page.locator(`#invitation-revoke-${code}`).waitFor({ state: 'detached' });
    const late = await call('redeemInvitation', { token: (await freshUser('e2e-late')).token, params: { code } });
    expectError(late, 409, 'INVALID_STATE');

    // Act 3: 成员管理: 预备党员 for one member, and another leaves
    await fromMe(page, '#open-members', '#roster');
    await page.locator(`#member-${kept.userId} .pp-link`).click();
    await page.locator(`#member-status-probationary-${kept.userId}`).click();
    const memberPath = `/v1/branches/${org.branchId}/members/${kept.userId}`;
    const [saved] = await Promise.all([answered(page, 'PATCH', memberPath), page.locator(`#member-save-${kept.userId}`).click()]);
    expect(saved.status()).toBe(200);
    await page.locator(`#member-${leaver.userId} .pp-link`).click();
    await page.locator(`#member-leave-${leaver.userId}`).click();
    const [left] = await Promise.all([answered(page, 'POST', `/v1/branches/${org.branchId}/members/${leaver.userId}/leave`), page.getByText('确认离开', { exact: true }).click()]);
    // Assess 3
    expect(left.status()).toBe(204);
    await page.locator(`#member-${leaver.userId}`).waitFor({ state: 'detached' });
    const roster = (await call('listMembers', { token: secretary!.token, params: { branchId: org.branchId } })).body.items;
    expect(roster.map((m: { userId: string; partyStatus?: string }) => [m.userId, m.partyStatus ?? null]).sort()).toEqual(
      [[kept.userId, 'probationary'], [revoked.userId, null], [secretary!.userId, null]].sort(), // the secretary is a member too
    );

    // Act 4: 权限: revoke the third member's grant
    await fromMe(page, '#open-grants', '#grant-list');
    await page.locator(`#revoke-member-${revoked.userId}`).click();
    const [gone] = await Promise.all([
      answered(page, 'DELETE', `/v1/orgs/${org.branchId}/grants/member/${revoked.userId}`),
      page.getByText('确认撤销', { exact: true }).click(),
    ]);
    // Assess 4: the member's next request, with the token they had, is refused
    expect(gone.status()).toBe(204);
    await page.locator(`#grant-member-${revoked.userId}`).waitFor({ state: 'detached' });
    expectError(await call('listIdeas', { token: revoked.token, params: { branchId: org.branchId } }), 403, 'FORBIDDEN');
  });
});
