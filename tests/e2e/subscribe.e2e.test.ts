// Subscribe-message prompts on H5, where WeChat's prompt does not exist: the flows that ask for grants in the
// mini-program (booking, raising a concern, submitting an idea, a theme-day preview, 我的 with the political
// birthday) still complete, show only their own success toasts, render no reminder buttons and never call the
// subscriptions API.
import type { BrowserContext, Page, Response } from 'playwright-core';
import { call, login } from '../api/http';
import { openTab, personaSession } from './browser';

jest.setTimeout(600_000);

const HOUR = 3600_000;
const PERSONA = 'demo-member-8';
const REMINDERS = ['#booking-reminder', '#cs-reminder', '#td-tab-reminder', '#td-reminder', '#political-birthday-reminder'];

const { loginAs } = personaSession();
let page: Page;
let pageErrors: Error[];
const subscriptionCalls: string[] = [];

declare global {
  interface Window {
    __toasts: string[];
  }
}

/** Records the text of every toast Taro H5 shows (one `.taro__toast` element, shown and hidden by its style). */
function recordToasts(): void {
  window.__toasts = [];
  let last = '';
  new MutationObserver(() => {
    const el = document.querySelector<HTMLElement>('.taro__toast');
    const shown = el && el.style.display !== 'none' ? (el.textContent ?? '').trim() : '';
    if (shown && shown !== last) window.__toasts.push(shown);
    last = shown;
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['style'] });
}

/** Before the app opens: toasts recorded, calls to the subscriptions API counted. */
async function watch(context: BrowserContext, p: Page): Promise<void> {
  await context.addInitScript(recordToasts);
  p.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/v1/me/subscriptions')) subscriptionCalls.push(`${r.method()} ${r.url()}`);
  });
}

function apiResponse(method: string, pathPattern: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname));
}

const toasts = () => page.evaluate(() => window.__toasts);
const remindersShown = async () => (await Promise.all(REMINDERS.map((s) => page.locator(s).count()))).reduce((a, b) => a + b, 0);

describe('subscribe prompts (H5)', () => {
  it('booking, a concern, an idea, a preview and 我的 work without the prompt and never ask the server for templates', async () => {
    // Prepare: a 1-seat slot three hours ahead, with a host of its own so it overlaps no other test's session.
    const start = Math.ceil((Date.now() + 3 * HOUR) / HOUR) * HOUR;
    const session = await call('createSession', {
      token: await login('demo-official-1'),
      params: { stationId: 'st-yucun' },
      body: {
        host: `订阅测试 · 周局长${Math.random().toString(36).slice(2, 6)}`,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 30 * 60_000).toISOString(),
        slotMinutes: 30,
        seatsPerSlot: 1,
      },
    });
    expect(session.status).toBe(201);
    const slotId: string = session.body.slots[0].id;
    const tag = Math.random().toString(36).slice(2, 6);

    ({ page, errors: pageErrors } = await loginAs(PERSONA, watch));

    // Act 1: book the slot.
    await openTab(page, '预约', '#bk-tab');
    await page.locator('#station-st-yucun').click();
    await page.locator('#station-page').waitFor();
    await page.locator(`#slot-${slotId}`).click();
    await page.locator('#topic textarea').fill(`想咨询宅基地审批的办理流程 ${tag}`);
    const [booked] = await Promise.all([apiResponse('POST', new RegExp(`/v1/slots/${slotId}/bookings$`)), page.locator('#book-submit').click()]);
    await page.locator('#booked-card').waitFor();
    const bookedReminders = await remindersShown();

    // Act 2: raise a concern.
    await openTab(page, '说事', '#cs-tab');
    await page.locator('#cs-form').waitFor();
    await page.locator('#cs-village', { hasText: '余村' }).waitFor();
    await page.locator('#cs-category-environment').click();
    await page.locator('#cs-title input').fill(`河道有垃圾 ${tag}`);
    await page.locator('#cs-content textarea').fill('村东河道近来漂浮垃圾较多，希望安排人员清理。');
    const [raised] = await Promise.all([apiResponse('POST', /\/v1\/concerns$/), page.locator('#cs-submit').click()]);
    await page.locator('#cs-success').waitFor();
    const raisedReminders = await remindersShown();

    // Act 3: submit an idea, then look at a preview from the 党日 tab.
    await openTab(page, '党日', '#td-tab');
    await page.locator('#td-open-ideas').click();
    await page.locator('#idea-new').click();
    await page.locator('#idea-form').waitFor();
    await page.locator('#idea-category-volunteer').click();
    await page.locator('#idea-title input').fill(`河道清洁志愿行 ${tag}`);
    await page.locator('#idea-content textarea').fill('组织党员分组清理村东河道，结合主题党日开展志愿服务。');
    const [ideaCreated] = await Promise.all([apiResponse('POST', /\/v1\/branches\/[^/]+\/ideas$/), page.locator('#idea-submit').click()]);
    await page.locator('#idea-detail').waitFor();
    await openTab(page, '党日', '#td-tab');
    const tabReminders = await remindersShown();
    await page.locator('#td-card-seed-themeday-1').click();
    await page.locator('#td-detail').waitFor();
    await page.locator('#td-title').waitFor();
    const previewReminders = await remindersShown();

    // Act 4: 我的 shows the political birthday.
    await openTab(page, '我的', '#me');
    await page.locator('#political-birthday').waitFor();
    const meReminders = await remindersShown();
    const shownToasts = await toasts();

    // Assess
    expect(booked.status()).toBe(201);
    expect(raised.status()).toBe(201);
    expect(ideaCreated.status()).toBe(201);
    expect([bookedReminders, raisedReminders, tabReminders, previewReminders, meReminders]).toEqual([0, 0, 0, 0, 0]);
    expect(subscriptionCalls).toEqual([]);
    expect(shownToasts).toEqual(['预约成功', '创意已提交']);
    expect(pageErrors).toEqual([]);

    // Clean up: the seat and the persona's booking cap are free again for other tests.
    const cancelled = await call('cancelBooking', { token: await login(PERSONA), params: { bookingId: (await booked.json()).id } });
    expect(cancelled.status).toBe(200);
  });
});
