// 请假 end to end in a real browser (H5 build): a member asks for leave with a reason on a theme day; the secretary
// approves it on the attendance page; the member sees the approval; once the day is closed the leave is counted apart
// from absence, on the secretary's page and in the member's own record.
import type { Page, Response } from 'playwright-core';
import { call, login } from '../api/http';
import { openTab, personaSession } from './browser';

jest.setTimeout(600_000);

const { loginAs, personas } = personaSession();
const BRANCH = 'yucun-dzb';
const MEMBER = 'demo-member-2';
const MEMBER_ID = `u-${MEMBER}`;

function apiResponse(page: Page, method: string, pathPattern: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname));
}

/** From the 党日 tab to the preview of one theme day. */
async function openThemeDay(page: Page, id: string): Promise<void> {
  await openTab(page, '党日', '#td-tab');
  await page.locator(`#td-card-${id}`).click();
  await page.locator('#td-detail').waitFor();
}

describe('请假 with approval (H5)', () => {
  it('a leave requested, then approved, is counted apart from absence', async () => {
    // ---- Prepare: a published day of the branch that began a minute ago
    const secretaryToken = await login('demo-secretary-1');
    const created = await call('createThemeDay', {
      token: secretaryToken,
      params: { branchId: BRANCH },
      body: {
        title: `请假 e2e ${Date.now().toString(36)}`,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
        location: '余村村委会',
        agenda: ['学习党章'],
        onlineParticipation: false,
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('publishThemeDay', { token: secretaryToken, params: { id } })).status).toBe(200);

    // ---- The member asks for leave with a reason; it waits for the secretary
    const member = await loginAs(MEMBER);
    const mp = member.page;
    await openThemeDay(mp, id);
    await mp.locator('#rsvp-leave').click();
    await mp.locator('#leave-reason textarea').fill('在外地务工，无法按时返回');
    const [asked] = await Promise.all([apiResponse(mp, 'PUT', /\/rsvp$/), mp.locator('#leave-submit').click()]);
    expect(asked.status()).toBe(200);
    await mp.locator('#leave-state', { hasText: '待书记批准' }).waitFor();

    // ---- The secretary sees the request with its reason and approves it
    const secretary = await loginAs('demo-secretary-1');
    const sp = secretary.page;
    await openThemeDay(sp, id);
    await sp.locator('#td-attendance').click();
    await sp.locator(`#leave-${MEMBER_ID}`, { hasText: '在外地务工，无法按时返回' }).waitFor();
    expect(await sp.locator(`#leave-${MEMBER_ID}-status`).textContent()).toBe('请假待批准');
    const [approved] = await Promise.all([
      apiResponse(sp, 'PUT', new RegExp(`/leave-requests/${MEMBER_ID}$`)),
      sp.locator(`#leave-${MEMBER_ID}-approve`).click(),
    ]);
    expect(approved.status()).toBe(200);
    await sp.locator(`#leave-${MEMBER_ID}-status`, { hasText: '请假已批准' }).waitFor();

    // ---- The member sees the approval
    await openThemeDay(mp, id);
    await mp.locator('#leave-state', { hasText: '书记已批准请假' }).waitFor();

    // ---- Closed: the approved leave is counted as leave, not absence
    const closed = await call('closeThemeDay', { token: secretaryToken, params: { id }, body: { summary: '学习党章，一名党员请假获批。' } });
    expect(closed.status).toBe(200);
    expect(closed.body.stats.leave).toBe(1);
    expect(closed.body.stats.present + closed.body.stats.leave + closed.body.stats.online + closed.body.stats.absent).toBe(closed.body.stats.expected);
    await sp.reload();
    await sp.locator('#attendance-count-leave', { hasText: '请假 1' }).waitFor();
    await sp.locator(`#att-${MEMBER_ID}`, { hasText: '请假' }).waitFor();
    await openThemeDay(mp, id);
    await mp.locator('#my-status', { hasText: '请假' }).waitFor();
    for (const p of personas) expect({ openid: p.openid, errors: p.errors.map(String) }).toEqual({ openid: p.openid, errors: [] });
  });
});
