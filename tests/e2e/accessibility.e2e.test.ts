// 适老化 in a real browser (H5 build, a 390 px wide phone): every page, opened by the personas who use it, in normal
// and in 大字模式, measured from computed styles and bounding boxes. Fails when a tap target is under 44 px, text is
// under 13 px (15 px in 大字模式), the page's body text is under 15 px, or an icon-only control has no aria-label.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { call, login } from '../api/http';
import { personaSession, settled, webUrl } from './browser';
import { MISSING_PAGES } from './missing-pages';

jest.setTimeout(600_000);

const { loginAs, visitAsGuest } = personaSession();

/** Each persona with the pages they open (hash routes, seeded ids). */
const JOURNEYS: Record<string, string[]> = {
  'demo-member-1': [
    '/pages/home/index',
    '/pages/themeday/index',
    '/pages/concerns/index',
    '/pages/booking/index',
    '/pages/me/index',
    '/packages/themeday/detail/index?id=seed-themeday-1',
    '/packages/themeday/ideas/index?branchId=yucun-dzb',
    '/packages/themeday/idea/index?id=seed-idea-1',
    '/packages/themeday/idea-form/index?branchId=yucun-dzb',
    '/packages/themeday/online/index?id=seed-themeday-1',
    '/packages/notices/list/index?orgId=yucun-dzb',
    '/packages/notices/detail/index?id=seed-notice-1',
    '/packages/booking/station/index?stationId=st-yucun',
    '/packages/themeday/detail/index?id=no-such-day',
    `/packages/practices/birthday/index?branchId=yucun-dzb&userId=u-demo-member-1&year=${new Date().getFullYear()}`,
  ],
  'demo-secretary-1': [
    '/pages/home/index',
    '/pages/me/index',
    '/packages/themeday-admin/form/index?branchId=yucun-dzb',
    '/packages/themeday-admin/console/index?id=seed-themeday-1',
    '/packages/themeday-admin/attendance/index?id=seed-themeday-1',
    '/packages/notices-admin/form/index?orgId=yucun-dzb',
    '/packages/moderation/queue/index',
    '/packages/themeday-admin/close/index?id=seed-themeday-1',
    '/packages/people/members/index?branchId=yucun-dzb',
    '/packages/people/invitations/index?orgId=yucun-dzb',
    '/packages/people/grants/index?orgId=yucun-dzb',
    '/packages/practices/dues/index?branchId=yucun-dzb',
  ],
  'demo-township-1': [
    '/pages/home/index',
    '/packages/assessments/view/index',
    '/packages/assessments/branch/index?branchId=yucun-dzb',
    '/packages/cases/list/index',
    '/packages/cases/detail/index?id=seed-themeday-1',
    '/packages/assessments/day/index?id=seed-themeday-1',
    '/packages/concerns-admin/queue/index',
    '/packages/admin/orgs/index',
    '/packages/admin/import/index?orgId=tianhuangping',
    '/packages/admin/station/index?orgId=tianhuangping',
    '/packages/admin/station/index?stationId=st-yucun',
    '/packages/people/invitations/index?orgId=tianhuangping',
    '/packages/people/grants/index?orgId=tianhuangping',
    '/packages/practices/overview/index?townshipId=tianhuangping',
  ],
  'demo-official-1': [
    '/pages/home/index',
    '/packages/booking-admin/console/index?stationId=st-yucun',
    '/packages/concerns-admin/queue/index?stationId=st-yucun',
    '/packages/concerns-admin/handle/index?id={concern}',
  ],
  'demo-resident-1': ['/pages/home/index', '/pages/concerns/index', '/pages/me/index', '/packages/concerns/detail/index?id={concern}&mine=1', '/packages/people/redeem/index?code=ABCDEFGH'],
};

const GUEST_PAGES = [
  '/pages/home/index',
  '/pages/themeday/index',
  '/pages/me/index',
  '/packages/notices/detail/index?id=seed-notice-1',
  '/pages/login/index',
  '/pages/privacy/index',
];

/** Records made for the test that routes name in braces (`{concern}`): no seeded one exists. */
const records: Record<string, string> = {};
const withRecords = (routes: string[]) => routes.map((r) => r.replace(/\{(\w+)\}/g, (_, k: string) => records[k] ?? `missing-${k}`));

beforeAll(async () => {
  const concern = await call('raiseConcern', {
    token: await login('demo-resident-1'),
    body: { villageId: 'yucun', category: 'environment', title: '村口路灯不亮', content: '村口两盏路灯坏了一个多星期，晚上出行不便。' },
  });
  if (concern.status !== 201) throw new Error(`raiseConcern → ${concern.status} ${JSON.stringify(concern.body)}`);
  records.concern = concern.body.id as string;
});

