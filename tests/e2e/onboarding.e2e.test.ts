// The whole onboarding of issue 13 in a real browser (H5 build), each person in a browser context of their own:
// a township admin builds the tree (a community with its 社区 branch, a 两新 branch under the street, a station serving
// the community) in 组织管理 and 驿站管理, and invites a secretary; the secretary redeems the code, invites two members
// who redeem theirs, sets their 入党日期 in the roster and sees one of them among the month's political birthdays;
// the admin revokes the secretary's grant, and the secretary's next request is refused with a Chinese message.
// The street is a township of the test's own, so nothing here races other files.
import type { Locator, Page, Response } from 'playwright-core';
import { formatDateKey, shanghaiDate } from '../../shared/time';
import { call, freshUser } from '../api/http';
import { ownTownship } from '../api/own-orgs';
import { withGrant } from '../api/people';
import { personaSession, webUrl, type Visit } from './browser';

jest.setTimeout(600_000);

const { visitAsGuest } = personaSession();

const answered = (page: Page, method: string, path: string): Promise<Response> =>
  page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === method);

/** The page on show: Taro's H5 router keeps the pages below it in the DOM, hidden, with the same ids. */
const on = (page: Page): Locator => page.locator('.taro_page').filter({ visible: true });

/** Every context the test opened, to check that none of their pages threw. */
const visits: Visit[] = [];

/** A fresh context whose app holds `token`, as if the user had logged in there. */
async function signedIn(token: string): Promise<Visit> {
  const visit = await visitAsGuest();
  visits.push(visit);
  // Taro's H5 storage keeps each value as {"data": value} in localStorage.
  await visit.page.evaluate((t) => localStorage.setItem('ps.token', JSON.stringify({ data: t })), token);
  return visit;
}

/** Opens 我的 afresh (as after a restart: one page in the stack, the token kept) and taps one of its buttons. */
async function fromMe(page: Page, button: string, root: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${webUrl()}#/pages/me/index`);
  await on(page).locator(button).click();
  await on(page).locator(root).waitFor();
}

/** Taps the confirming button of the dialog the app shows (Taro's showModal) and waits for the request it sends. */
async function confirmTo(page: Page, confirmText: string, method: string, path: string): Promise<Response> {
  const [res] = await Promise.all([answered(page, method, path), page.getByText(confirmText, { exact: true }).click()]);
  return res;
}

/** Opens what an invitation's QR encodes and redeems the code there; the app goes on to 我的. */
async function redeem(page: Page, code: string): Promise<void> {
  await page.goto(`${webUrl()}#/packages/people/redeem/index?code=${code}`);
  const [res] = await Promise.all([answered(page, 'POST', `/v1/invitations/${code}/redeem`), on(page).locator('#redeem-submit').click()]);
  expect(res.status()).toBe(200);
  await on(page).locator('#me').waitFor();
}

/** Creates an org under the one 组织管理 shows, through its form; returns the new org's id. */
async function createOrg(page: Page, type: string, name: string, sector?: string): Promise<string> {
  await on(page).locator('#adm-create').click();
  await on(page).locator(`#adm-type-${type}`).click();
  if (sector) await on(page).locator(`#adm-sector-${sector}`).click();
  await on(page).locator('#adm-name input').fill(name);
  await on(page).locator('#adm-submit').click();
  const created = await confirmTo(page, '确认新建', 'POST', '/v1/orgs');
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as string;
  // The form closes and the list of 下级组织 shows the new one.
  await on(page).locator(`#adm-child-${id}`, { hasText: name }).waitFor();
  return id;
}

