// Deleting an account end to end (H5 build): a resident who gave a phone number and raised a concern with it opens
// 我的, taps 注销账号 and confirms. The app lands on the login page, the old token is refused, the profile is
// anonymised and the phone is gone from the concern the station still has.
// A throwaway resident (not a seeded persona, which other tests use) logs in through the API; the browser gets the
// same token in the storage slot the app reads, as if it had logged in itself.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { concernKeys } from '../../functions/concerns/concern.entity';
import { userKeys } from '../../functions/users/user.entity';
import { itemAt, partition } from '../api/db';
import { call, expectError, freshUser } from '../api/http';
import { launchBrowser, webUrl, UI_TIMEOUT_MS } from './browser';

jest.setTimeout(600_000);


let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: Error[];

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('注销账号 (H5)', () => {
  it('erases the resident after confirmation and signs the app out', async () => {
    // Prepare: a resident with a phone number and a concern that carries it
    const { token, userId } = await freshUser('e2e-leaver');
    expect((await call('updateMe', { token, body: { displayName: '待注销居民', phone: '13900007777', villageId: 'yucun' } })).status).toBe(200);
    const concern = await call('raiseConcern', {
      token,
      body: { villageId: 'yucun', category: 'other', title: '注销前反映的问题', content: '路灯坏了，留个电话方便联系', contactPhone: '13900007777' },
    });
    expect(concern.status).toBe(201);
    await page.goto(webUrl());
    await page.locator('#privacy-agree').click();
    await page.locator('#login').waitFor();
    // Taro's H5 storage keeps each value as {"data": value} in localStorage.
    await page.evaluate((t) => localStorage.setItem('ps.token', JSON.stringify({ data: t })), token);
    await page.goto(`${webUrl()}#/pages/me/index`);
    await page.locator('#display-name', { hasText: '待注销居民' }).waitFor();
    await page.locator('#phone-masked', { hasText: '139****7777' }).waitFor();

    // Act: tap 注销账号, cancel once (nothing happens), then confirm
    await page.locator('#delete-account').click();
    await page.getByText('取消', { exact: true }).click();
    expect((await call('getMe', { token })).status).toBe(200);
    await page.locator('#delete-account').click();
    const [deleted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname === '/v1/me'),
      page.getByText('确定注销', { exact: true }).click(),
    ]);

    // Assess: the app is signed out and back at login; the server forgot the person but kept the concern
    expect(deleted.status()).toBe(204);
    await page.locator('#login').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('ps.token'))).toBeNull();
    expectError(await call('getMe', { token }), 401, 'UNAUTHENTICATED');
    const [profile] = await partition(userKeys.profile(userId).pk);
    expect(profile).toMatchObject({ displayName: '已注销用户', deletedAt: expect.any(String) });
    expect(profile).not.toHaveProperty('phoneEnc');
    expect(profile).not.toHaveProperty('phoneMasked');
    const kept = await itemAt(concernKeys.concern(concern.body.id));
    expect(kept).toMatchObject({ title: '注销前反映的问题' });
    expect(kept).not.toHaveProperty('contactPhoneEnc');
    expect(kept).not.toHaveProperty('contactPhoneMasked');
    expect(pageErrors).toEqual([]);
  });
});