/** Every page of the app, as app.config.ts lists them. */
function appPages(): string[] {
  const config = readFileSync(path.resolve(__dirname, '../../miniapp/src/app.config.ts'), 'utf8');
  const pages = [...config.matchAll(/'(pages\/[\w-]+\/index)'/g)].map((m) => m[1]!);
  for (const pkg of config.matchAll(/root: '([\w/-]+)'[^\n]*?pages: \[([^\]]*)\]/g)) {
    for (const p of pkg[2]!.matchAll(/'([\w/-]+)'/g)) pages.push(`${pkg[1]}/${p[1]}`);
  }
  return pages;
}

test('every page of the app is measured by someone', () => {
  const measured = new Set([...Object.values(JOURNEYS).flat(), ...GUEST_PAGES].map((r) => r.slice(1).split('?')[0]));
  expect(appPages().length).toBeGreaterThan(20);
  expect(appPages().filter((p) => !measured.has(p))).toEqual([]);
});

interface Finding {
  what: 'target' | 'text' | 'body' | 'label';
  detail: string;
}

/** Measures the page on show (the visible `.taro_page`, the navigation bar and the tab bar). */
interface Measured {
  found: Finding[];
  /** How much was measured: a page with no text measured means the test looked at nothing. */
  targets: number;
  texts: number;
}

function measure(page: Page, min: { target: number; text: number; body: number }): Promise<Measured> {
  return page.evaluate((min) => {
    const found: { what: 'target' | 'text' | 'body' | 'label'; detail: string }[] = [];
    let targetCount = 0;
    let textCount = 0;
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
    /** React's props on the element: Taro's components keep `onClick` there. */
    const clickable = (el: Element) => {
      const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
      const props = key ? (el as unknown as Record<string, { onClick?: unknown } | undefined>)[key] : undefined;
      return typeof props?.onClick === 'function';
    };
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter(shown);
    const roots = [...pages, ...Array.from(document.querySelectorAll('#taro-navigation-bar, .weui-tabbar'))].filter(shown);
    const targetSelector = 'button, .nut-button, [role=button], [role=switch], .weui-tabbar__item, taro-picker-core, input[type=checkbox]';
    const targets = new Set<Element>();
    for (const root of roots) {
      for (const el of Array.from(root.querySelectorAll('*'))) if ((el.matches(targetSelector) || clickable(el)) && shown(el)) targets.add(el);
    }
    for (const el of targets) {
      // A target inside a bigger target (the text of a button) is the bigger one's.
      if ([...targets].some((t) => t !== el && t.contains(el))) continue;
      targetCount++;
      const r = el.getBoundingClientRect();
      if (r.height < min.target - 0.5 || r.width < min.target - 0.5) found.push({ what: 'target', detail: `${name(el)} ${r.width.toFixed(1)}×${r.height.toFixed(1)}` });
      // Icon-only: no text of its own, so a screen reader needs its (or its wrapper's) aria-label.
      if (!(el.textContent ?? '').trim() && !el.closest('[aria-label]') && !el.querySelector('[aria-label]')) {
        found.push({ what: 'label', detail: name(el) });
      }
    }
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !(node.textContent ?? '').trim() || !shown(el)) continue;
        textCount++;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < min.text - 0.05) found.push({ what: 'text', detail: `${name(el)} ${size.toFixed(1)} px` });
      }
    }
    for (const p of pages) {
      const size = parseFloat(getComputedStyle(p).fontSize);
      if (size < min.body - 0.05) found.push({ what: 'body', detail: `page body text ${size.toFixed(1)} px` });
    }
    return { found, targets: targetCount, texts: textCount };
  }, min);
}

/** Loads a route afresh (one page in the DOM, the token kept in storage) and waits until it shows what it loaded. */
async function open(page: Page, route: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${webUrl()}#${route}`);
  await page.locator('.taro_page').first().waitFor({ state: 'visible' });
  await settled(page);
  // LoadState's skeleton is gone: the page shows what it loaded (or its error / not-found state).
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('.skeleton')).some((el) => (el as HTMLElement).offsetParent !== null));
}

