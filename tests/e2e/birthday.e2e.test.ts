// The "1+X" political birthday end to end in a real browser (H5 build): a member whose anniversary is this month
// shows on the 党日 tab; the secretary records the oath and an extra; the row turns 已过1+X and the member's card
// shows their years in the party and the record.
import type { Page, Response } from 'playwright-core';
import { shanghaiDate } from '@shared/time';
import { call, login } from '../api/http';
import { withGrant } from '../api/people';
import { openTab, personaSession } from './browser';

jest.setTimeout(600_000);

const { loginAs } = personaSession();
const BRANCH = 'yucun-dzb';

function apiResponse(page: Page, method: string, pathPattern: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname));
}

describe('1+X 政治生日 (H5)', () => {
  it('the 1+X record and the birthday card', async () => {
    // ---- Prepare: a member of the branch who joined the party 7 years ago this month
    const [member] = await withGrant('member', BRANCH, 1);
    const today = shanghaiDate();
    const year = Number(today.slice(0, 4));
    const joined = `${year - 7}${today.slice(4, 8)}01`;
    const updated = await call('updateMember', { token: await login('demo-secretary-1'), params: { branchId: BRANCH, userId: member!.userId }, body: { joinedPartyOn: joined } });
    expect(updated.status).toBe(200);
    const id = member!.userId;

    // ---- The secretary sees the birthday on the 党日 tab, not yet celebrated
    const { page } = await loginAs('demo-secretary-1');
    await openTab(page, '党日', '#td-tab');
    await page.locator(`#td-birthday-${id}-state`, { hasText: '未过' }).waitFor();

    // ---- Records the 1+X: the oath and a talk
    await page.locator(`#td-birthday-${id}-record`).click();
    await page.locator(`#bd-${id}-extra-talk`).click();
    await page.locator(`#bd-${id}-note textarea`).fill('支部书记谈心谈话');
    const [saved] = await Promise.all([apiResponse(page, 'PUT', new RegExp(`/political-birthdays/${id}/${year}$`)), page.locator(`#bd-${id}-save`).click()]);
    expect(saved.status()).toBe(200);
    await page.locator(`#td-birthday-${id}-state`, { hasText: '已过1+X' }).waitFor();

    // ---- The birthday card: years in the party and the record, with the share hint
    await page.locator(`#td-birthday-${id} .px-row__head`).click();
    await page.locator('#bc-years', { hasText: '7' }).waitFor();
    expect(await page.locator('#bc-extras').textContent()).toContain('谈心谈话');
    await page.locator('#bc-oath').waitFor();
    await page.locator('#bc-share-hint').waitFor();
  });
});
