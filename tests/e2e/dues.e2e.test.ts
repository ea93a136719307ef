// 党费登记 end to end in a real browser (H5 build): the secretary opens the register from 我的, marks a member paid
// with amount and date, and exports the month; the downloaded file's rows are read back with exceljs.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page, Response } from 'playwright-core';
import { shanghaiMonth } from '@shared/time';
import { openTab, personaSession } from './browser';

jest.setTimeout(600_000);

const { loginAs } = personaSession();
const MEMBER_ID = 'u-demo-member-1';

function apiResponse(page: Page, method: string, pathPattern: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname));
}

describe('党费登记 (H5)', () => {
  it('the register marked and exported', async () => {
    // ---- The secretary opens the register of their branch from 我的
    const { page } = await loginAs('demo-secretary-1');
    await openTab(page, '我的', '#open-dues');
    await page.locator('#open-dues').click();
    const row = page.locator(`#dues-${MEMBER_ID}`);
    await row.waitFor();
    expect(await page.locator('#dues-month-value').textContent()).toContain(String(Number(shanghaiMonth().slice(5, 7))));

    // ---- Marks the member paid: 25.50 元, today
    await row.locator('.px-row__head').click();
    await page.locator(`#dues-${MEMBER_ID}-amount input`).fill('25.5');
    await page.locator(`#dues-${MEMBER_ID}-paid`).click();
    const [marked] = await Promise.all([apiResponse(page, 'PUT', new RegExp(`/dues/${shanghaiMonth()}/${MEMBER_ID}$`)), page.locator(`#dues-${MEMBER_ID}-save`).click()]);
    expect(marked.status()).toBe(200);
    await page.locator(`#dues-${MEMBER_ID}-state`, { hasText: '已交' }).waitFor();
    await page.locator(`#dues-${MEMBER_ID}`, { hasText: '申报 25.50 元' }).waitFor();

    // ---- Exports: the browser downloads the month's file, whose rows hold the payment
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#dues-export').click()]);
    expect(download.suggestedFilename()).toBe(`党费交纳-${shanghaiMonth()}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['姓名', '申报金额(元)', '状态', '交纳日期', '登记人']);
    const paid = rows.filter((r) => r[2] === '已交');
    expect(paid.some((r) => r[1] === 25.5)).toBe(true);
    expect(Number(rows.find((r) => r[0] === '已交合计(元)')?.[1])).toBeGreaterThanOrEqual(25.5);
  });
});
