// 适老化 in a real browser (H5 build, a 390 px wide phone): every page, opened by the personas who use it, in normal
// and in 大字模式, measured from computed styles and bounding boxes. Fails when a tap target is under 44 px, text is
// under 13 px (15 px in 大字模式), the page's body text is under 15 px, or an icon-only control has no aria-label.
import type { Page } from 'playwright-core';
import { personaSession, settled, webUrl } from './browser';

jest.setTimeout(600_000);

const { loginAs, visitAsGuest } = personaSession(30_000);

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
  ],
  'demo-secretary-1': [
    '/pages/home/index',
    '/pages/me/index',
    '/packages/themeday-admin/form/index?branchId=yucun-dzb',
    '/packages/themeday-admin/console/index?id=seed-themeday-1',
    '/packages/themeday-admin/attendance/index?id=seed-themeday-1',
    '/packages/notices-admin/form/index?orgId=yucun-dzb',
    '/packages/moderation/queue/index',
  ],
  'demo-township-1': [
    '/pages/home/index',
    '/packages/assessments/view/index',
    '/packages/assessments/branch/index?branchId=yucun-dzb',
    '/packages/cases/list/index',
    '/packages/concerns-admin/queue/index',
  ],
  'demo-official-1': ['/pages/home/index', '/packages/booking-admin/console/index?stationId=st-yucun', '/packages/concerns-admin/queue/index?stationId=st-yucun'],
  'demo-resident-1': ['/pages/home/index', '/pages/concerns/index', '/pages/me/index'],
};

const GUEST_PAGES = ['/pages/home/index', '/pages/themeday/index', '/pages/me/index', '/packages/notices/detail/index?id=seed-notice-1', '/pages/login/index'];

interface Finding {
  what: 'target' | 'text' | 'body' | 'label';
  detail: string;
}

/** Measures the page on show (the visible `.taro_page`, the navigation bar and the tab bar). */
function measure(page: Page, min: { target: number; text: number; body: number }): Promise<Finding[]> {
  return page.evaluate((min) => {
    const found: { what: 'target' | 'text' | 'body' | 'label'; detail: string }[] = [];
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
      const r = el.getBoundingClientRect();
      if (r.height < min.target - 0.5 || r.width < min.target - 0.5) found.push({ what: 'target', detail: `${name(el)} ${r.width.toFixed(1)}×${r.height.toFixed(1)}` });
      if (!(el.textContent ?? '').trim() && !el.getAttribute('aria-label') && !el.querySelector('[aria-label]')) {
        found.push({ what: 'label', detail: name(el) });
      }
    }
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !(node.textContent ?? '').trim() || !shown(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < min.text - 0.05) found.push({ what: 'text', detail: `${name(el)} ${size.toFixed(1)} px` });
      }
    }
    for (const p of pages) {
      const size = parseFloat(getComputedStyle(p).fontSize);
      if (size < min.body - 0.05) found.push({ what: 'body', detail: `page body text ${size.toFixed(1)} px` });
    }
    return found;
  }, min);
}

/** Opens a route in the same document (the hash router keeps the session) and waits for it to settle. */
async function open(page: Page, route: string): Promise<void> {
  await page.goto(`${webUrl()}#${route}`);
  const path = route.split('?')[0]!;
  await page.waitForFunction((p) => decodeURIComponent(location.hash).includes(p), path);
  await settled(page);
  // LoadState's skeleton is gone: the page shows what it loaded (or its error / not-found state).
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('[id$="-loading"]')).some((el) => (el as HTMLElement).offsetParent !== null));
}

async function audit(page: Page, routes: string[], large: boolean): Promise<string[]> {
  const min = large ? { target: 44, text: 15, body: 18 } : { target: 44, text: 13, body: 15 };
  const problems: string[] = [];
  for (const route of routes) {
    await open(page, route);
    for (const f of await measure(page, min)) problems.push(`${large ? '大字' : '标准'} ${route}: ${f.what} ${f.detail}`);
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
  for (const [openid, routes] of Object.entries(JOURNEYS)) {
    test(`${openid}, standard and 大字模式`, async () => {
      const { page, errors } = await loginAs(openid);
      expect(routes.length).toBeGreaterThan(0);
      const problems = await audit(page, routes, false);
      await switchToLargeText(page);
      // Kept across restarts: a reload starts in 大字模式.
      await page.reload();
      await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
      problems.push(...(await audit(page, routes, true)));
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  test('a guest, standard mode', async () => {
    const { page, errors } = await visitAsGuest();
    await page.locator('#login-skip').click();
    expect(await audit(page, GUEST_PAGES, false)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a missing theme day says so and offers the way home', async () => {
    const { page } = await loginAs('demo-member-1');
    await open(page, '/packages/themeday/detail/index?id=no-such-day');
    await page.locator('#td-detail-missing').waitFor();
    expect(await page.locator('#td-detail-retry').count()).toBe(0);
    // Opened as the first page (a shared link): the navigation bar offers 首页, and so does the page.
    await page.locator('#td-detail-home').click();
    await page.locator('#home').waitFor();
  });
});
