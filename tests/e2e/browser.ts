// Launches Debian Chromium through playwright-core (Playwright's own browser downloads cannot work here).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** The H5 build's address, e.g. `http://127.0.0.1:10086/` (set by the e2e global setup). */
export function webUrl(): string {
  const url = process.env.WEB_URL;
  if (!url) throw new Error('WEB_URL is not set: the e2e tests need the H5 build served with /v1 proxied to the API');
  return url;
}

/** One person's browser: a context of its own (storage, token), its page, and errors the page threw. */
export interface Persona {
  openid: string;
  context: BrowserContext;
  page: Page;
  errors: Error[];
}

/** A fresh context for `openid`: privacy consent, then the persona picker; lands on 首页. */
export async function openAs(browser: Browser, openid: string, timeoutMs = 20_000): Promise<Persona> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  context.setDefaultTimeout(timeoutMs);
  const page = await context.newPage();
  const persona: Persona = { openid, context, page, errors: [] };
  page.on('pageerror', (err) => persona.errors.push(err));
  await page.goto(webUrl());
  await page.locator('#privacy-agree').click();
  await page.locator('#login').waitFor();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/v1/auth/dev') && r.request().method() === 'POST'),
    page.locator(`#persona-${openid}`).click(),
  ]);
  if (response.status() !== 200) throw new Error(`persona login ${openid} answered ${response.status()}`);
  await page.locator('#login').waitFor({ state: 'detached' }).catch(() => undefined);
  return persona;
}

/** The tab bar shows on tab pages only: go back until it does, then open the tab and wait for its root. */
export async function openTab(page: Page, label: string, rootSelector: string): Promise<void> {
  const tab = page.locator('.weui-tabbar__item', { hasText: label });
  for (let i = 0; i < 6 && !(await tab.isVisible()); i++) {
    await page.goBack();
    await page.waitForTimeout(300);
  }
  await tab.click();
  await page.locator(rootSelector).waitFor({ state: 'visible' });
}

/**
 * One browser for a test file, started before its tests and closed after them with every persona opened in it.
 * `loginAs` opens a persona in a context of its own; `personas` lists them, to check none of their pages threw.
 */
export function personaSession(timeoutMs = 20_000): { loginAs: (openid: string) => Promise<Persona>; personas: Persona[] } {
  let browser: Browser | undefined;
  const personas: Persona[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.allSettled(personas.map((p) => p.context.close()));
    await browser?.close();
  });
  const loginAs = async (openid: string): Promise<Persona> => {
    if (!browser) throw new Error('personaSession: the browser starts in beforeAll');
    const persona = await openAs(browser, openid, timeoutMs);
    personas.push(persona);
    return persona;
  };
  return { loginAs, personas };
}
