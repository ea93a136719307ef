// The mini-program shell in a real browser (H5 build): privacy consent, dev persona login, 我的.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, webUrl, UI_TIMEOUT_MS } from './browser';

jest.setTimeout(600_000);


let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: Error[];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err));
});

afterEach(async () => {
  await context?.close();
});

/** A first visit lands on the privacy consent page, whatever page was asked for. */
async function openApp(): Promise<void> {
  await page.goto(webUrl());
  await page.locator('#privacy').waitFor();
}

/** Consent, then the persona picker; resolves with the user the API logged in. */
async function agreeAndLoginAs(openid: string): Promise<{ displayName: string }> {
  await page.locator('#privacy-agree').click();
  await page.locator('#login').waitFor();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/v1/auth/dev') && r.request().method() === 'POST'),
    page.locator(`#persona-${openid}`).click(),
  ]);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { user: { displayName: string } };
  return body.user;
}

async function openMeTab(): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
  await page.locator('#me').waitFor();
}

describe('mini-program shell (H5)', () => {
  it('asks for privacy consent first, logs in as 党员 1 and shows their branch on 我的', async () => {
    // Prepare: a fresh browser context has no consent and no token.
    await openApp();
    const privacyUrl = page.url();

    // Act
    const user = await agreeAndLoginAs('demo-member-1');
    await openMeTab();
    await page.locator('#grants', { hasText: '余村党支部' }).waitFor();

    // Assess
    expect(privacyUrl).toContain('pages/privacy/index');
    expect(user.displayName).not.toBe('');
    expect((await page.locator('#display-name').textContent())?.trim()).toBe(user.displayName);
    const grants = (await page.locator('#grants').textContent()) ?? '';
    expect(grants).toContain('党员');
    expect(grants).toContain('余村党支部');
    expect(pageErrors).toEqual([]);
  });

  it('shows an error for a wrong invitation code and keeps working', async () => {
    // Prepare
    await openApp();
    await agreeAndLoginAs('demo-member-1');
    await openMeTab();
    const name = await page.locator('#display-name').textContent();

    // Act: a well-formed code that no one issued, sent to the API
    await page.locator('#redeem-code input').fill('NOSUCHCODE42');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/v1/invitations/NOSUCHCODE42/redeem') && r.request().method() === 'POST'),
      page.locator('#redeem-submit').click(),
    ]);
    await page.locator('#redeem-error').waitFor();

    // Assess: the server refused it, and the page says so
    expect(response.status()).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const shown = ((await page.locator('#redeem-error').textContent()) ?? '').trim();
    expect(shown).not.toBe('');
    expect(shown).not.toContain('邀请码格式不正确');
    expect(await page.locator('#display-name').textContent()).toBe(name);
    expect(await page.locator('#grants').textContent()).toContain('党员');
    expect(pageErrors).toEqual([]);
  });

  it('checks the code format before sending it', async () => {
    // Prepare
    await openApp();
    await agreeAndLoginAs('demo-member-1');
    await openMeTab();
    let redeemCalls = 0;
    page.on('request', (r) => {
      if (r.url().includes('/v1/invitations/')) redeemCalls++;
    });

    // Act
    await page.locator('#redeem-code input').fill('不是邀请码!');
    await page.locator('#redeem-submit').click();
    await page.locator('#redeem-error').waitFor();

    // Assess
    expect(await page.locator('#redeem-error').textContent()).toContain('邀请码格式不正确');
    expect(redeemCalls).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
