// Launches Debian Chromium through playwright-core (Playwright's own browser downloads cannot work here).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

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

/**
 * How long one UI step may wait for the app's state. Tests wait on state, never on time: this bound only tells a hang
 * from a slow step, and on two shared cores a page switch with its requests can take many seconds.
 */
export const UI_TIMEOUT_MS = 60_000;

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

/** One visitor's browser: a context of its own (storage, token), its page, and errors the page threw. */
export interface Visit {
  context: BrowserContext;
  page: Page;
  errors: Error[];
}

/** A visitor logged in as a demo persona. */
export interface Persona extends Visit {
  openid: string;
}

export interface VisitOptions {
  timeoutMs?: number;
  /** Runs on the new context and page before the app opens: init scripts, request listeners. */
  prepare?: (context: BrowserContext, page: Page) => void | Promise<void>;
}

/** A fresh context past the privacy consent, on the login page (where a guest picks 暂不登录). */
export async function openGuest(browser: Browser, { timeoutMs = UI_TIMEOUT_MS, prepare }: VisitOptions = {}): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  context.setDefaultTimeout(timeoutMs);
  const page = await context.newPage();
  const visit: Visit = { context, page, errors: [] };
  page.on('pageerror', (err) => visit.errors.push(err));
  await prepare?.(context, page);
  await page.goto(webUrl());
  await page.locator('#privacy-agree').click();
  await page.locator('#login').waitFor();
  return visit;
}

/** A fresh context for `openid`: privacy consent, then the persona picker; lands on 首页. */
export async function openAs(browser: Browser, openid: string, options: VisitOptions = {}): Promise<Persona> {
  const visit = await openGuest(browser, options);
  const { page } = visit;
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/v1/auth/dev') && r.request().method() === 'POST'),
    page.locator(`#persona-${openid}`).click(),
  ]);
  if (response.status() !== 200) throw new Error(`persona login ${openid} answered ${response.status()}`);
  // Login relaunches the app on 首页: the login page leaves the DOM.
  await page.locator('#login').waitFor({ state: 'detached' });
  return { ...visit, openid };
}

/** The tab pages, as the app config lists them (its tab bar shows on these only). */
const TAB_PAGES = [...readFileSync(path.join(__dirname, '..', '..', 'miniapp', 'src', 'app.config.ts'), 'utf8').matchAll(/pagePath:\s*'([^']+)'/g)].map((m) => m[1]!);

/** Whether the hash router's URL is a tab page (an empty hash is 首页). */
function onTabPage(url: string): boolean {
  const route = new URL(url).hash.replace(/^#\/?/, '').split('?')[0];
  return !route || TAB_PAGES.includes(route);
}

/**
 * The page on show. Taro's H5 router keeps earlier pages in the DOM (hidden), and a page it is unloading loses
 * `taro_page_show` first: the last shown page that is not shaded is the one the user sees.
 */
export function onShow(page: Page): Locator {
  return page.locator('.taro_page.taro_page_show:not(.taro_page_shade)').last();
}

/** What the router holds, for a failure message: the URL and each page element's id and classes. */
async function routerState(page: Page): Promise<string> {
  return page.evaluate(() => [location.hash, ...Array.from(document.querySelectorAll('.taro_page'), (e) => `${e.id} [${e.className}]`)].join('\n  '));
}

/**
 * The tab bar shows on tab pages only: go back until the URL is one and the router shows that tab page again, then
 * open the tab and wait for its root.
 */
export async function openTab(page: Page, label: string, rootSelector: string): Promise<void> {
  if (TAB_PAGES.length < 4) throw new Error(`openTab: found ${TAB_PAGES.length} tab pages in app.config.ts`);
  for (let i = 0; i < 6 && !onTabPage(page.url()); i++) {
    const open = await page.locator('.taro_page').count();
    await page.goBack();
    // Taro's router removes the page it leaves once it has handled the back: the next step starts after that.
    await page.waitForFunction((n) => document.querySelectorAll('.taro_page').length < n, open);
  }
  try {
    // Back on a tab page, the router un-shades it after the page it left is gone; the tab bar then shows.
    await page.locator('.taro_page.taro_tabbar_page.taro_page_show:not(.taro_page_shade)').waitFor();
    await page.locator('.weui-tabbar__item', { hasText: label }).click();
    await page.locator(rootSelector).waitFor({ state: 'visible' });
  } catch (error) {
    throw new Error(`openTab(${label}, ${rootSelector}): ${(error as Error).message}\nrouter:\n  ${await routerState(page)}`);
  }
}

/**
 * Resolves once every request the page started has answered and the network stayed quiet: what the page would show
 * from them (a manage button after the user's grants load) is there by now, so counting an absent one means something.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

/** Clicks a list's 加载更多 and waits until more items than before show (no fixed sleep). */
export async function loadMore(page: Page, itemSelector: string, moreSelector: string): Promise<void> {
  const before = await page.locator(itemSelector).count();
  await page.locator(moreSelector).click();
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [itemSelector, before] as const);
}

export interface PersonaSession {
  /** Opens a persona in a context of its own. */
  loginAs: (openid: string, prepare?: VisitOptions['prepare']) => Promise<Persona>;
  /** Opens a guest (consent given, not logged in) in a context of its own. */
  visitAsGuest: (prepare?: VisitOptions['prepare']) => Promise<Visit>;
  /** The personas opened so far, to check none of their pages threw. */
  personas: Persona[];
}

/** One browser for a test file, started before its tests and closed after them with every context opened in it. */
export function personaSession(timeoutMs = UI_TIMEOUT_MS): PersonaSession {
  let browser: Browser | undefined;
  const personas: Persona[] = [];
  const guests: Visit[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.allSettled([...personas, ...guests].map((v) => v.context.close()));
    await browser?.close();
  });
  const started = (): Browser => {
    if (!browser) throw new Error('personaSession: the browser starts in beforeAll');
    return browser;
  };
  const loginAs = async (openid: string, prepare?: VisitOptions['prepare']): Promise<Persona> => {
    const persona = await openAs(started(), openid, { timeoutMs, prepare });
    personas.push(persona);
    return persona;
  };
  const visitAsGuest = async (prepare?: VisitOptions['prepare']): Promise<Visit> => {
    const guest = await openGuest(started(), { timeoutMs, prepare });
    guests.push(guest);
    return guest;
  };
  return { loginAs, visitAsGuest, personas };
}