/** Turns one column of the H5 date picker to `value`, by dragging it with the mouse as a user would (rows of 34 px). */
async function turnColumn(page: Page, column: Locator, value: number): Promise<void> {
  const ROW = 34;
  const items = (await column.locator('.weui-picker__item').allTextContents()).map((t) => Number(t.replace(/\D/g, '')));
  const target = items.indexOf(value);
  expect(target).toBeGreaterThanOrEqual(0);
  const content = await column.locator('.weui-picker__content').elementHandle();
  // The chosen row, from the column's offset (its first row sits 102 px down, under the indicator).
  const current = () => content!.evaluate((el) => Math.round((102 - Number(/translate3d\(0px, (-?[\d.]+)px/.exec(el.getAttribute('style') ?? '')?.[1])) / 34));
  for (let at = await current(); at !== target; at = await current()) {
    const rows = Math.max(-3, Math.min(3, target - at));
    const box = (await column.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - rows * ROW, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction(
      ([el, want]) => Math.round((102 - Number(/translate3d\(0px, (-?[\d.]+)px/.exec(el!.getAttribute('style') ?? '')?.[1])) / 34) === want,
      [content, at + rows] as const,
    );
  }
}

/** Picks a date in the picker `trigger` opens and taps its 确定. */
async function pickDate(page: Page, trigger: Locator, date: string): Promise<void> {
  await trigger.click();
  const picker = page.locator('.weui-picker').filter({ visible: true });
  const columns = picker.locator('.weui-picker__group');
  await columns.first().waitFor();
  expect(await columns.count()).toBe(3);
  // The sheet slides up from below the screen: drag once it is all in view.
  await page.waitForFunction((el) => el!.getBoundingClientRect().bottom <= window.innerHeight, await columns.first().elementHandle());
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  await turnColumn(page, columns.nth(0), y);
  await turnColumn(page, columns.nth(1), m);
  await turnColumn(page, columns.nth(2), d);
  await picker.locator('.weui-picker__action', { hasText: '确定' }).click();
}

describe('开通一个街道 (H5)', () => {
  it('builds the tree, invites a secretary and members, sets 入党日期, and revokes the secretary', async () => {
    // Prepare: a street of its own with its township admin (granted through an invitation, as the API tests do)
    const street = await ownTownship('e2eonboard');
    const [admin] = await withGrant('township_admin', street.townshipId, 1);
    const secretaryUser = await freshUser('e2e-sec');
    const memberUsers = await Promise.all([freshUser('e2e-mem'), freshUser('e2e-mem')]);
    const a = (await signedIn(admin!.token)).page;

    // Act 1: 组织管理: a community with its 社区 branch, a 两新 branch under the street, a station serving the community
    await fromMe(a, '#open-admin', '#adm-orgs');
    await on(a).locator('#adm-org-name', { hasText: 'e2eonboard镇' }).waitFor();
    const communityId = await createOrg(a, 'village', '凤栖社区');
    const privateBranchId = await createOrg(a, 'branch', '凤栖商圈联合党支部', 'private_enterprise');
    await on(a).locator(`#adm-child-${communityId}`).click();
    await on(a).locator('#adm-org-name', { hasText: '凤栖社区' }).waitFor();
    const branchId = await createOrg(a, 'branch', '凤栖社区党支部', 'community');
    await on(a).locator('#adm-station-new').click();
    await on(a).locator('#adm-station-name input').fill('凤栖社区红管家服务驿站');
    await on(a).locator('#adm-station-type-red_steward').click();
    await on(a).locator('#adm-station-address input').fill('凤栖社区党群服务中心一楼');
    await on(a).locator(`#adm-serves-${communityId}`).click();
    await on(a).locator('#adm-station-submit').click();
    const opened = await confirmTo(a, '确认新建', 'POST', '/v1/stations');
    expect(opened.status()).toBe(201);
    const station = await opened.json();
    // Back on the community's page, the station is listed.
    await on(a).locator(`#adm-station-${station.id}`, { hasText: '凤栖社区红管家服务驿站' }).waitFor();
    // Assess 1: the tree as stored
    const orgs = async (parentId: string) => (await call('listOrgs', { query: { parentId } })).body.items as { id: string; type: string; sector?: string }[];
    expect((await orgs(street.townshipId)).filter((o) => [communityId, privateBranchId].includes(o.id)).map((o) => [o.id, o.type, o.sector ?? null]).sort()).toEqual(
      [[communityId, 'village', null], [privateBranchId, 'branch', 'private_enterprise']].sort(),
    );
    expect((await orgs(communityId)).map((o) => [o.id, o.type, o.sector])).toEqual([[branchId, 'branch', 'community']]);
    expect(station).toMatchObject({ orgId: communityId, stationType: 'red_steward', serves: [communityId] });

    // Act 2: 邀请: the admin invites the community branch's secretary; the code shows with its QR
    await fromMe(a, '#open-invitations', '#invitation-form');
    await on(a).locator(`#org-${communityId}`).click();
    await on(a).locator(`#org-${branchId}`).click();
    await on(a).locator('#invite-role-secretary').click();
    const [made] = await Promise.all([answered(a, 'POST', '/v1/invitations'), on(a).locator('#invite-submit').click()]);
    expect(made.status()).toBe(201);
    const secretaryCode = (await made.json()).code as string;
    expect(await on(a).locator('#invitation-code').textContent()).toContain(secretaryCode);
    expect(await on(a).locator('#invitation-qr').getAttribute('data-qr')).toBe(`/packages/people/redeem/index?code=${secretaryCode}`);

    // The secretary opens what the QR encodes and redeems it, then invites two members
    const s = (await signedIn(secretaryUser.token)).page;
    await redeem(s, secretaryCode);
    await fromMe(s, '#open-invitations', '#invitation-form');
    await on(s).locator('#invite-role-member').waitFor();
    await on(s).locator('#invite-uses input').fill('2');
    const [memberInvite] = await Promise.all([answered(s, 'POST', '/v1/invitations'), on(s).locator('#invite-submit').click()]);
    expect(memberInvite.status()).toBe(201);
    const memberCode = (await memberInvite.json()).code as string;
    expect((await memberInvite.json()).orgId).toBe(branchId);
    for (const m of memberUsers) await redeem((await signedIn(m.token)).page, memberCode);
    // Assess 2: the branch's roster holds both members and the secretary, who is a member of their branch
    const roster = (await call('listMembers', { token: secretaryUser.token, params: { branchId } })).body.items as { userId: string }[];
    expect(roster.map((r) => r.userId).sort()).toEqual([...memberUsers.map((m) => m.userId), secretaryUser.userId].sort());

    // Act 3: 成员管理: 入党日期 for both members, one in this month (Shanghai) and one in another
    const today = shanghaiDate();
    const month = Number(today.slice(5, 7));
    const [birthdayMember, otherMember] = memberUsers as [(typeof memberUsers)[0], (typeof memberUsers)[0]];
    const dates = new Map([
      [birthdayMember.userId, `2000-${String(month).padStart(2, '0')}-01`],
      [otherMember.userId, `2000-${String((month % 12) + 1).padStart(2, '0')}-01`],
    ]);
    await fromMe(s, '#open-members', '#roster');
    for (const [userId, date] of dates) {
      await on(s).locator(`#member-${userId} .pp-link`).click();
      await pickDate(s, on(s).locator(`#member-date-${userId}`), date);
      // Shown in the app's one date format (2000年12月1日), not as the ISO value the picker reports.
      await on(s).locator(`#member-date-${userId}`, { hasText: formatDateKey(date) }).waitFor();
      const saved = await Promise.all([answered(s, 'PATCH', `/v1/branches/${branchId}/members/${userId}`), on(s).locator(`#member-save-${userId}`).click()]);
      expect(saved[0].status()).toBe(200);
      await on(s).locator(`#member-${userId}`, { hasText: `入党 ${formatDateKey(date)}` }).waitFor();
    }
    // Assess 3: 党日 shows this month's political birthdays: the one member, not the other
    await s.goto(`${webUrl()}#/pages/themeday/index`);
    const birthdays = on(s).locator('#td-birthdays');
    await birthdays.waitFor();
    const name = (await call('listMembers', { token: secretaryUser.token, params: { branchId } })).body.items.find((m: { userId: string }) => m.userId === birthdayMember.userId).displayName as string;
    await birthdays.getByText(name, { exact: true }).waitFor();
    expect(await birthdays.textContent()).toContain(`${month}月1日 · 党龄 `);
    const stored = (await call('politicalBirthdays', { token: secretaryUser.token, params: { branchId }, query: { month: today.slice(0, 7) } })).body.items as { userId: string }[];
    expect(stored.map((b) => b.userId)).toEqual([birthdayMember.userId]);

    // The secretary goes back to 成员管理 and starts another change, not yet saved
    await fromMe(s, '#open-members', '#roster');
    await on(s).locator(`#member-${otherMember.userId} .pp-link`).click();
    await on(s).locator(`#member-status-probationary-${otherMember.userId}`).click();

    // Act 4: 权限: the admin revokes the secretary's grant, confirming (the branch's last secretary: asked twice)
    const grantPath = `/v1/orgs/${branchId}/grants/secretary/${secretaryUser.userId}`;
    await fromMe(a, '#open-grants', '#grant-list');
    await on(a).locator(`#org-${communityId}`).click();
    await on(a).locator(`#org-${branchId}`).click();
    await on(a).locator(`#revoke-secretary-${secretaryUser.userId}`).click();
    const asked = await confirmTo(a, '确认撤销', 'DELETE', grantPath);
    expect(asked.status()).toBe(409);
    const revoked = await confirmTo(a, '仍然撤销', 'DELETE', grantPath);
    expect(revoked.status()).toBe(204);
    await on(a).locator(`#grant-secretary-${secretaryUser.userId}`).waitFor({ state: 'detached' });

    // Assess 4: the secretary taps 保存 with the token they had: refused, and the app says why in Chinese
    const [refused] = await Promise.all([
      answered(s, 'PATCH', `/v1/branches/${branchId}/members/${otherMember.userId}`),
      on(s).locator(`#member-save-${otherMember.userId}`).click(),
    ]);
    expect(refused.status()).toBe(403);
    const message = (await refused.json()).error.message as string;
    expect(message).toMatch(/[\u4e00-\u9fa5]/);
    await s.getByText(message, { exact: true }).waitFor();
    const unchanged = (await call('listMembers', { token: admin!.token, params: { branchId } })).body.items.find((m: { userId: string }) => m.userId === otherMember.userId);
    expect(unchanged.partyStatus ?? null).toBeNull();
    expect(visits).toHaveLength(4);
    for (const v of visits) expect(v.errors).toEqual([]);
  });
});
