// 批量导入 in a real browser (H5 build): a township admin downloads the template, picks a CSV with one bad row and
// sees the dry run's Chinese row error (sheet, row, column, what), picks the fixed file, imports it and watches the
// progress reach 导入完成; the imported village and its branch then show in 组织管理.
// The township is one of the test's own, so nothing here races other files.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Locator, Page, Response } from 'playwright-core';
import { call } from '../api/http';
import { HEADERS } from '../api/ledger-files';
import { ownTownship } from '../api/own-orgs';
import { withGrant } from '../api/people';
import { personaSession, webUrl } from './browser';

jest.setTimeout(600_000);

const { visitAsGuest } = personaSession();

/** The page on show: Taro's H5 router keeps the pages below it in the DOM, hidden, with the same ids. */
const shown = (page: Page): Locator => page.locator('.taro_page').filter({ visible: true });

const response = (page: Page, method: string, path: string): Promise<Response> =>
  page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === path);

/** A CSV of the 组织 sheet (UTF-8 with a BOM, as Excel saves it). */
const orgsCsv = (rows: string[][]) => Buffer.from(`\uFEFF${[HEADERS['组织'], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`);

/** Picks `file` in the browser's file chooser that tapping 选择文件并检查 opens; resolves with the dry run's answer. */
async function pickAndCheck(page: Page, name: string, buffer: Buffer): Promise<Response> {
  const checked = response(page, 'POST', '/v1/imports/check');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown(page).locator('#adm-import-pick').click()]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer });
  return checked;
}

describe('批量导入 (H5)', () => {
  it('downloads the template, shows a row error of the dry run, imports the fixed file to the end', async () => {
    // Prepare: a township of its own, its admin signed in (the app keeps the token as {"data": token})
    const town = await ownTownship('e2eimport');
    const [admin] = await withGrant('township_admin', town.townshipId, 1);
    const visit = await visitAsGuest();
    const { page } = visit;
    await page.evaluate((t) => localStorage.setItem('ps.token', JSON.stringify({ data: t })), admin!.token);
    await page.goto('about:blank');
    await page.goto(`${webUrl()}#/pages/me/index`);
    await shown(page).locator('#open-admin').click();
    await shown(page).locator('#adm-org-name', { hasText: 'e2eimport镇' }).waitFor();
    await shown(page).locator('#adm-import').click();
    await shown(page).locator('#adm-import').waitFor();

    // Act 1: 下载模板
    const [download] = await Promise.all([page.waitForEvent('download'), shown(page).locator('#adm-import-template').click()]);
    // Assess 1: an .xlsx with the three sheets and their headers
    expect(download.suggestedFilename()).toBe('台账导入模板.xlsx');
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    expect(template.worksheets.map((w) => w.name)).toEqual(['组织', '驿站', '党员']);
    expect((template.getWorksheet('组织')!.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS['组织']]);

    // Act 2: a file whose branch names a parent that does not exist (a typo)
    const bad = await pickAndCheck(page, '晓光村.csv', orgsCsv([['', '晓光村', '村（社区）', '村', ''], ['晓光材', '晓光村党支部', '党支部', '', '农村']]));
    // Assess 2: the row error in Chinese, with its sheet, row and column; no 开始导入, nothing written
    expect(bad.status()).toBe(200);
    const errors = shown(page).locator('#adm-import-errors');
    await errors.getByText('组织 第3行「上级组织」：找不到「晓光材」：系统中和文件中都没有这个组织', { exact: true }).waitFor();
    await errors.getByText('有 1 处错误，请修正后重新选择文件：').waitFor();
    expect(await shown(page).locator('#adm-import-start').count()).toBe(0);
    const children = async () => (await call('listOrgs', { query: { parentId: town.townshipId } })).body.items as { id: string; name: string }[];
    expect((await children()).map((o) => o.name)).toEqual(['e2eimport村']);

    // Act 3: the fixed file, checked again, then 开始导入 and its confirmation
    const good = await pickAndCheck(page, '晓光村.csv', orgsCsv([['', '晓光村', '村（社区）', '村', ''], ['晓光村', '晓光村党支部', '党支部', '', '农村']]));
    expect(good.status()).toBe(200);
    await shown(page).locator('#adm-import-check', { hasText: '将新建：组织 2、驿站 0、党员 0' }).waitFor();
    await shown(page).locator('#adm-import-start').click();
    const [created] = await Promise.all([response(page, 'POST', '/v1/imports'), page.getByText('确定', { exact: true }).click()]);
    expect(created.status()).toBe(201);

    // Assess 3: the progress reaches the end (the page runs the job's chunks one after another)
    const job = shown(page).locator('#adm-import-job');
    await job.locator('.card-title', { hasText: '导入完成' }).waitFor();
    await job.getByText('已处理 2 / 2 行；新建组织 2、驿站 0、党员 0', { exact: true }).waitFor();

    // Assess 4: 组织管理 shows the village, and under it the branch
    await page.goBack();
    const village = shown(page).locator('[id^="adm-child-"]', { hasText: '晓光村' });
    await village.waitFor();
    await village.click();
    await shown(page).locator('#adm-org-name', { hasText: '晓光村' }).waitFor();
    await shown(page).locator('[id^="adm-child-"]', { hasText: '晓光村党支部' }).waitFor();
    expect(visit.errors).toEqual([]);
  });
});
