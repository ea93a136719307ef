// 首页, 三项考核 and 党务公开 end to end in a real browser (H5 build): the township admin of 天荒坪镇 opens 考核, sees the
// chart and the table of the township's branches, changes the month, drills into 余村党支部 and its closed theme day
// and records guidance; a visitor who never logs in picks 余村 on 首页 and reads a public notice.
import type { Page, Response } from 'playwright-core';
import { moveThemeDayStart } from '../api/db';
import { call, login } from '../api/http';
import { personaSession, settled, type Visit } from './browser';

jest.setTimeout(600_000);

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const SEEDED_NOTICE = { id: 'seed-notice-1', title: '余村党支部第三季度党费收缴情况公示' };

const { loginAs: openAs, visitAsGuest } = personaSession();

/** A persona, landed on 首页. */
async function loginAs(openid: string): Promise<Visit> {
  const visit = await openAs(openid);
  await visit.page.locator('#home').waitFor();
  return visit;
}

function apiResponse(page: Page, method: string, pathPattern: RegExp, search?: RegExp): Promise<Response> {
  return page.waitForResponse((r) => {
    const url = new URL(r.url());
    return r.request().method() === method && pathPattern.test(url.pathname) && (!search || search.test(url.search));
  });
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

const shanghaiMonth = (ms = Date.now()) => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
const monthLabel = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * Through the API: 余村党支部 holds a theme day this month (three members check in) and closes it with a summary. The
 * day is made an hour ahead (check-in opens then) and moved to have just started with a direct write, as the clock
 * would: no waiting for a start a few seconds away. Resolves with the day and the instant it started.
 */
async function holdClosedDay(title: string): Promise<{ id: string; startedAt: number }> {
  const secretary = await login('demo-secretary-1');
  const created = await call('createThemeDay', {
    token: secretary,
    params: { branchId: 'yucun-dzb' },
    body: {
      title,
      startsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      location: '余村村委会二楼党员活动室',
      agenda: ['重温入党誓词', '学习研讨'],
      onlineParticipation: false,
      category: 'oath',
    },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await call('publishThemeDay', { token: secretary, params: { id } })).status).toBe(200);
  const issued = await call('createCheckInCode', { token: secretary, params: { id } });
  expect(issued.status).toBe(201);
  for (const openid of ['demo-member-5', 'demo-member-6', 'demo-member-7']) {
    const res = await call('checkIn', { token: await login(openid), params: { id }, body: { code: issued.body.code } });
    expect([200, 201]).toContain(res.status);
  }
  const startedAt = Date.now() - 1000;
  await moveThemeDayStart(id, new Date(startedAt).toISOString());
  const closed = await call('closeThemeDay', { token: secretary, params: { id }, body: { summary: '重温入党誓词，交流学习体会。' } });
  expect(closed.status).toBe(200);
  expect(closed.body.stats.present).toBe(3);
  return { id, startedAt };
}

describe('首页, 三项考核, 党务公开 (H5)', () => {
  it('a township admin opens 考核, sees the chart and the table, changes the month and drills into a branch', async () => {
    // ---- Prepare: a closed day this month, so 余村党支部 has a real attendance rate.
    const title = `考核 e2e ${Date.now().toString(36)}`;
    const { id: dayId, startedAt } = await holdClosedDay(title);
    const month = shanghaiMonth(startedAt); // the day's month, even if a month ends during the test
    const { page, errors } = await loginAs('demo-township-1');

    // ---- Act: 首页 → 三项考核
    await page.locator('#home-entry-assessments').click();
    const [loaded] = await Promise.all([
      apiResponse(page, 'GET', /\/v1\/orgs\/tianhuangping\/assessments$/, new RegExp(`month=${month}`)),
      page.locator('#as-view').waitFor(),
    ]);
    expect(loaded.status()).toBe(200);
    await page.locator('#as-chart').waitFor();

    // ---- Assess: the township's branches in the chart (one bar each, the 92% line) and in the table
    expect(await text(page, '#as-org-name')).toBe('天荒坪镇');
    expect(await text(page, '#as-period-value')).toBe(monthLabel(month));
    expect(await text(page, '#as-target-label')).toBe('92%');
    for (const branch of ['yucun-dzb', 'daxi-dzb']) {
      expect(await page.locator(`#as-bar-${branch}`).count()).toBe(1);
      expect(await page.locator(`#as-row-${branch}`).count()).toBe(1);
    }
    const bar = await page.locator('#as-bar-yucun-dzb').boundingBox();
    expect(bar?.height ?? 0).toBeGreaterThan(0);
    expect(await page.locator('#as-chart .as-chart__line').count()).toBeGreaterThanOrEqual(2);
    const table = (await page.locator('#as-table').textContent()) ?? '';
    expect(table).toContain('余村党支部');
    expect(table).toContain('大溪村党支部');
    expect(table).toContain('出勤率');
    // The table is wider than the phone and says it scrolls; a name under a chart bar stays on one line.
    await page.locator('#as-table-hint').waitFor({ state: 'visible' });
    expect(await page.locator('#as-table').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const name = page.locator('#as-col-yucun-dzb .as-chart__name');
    expect(await name.evaluate((el) => el.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(el).lineHeight))).toBe(true);
    expect(await text(page, '#as-yucun-dzb-attendanceRate')).toMatch(/^\d{1,3}\.\d%$/);
    expect(Number(await text(page, '#as-yucun-dzb-themeDaysHeld'))).toBeGreaterThanOrEqual(1);
    expect(Number(await text(page, '#as-yucun-dzb-monthsHeld'))).toBeGreaterThanOrEqual(1);

    // ---- The month can be changed (and changed back)
    const before = previousMonth(month);
    const [prev] = await Promise.all([
      apiResponse(page, 'GET', /\/v1\/orgs\/tianhuangping\/assessments$/, new RegExp(`month=${before}`)),
      page.locator('#as-prev').click(),
    ]);
    expect(prev.status()).toBe(200);
    await page.locator('#as-period-value', { hasText: monthLabel(before) }).waitFor();
    await Promise.all([
      apiResponse(page, 'GET', /\/v1\/orgs\/tianhuangping\/assessments$/, new RegExp(`month=${month}`)),
      page.locator('#as-next').click(),
    ]);
    await page.locator('#as-period-value', { hasText: monthLabel(month) }).waitFor();

    // ---- Drill into 余村党支部: its theme days of the month, the closed one among them
    const [days] = await Promise.all([
      apiResponse(page, 'GET', /\/v1\/branches\/yucun-dzb\/theme-days$/),
      page.locator('#as-row-yucun-dzb').click(),
    ]);
    expect(days.status()).toBe(200);
    await page.locator('#as-branch').waitFor();
    expect(await text(page, '#as-branch-name')).toBe('余村党支部');
    await page.locator(`#as-days #td-card-${dayId}`).waitFor();
    expect(await page.locator(`#td-card-${dayId}`).textContent()).toContain(title);

    // ---- One day: its figures and summary; the township admin records guidance
    await page.locator(`#as-days #td-card-${dayId}`).click();
    await page.locator('#as-day').waitFor();
    expect(await text(page, '#ca-day-title')).toBe(title);
    expect(await text(page, '#ca-day-summary-text')).toBe('重温入党誓词，交流学习体会。');
    expect(await text(page, '#ca-stat-present')).toBe('3');
    await page.locator('#ca-guidance-empty').waitFor();
    await page.locator('#as-guide-star-4').click();
    await page.locator('#as-guide-comment textarea').fill('议程完整，建议增加党员交流发言。');
    const [guided] = await Promise.all([apiResponse(page, 'POST', new RegExp(`/v1/theme-days/${dayId}/guidance$`)), page.locator('#as-guide-submit').click()]);
    expect(guided.status()).toBe(201);
    await page.locator('#ca-guidance', { hasText: '议程完整，建议增加党员交流发言。' }).waitFor();
    expect(await page.locator('#ca-guidance .ca-guidance__stars').first().textContent()).toBe('★★★★☆');
    expect(errors).toEqual([]);
  });

  it('a visitor picks a village on 首页 and reads a public notice without logging in', async () => {
    // ---- Prepare: consent, then 「暂不登录」 on the login page
    const { page, errors } = await visitAsGuest();
    const authCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/auth/') || r.url().endsWith('/v1/me') || r.headers().authorization) authCalls.push(r.url());
    });
    await page.locator('#login-skip').click();
    await page.locator('#home').waitFor();
    await page.locator('#home-guest').waitFor();

    // ---- Act: 天荒坪镇 → 余村; the feed shows the village's, its branch's and the township's notices
    await page.locator('#home-pick-township-tianhuangping').click();
    await page.locator('#home-pick-village-yucun').click();
    await page.locator('#home-village-change', { hasText: '余村' }).waitFor();
    await page.locator(`#home-notice-${SEEDED_NOTICE.id}`).waitFor();
    const feed = (await page.locator('#home-feed').textContent()) ?? '';
    expect(feed).toContain('余村 2026 年村级财务收支公开');
    expect(feed).toContain('关于做好本月主题党日活动的通知');
    expect(await page.locator(`#home-notice-${SEEDED_NOTICE.id}`).textContent()).toContain('置顶');

    const [read] = await Promise.all([
      apiResponse(page, 'GET', new RegExp(`/v1/notices/${SEEDED_NOTICE.id}$`)),
      page.locator(`#home-notice-${SEEDED_NOTICE.id}`).click(),
    ]);

    // ---- Assess: the notice is readable; nothing asked for a login
    expect(read.status()).toBe(200);
    await page.locator('#nt-detail').waitFor();
    expect(await text(page, '#nt-title')).toBe(SEEDED_NOTICE.title);
    expect(await text(page, '#nt-category')).toBe('党务');
    await page.locator('#nt-pinned').waitFor();
    expect(await text(page, '#nt-org')).toBe('余村党支部');
    expect(await page.locator('#nt-body').textContent()).toContain('第三季度党费');
    await settled(page);
    expect(await page.locator('#nt-manage').count()).toBe(0);

    // The branch's list, from the detail: pinned first
    await page.locator('#nt-org').click();
    await page.locator('#nt-list').waitFor();
    await page.locator(`#nt-items #nt-card-${SEEDED_NOTICE.id}`).waitFor();
    expect(await text(page, '#nt-list-org')).toBe('余村党支部');
    expect(await page.locator('#nt-items .nt-card').first().getAttribute('id')).toBe(`nt-card-${SEEDED_NOTICE.id}`);
    await settled(page);
    expect(await page.locator('#nt-new').count()).toBe(0);

    expect(authCalls).toEqual([]);
    expect(page.url()).not.toContain('pages/login');
    const token = await page.evaluate(() => window.localStorage.getItem('ps.token'));
    expect(token === null || token === '' || token === '""').toBe(true);
    expect(errors).toEqual([]);
  });
});