async function audit(page: Page, routes: string[], large: boolean): Promise<string[]> {
  const min = large ? { target: 44, text: 15, body: 18 } : { target: 44, text: 13, body: 15 };
  const problems: string[] = [];
  for (const route of routes) {
    await open(page, route);
    const { found, targets, texts } = await measure(page, min);
    if (texts === 0 || targets === 0) problems.push(`${route}: measured ${texts} texts and ${targets} targets`);
    // Measured as it is used: not its error or not-found state (but for the route that asks for a missing record).
    const state = await page.locator('.taro_page .state').filter({ visible: true }).count();
    if (state > 0 && !route.includes('no-such')) problems.push(`${route}: shows its error state`);
    for (const f of found) problems.push(`${large ? '大字' : '标准'} ${route}: ${f.what} ${f.detail}`);
  }
  return problems;
}

/** Turns 大字模式 on through 我的 (the switch the user taps). */
async function switchToLargeText(page: Page): Promise<void> {
  await open(page, '/pages/me/index');
  await page.locator('#large-text').click();
  await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
}

describe('适老化: tap targets, text sizes and labels on every page', () => {
  for (const [openid, journey] of Object.entries(JOURNEYS)) {
    test(`${openid}, standard and 大字模式`, async () => {
      const { page, errors } = await loginAs(openid);
      const routes = withRecords(journey);
      expect(routes.length).toBeGreaterThan(0);
      const problems = await audit(page, routes, false);
      await switchToLargeText(page);
      // Kept across restarts: a fresh load starts in 大字模式.
      await open(page, '/pages/home/index');
      expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
      problems.push(...(await audit(page, routes, true)));
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  test('a guest, standard mode', async () => {
    const { page, errors } = await visitAsGuest();
    // 暂不登录 is above the fold of a phone.
    const skip = await page.locator('#login-skip').boundingBox();
    expect(skip && skip.y + skip.height).toBeLessThanOrEqual(844);
    await page.locator('#login-skip').click();
    expect(await audit(page, GUEST_PAGES, false)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a missing theme day says so and offers the way home', async () => {
    const { page } = await loginAs('demo-member-1');
    await open(page, '/packages/themeday/detail/index?id=no-such-day');
    await page.locator('#td-detail-missing').waitFor();
    expect(await page.locator('#td-detail-retry').count()).toBe(0);
    // Opened as the first page (a shared link): the navigation bar has the page's title and offers 首页, as the page does.
    expect((await page.locator('#taro-navigation-bar .taro-navigation-bar-title').textContent())?.trim()).toBe('主题党日预告');
    const home = page.locator('#taro-navigation-bar .taro-navigation-bar-home');
    await home.waitFor({ state: 'visible' });
    expect(await home.getAttribute('aria-label')).toBe('回到首页');
    expect(await page.locator('#taro-navigation-bar .taro-navigation-bar-back').isVisible()).toBe(false);
    await page.locator('#td-detail-home').click();
    await page.locator('#home').waitFor();
  });

  test('every page of one record, opened cold on a missing id, says so and offers 首页 (on the page and in the bar)', async () => {
    const problems: string[] = [];
    for (const persona of [...new Set(MISSING_PAGES.map(([who]) => who))]) {
      const { page, errors } = await loginAs(persona);
      for (const [, route, state] of MISSING_PAGES.filter(([who]) => who === persona)) {
        await open(page, route);
        const shown = async (selector: string) => (await page.locator(selector).count()) > 0 && page.locator(selector).first().isVisible();
        if (!(await shown(`#${state}-missing`))) problems.push(`${route}: no #${state}-missing`);
        else if (!(await shown(`#${state}-home`))) problems.push(`${route}: no #${state}-home`);
        if (!(await shown('#taro-navigation-bar .taro-navigation-bar-home'))) problems.push(`${route}: no 首页 in the navigation bar`);
      }
      const [, route, state] = MISSING_PAGES.find(([who]) => who === persona)!;
      await open(page, route);
      await page.locator(`#${state}-home`).click();
      await page.locator('#home').waitFor();
      expect(errors).toEqual([]);
    }
    expect(problems).toEqual([]);
  });

  test('a page opened from another has a back action in the navigation bar', async () => {
    const { page } = await loginAs('demo-member-1');
    await open(page, '/pages/home/index');
    await page.locator('#home-entry-cases').click();
    const back = page.locator('#taro-navigation-bar .taro-navigation-bar-back');
    await back.waitFor({ state: 'visible' });
    expect(await back.getAttribute('aria-label')).toBe('返回');
    expect((await page.locator('#taro-navigation-bar .taro-navigation-bar-title').textContent())?.trim()).toBe('百例案例库');
    await back.click();
    await page.locator('#home').waitFor({ state: 'visible' });
  });
});
