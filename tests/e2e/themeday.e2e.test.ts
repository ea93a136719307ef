// 主题党日 end to end in a real browser (H5 build): the secretary creates and publishes a theme day; a member sees the
// preview, RSVPs and submits an idea; another member supports it; the secretary answers it and opens a check-in code;
// two members check in with it; one takes part online; the secretary closes the day and sees the figures.
// Each persona has its own browser context (its own storage and token).
import type { Page, Response } from 'playwright-core';
import { openTab, personaSession, settled, webUrl, type Persona } from './browser';
import { DAY_MS, HOUR_MS, formatDateKey } from '../../shared/time';
import { THEMEDAY_RULES } from '../../shared/rules/themeday';
import { themeDayKeys } from '../../functions/themedays/themeday.entity';
import { call, login } from '../api/http';
import { moveThemeDayStart, setAttributes } from '../api/db';

jest.setTimeout(600_000);

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

const { loginAs, personas } = personaSession();

const openThemeDayTab = (page: Page) => openTab(page, '党日', '#td-tab');

/** From the 党日 tab to the preview of one theme day. */
async function openThemeDay(page: Page, id: string): Promise<void> {
  await openThemeDayTab(page);
  await page.locator(`#td-card-${id}`).click();
  await page.locator('#td-detail').waitFor();
}

function apiResponse(page: Page, method: string, pathPattern: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname));
}

/** Taro's H5 picker opens a wheel; set the value the way the wheel reports it (a `change` event with detail.value). */
/** Sets a picker's value; it then shows `shown` (dates in the app's one format, 2026年12月7日). */
async function setPicker(page: Page, id: string, value: string, shown = value): Promise<void> {
  await page.locator(`#${id}`).evaluate((el, v) => {
    el.dispatchEvent(new CustomEvent('change', { detail: { value: v }, bubbles: true }));
  }, value);
  await page.locator(`#${id}`, { hasText: shown }).waitFor();
}

function shanghai(ms: number): { date: string; time: string } {
  const iso = new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

const textOf = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

/** The theme day's primary (red) buttons on screen: one per state, so a member at a running day is not offered three. */
const primaryActions = (page: Page) => page.locator('#td-detail .nut-button.nut-button-primary:visible').count();

describe('主题党日 (H5)', () => {
  it('runs a theme day from preview to closing figures', async () => {
    // ---- Prepare: the secretary creates a day that started a minute ago and runs two hours, and publishes it.
    const secretary = await loginAs('demo-secretary-1');
    const sp = secretary.page;
    const title = `主题党日 e2e ${Date.now().toString(36)}`;
    const start = shanghai(Date.now() - 60_000);
    const end = shanghai(Date.now() + 2 * 3600_000);

    await openThemeDayTab(sp);
    await sp.locator('#td-new').click();
    await sp.locator('#tdf').waitFor();
    await sp.locator('#tdf-title input').fill(title);
    await setPicker(sp, 'tdf-start-date', start.date, formatDateKey(start.date));
    await setPicker(sp, 'tdf-start-time', start.time);
    await setPicker(sp, 'tdf-end-date', end.date, formatDateKey(end.date));
    await setPicker(sp, 'tdf-end-time', end.time);
    await sp.locator('#tdf-location input').fill('余村党群服务中心二楼会议室');
    await sp.locator('#tdf-agenda-0 input').fill('重温入党誓词');
    await sp.locator('#tdf-agenda-add').click();
    await sp.locator('#tdf-agenda-1 input').fill('学习研讨：乡村振兴');
    expect(await sp.locator('#tdf-online input').isChecked()).toBe(true);
    const [created] = await Promise.all([apiResponse(sp, 'POST', /\/v1\/branches\/[^/]+\/theme-days$/), sp.locator('#tdf-save').click()]);
    expect(created.status()).toBe(201);
    const day = (await created.json()) as { id: string; status: string; startsAt: string };
    expect(day.status).toBe('draft');
    await sp.locator('#td-detail #td-publish').waitFor();
    const [published] = await Promise.all([apiResponse(sp, 'POST', /\/publish$/), sp.locator('#td-publish').click()]);
    expect(published.status()).toBe(200);
    expect(((await published.json()) as { lateNotice: boolean }).lateNotice).toBe(true);
    await sp.locator('#td-detail #td-late').waitFor();
    expect(await textOf(sp, '#td-status')).toBe('已发布');

    // ---- Member 1 sees the preview (no secretary controls), RSVPs and submits an idea.
    const member1 = await loginAs('demo-member-1');
    const m1 = member1.page;
    await openThemeDayTab(m1);
    await m1.locator(`#td-card-${day.id}`, { hasText: '预告发布较晚' }).waitFor();
    // Members read where the day stands (it began a minute ago), not the secretary's 已发布
    expect(await textOf(m1, `#td-card-${day.id}`)).toContain('进行中');
    expect(await textOf(m1, `#td-card-${day.id}`)).not.toContain('已发布');
    await settled(m1);
    expect(await m1.locator('#td-new').count()).toBe(0); // the secretary's page showed it (#td-new clicked above)
    await m1.locator(`#td-card-${day.id}`).click();
    await m1.locator('#td-detail').waitFor();
    expect(await textOf(m1, '#td-title')).toBe(title);
    expect(await textOf(m1, '#td-status')).toBe('进行中');
    expect(await textOf(m1, '#td-location')).toBe('余村党群服务中心二楼会议室');
    expect(await m1.locator('#td-agenda').textContent()).toContain('学习研讨：乡村振兴');
    await m1.locator('#rsvp-attend').waitFor(); // the member's controls, from the same user as the secretary's card
    await settled(m1);
    expect(await m1.locator('#td-secretary').count()).toBe(0);
    expect(await primaryActions(m1)).toBe(1);
    const [rsvp] = await Promise.all([apiResponse(m1, 'PUT', /\/rsvp$/), m1.locator('#rsvp-attend').click()]);
    expect(rsvp.status()).toBe(200);
    await m1.locator('#rsvp-state', { hasText: '您已报名参加' }).waitFor();

    await openThemeDayTab(m1);
    await m1.locator('#td-open-ideas').click();
    await m1.locator('#ideas').waitFor();
    await m1.locator('#idea-new').click();
    await m1.locator('#idea-form').waitFor();
    const ideaTitle = `红色研学 ${Date.now().toString(36)}`;
    await m1.locator('#idea-category-visit').click();
    await m1.locator('#idea-title input').fill(ideaTitle);
    await m1.locator('#idea-content textarea').fill('组织党员参观余村“两山”理念展示馆，结合实地讲解开展学习研讨。');
    expect(await textOf(m1, '#idea-title-count')).toBe(`${ideaTitle.length}/40`);
    const [ideaCreated] = await Promise.all([apiResponse(m1, 'POST', /\/v1\/branches\/[^/]+\/ideas$/), m1.locator('#idea-submit').click()]);
    expect(ideaCreated.status()).toBe(201);
    const idea = (await ideaCreated.json()) as { id: string; status: string };
    expect(idea.status).toBe('open');
    await m1.locator('#idea-detail').waitFor();
    expect(await textOf(m1, '#idea-title-text')).toBe(ideaTitle);

    // ---- Member 2 supports the idea from the list (the count moves at once and sticks).
    const member2 = await loginAs('demo-member-2');
    const m2 = member2.page;
    await openThemeDayTab(m2);
    await m2.locator('#td-open-ideas').click();
    await m2.locator(`#idea-${idea.id}`).waitFor();
    const [supported] = await Promise.all([apiResponse(m2, 'PUT', /\/support$/), m2.locator(`#support-${idea.id}`).click()]);
    expect(supported.status()).toBe(200);
    expect(((await supported.json()) as { supportCount: number }).supportCount).toBe(1);
    await m2.locator(`#support-${idea.id}`, { hasText: '已支持 1' }).waitFor();

    // ---- The secretary answers the idea; its author sees the answer.
    await openThemeDayTab(sp);
    await sp.locator('#td-open-ideas').click();
    await sp.locator(`#idea-${idea.id}`).click();
    await sp.locator('#idea-detail #answer-form').waitFor();
    await sp.locator('#answer-status-accepted').click();
    await sp.locator('#answer-reply textarea').fill('好创意，已纳入下月主题党日安排。');
    const [answered] = await Promise.all([apiResponse(sp, 'POST', /\/answer$/), sp.locator('#answer-submit').click()]);
    expect(answered.status()).toBe(200);
    await sp.locator('#idea-answer-reply', { hasText: '好创意' }).waitFor();

    await m1.reload();
    await m1.locator('#idea-answer-reply', { hasText: '好创意，已纳入下月主题党日安排。' }).waitFor();
    expect(await textOf(m1, '#idea-answer-status')).toBe('已采纳');
    // Its author cannot support their own idea: the count shows, not the button.
    await m1.locator('#idea-detail', { hasText: '1 人支持' }).waitFor();
    expect(await m1.locator('#idea-support').count()).toBe(0);
    // 修改答复 opens with the current answer on a fresh visit, not empty.
    const again = await secretary.context.newPage();
    await again.goto(`${webUrl()}#/packages/themeday/idea/index?id=${idea.id}`);
    await again.locator('#answer-form', { hasText: '修改答复' }).waitFor();
    expect(await again.locator('#answer-reply textarea').inputValue()).toBe('好创意，已纳入下月主题党日安排。');
    await again.close();

    // ---- The secretary opens the check-in screen: a code, and a live count.
    await openThemeDay(sp, day.id);
    const [codeResponse] = await Promise.all([apiResponse(sp, 'POST', /\/check-in-codes$/), sp.locator('#td-console').click()]);
    expect(codeResponse.status()).toBe(201);
    const issued = (await codeResponse.json()) as { code: string; qrText: string };
    await sp.locator('#console-code').waitFor();
    const shownCode = await textOf(sp, '#console-code');
    expect(shownCode).toBe(issued.code);
    expect(issued.qrText).toBe(`checkin:${day.id}:${issued.code}`);
    expect(await textOf(sp, '#console-count')).toBe('0');

    // ---- Act: two members type the code; a third takes part online.
    const checkIns: Persona[] = [];
    for (const openid of ['demo-member-3', 'demo-member-4']) {
      const member = await loginAs(openid);
      checkIns.push(member);
      await openThemeDay(member.page, day.id);
      await member.page.locator('#checkin-code input').waitFor();
      await settled(member.page);
      // 参加/请假, 签到 and 线上学习 are all on offer at a running day: only 签到 is primary.
      expect(await primaryActions(member.page)).toBe(1);
      expect(await member.page.locator('#td-detail .nut-button-primary:visible', { hasText: '签到' }).count()).toBe(1);
      await member.page.locator('#checkin-code input').fill(shownCode);
      const [checkedIn] = await Promise.all([apiResponse(member.page, 'POST', /\/check-ins$/), member.page.locator('#checkin-submit').click()]);
      expect(checkedIn.status()).toBe(201);
      await member.page.locator('#my-status', { hasText: '出席' }).waitFor();
    }

    const member5 = await loginAs('demo-member-5');
    const m5 = member5.page;
    await openThemeDay(m5, day.id);
    await m5.locator('#online-open').click();
    await m5.locator('#online-form').waitFor();
    await m5.locator('#reflection textarea').fill('太短了');
    await m5.locator('#reflection-submit').click();
    await m5.locator('#reflection-error').waitFor();
    await m5.locator('#reflection textarea').fill('因在外务工未能到场，线上学习了本次主题党日的内容，深受教育，将在岗位上践行初心。');
    const [reflected] = await Promise.all([apiResponse(m5, 'POST', /\/online-participation$/), m5.locator('#reflection-submit').click()]);
    expect(reflected.status()).toBe(201);
    await m5.locator('#online-submitted').waitFor();

    // The secretary's screen counts both check-ins (polled every 5 s).
    await sp.locator('#console-count', { hasText: '2' }).waitFor();
    expect(await sp.locator('#console-present').textContent()).not.toBe('');

    // ---- The secretary closes the day with a summary.
    await sp.locator('#console-close').click();
    await sp.locator('#close-form').waitFor();
    await sp.locator('#close-summary textarea').fill('重温入党誓词，开展乡村振兴学习研讨，两名党员到场，一名党员线上学习。');
    // Closing cannot be undone: it asks first.
    await sp.locator('#close-submit').click();
    const [closed] = await Promise.all([apiResponse(sp, 'POST', /\/close$/), sp.getByText('确认结束', { exact: true }).click()]);
    expect(closed.status()).toBe(200);
    const { stats } = (await closed.json()) as {
      stats: { expected: number; present: number; leave: number; online: number; absent: number; attendanceRate: number };
    };
    await sp.locator('#close-result').waitFor();
    // The on-site figures are frozen; the online one is fixed only when the 7-day window ends, and the screen says so.
    expect(await sp.locator('#close-online-window').textContent()).toMatch(/线上参与（补课）开放至 .*线上人数届时确定/);

    // ---- Assess
    expect(stats.present).toBe(2);
    expect(stats.online).toBe(1);
    // Every expected member has one final status; the seeded branch has 9 (8 members and the secretary), more if other
    // files invited some meanwhile.
    expect(stats.present + stats.leave + stats.online + stats.absent).toBe(stats.expected);
    expect(stats.expected).toBeGreaterThanOrEqual(9);
    expect(stats.attendanceRate).toBeCloseTo(2 / stats.expected, 4);
    expect(await textOf(sp, '#close-stat-expected')).toBe(String(stats.expected));
    expect(await textOf(sp, '#close-stat-present')).toBe('2');
    expect(await textOf(sp, '#close-stat-online')).toBe('1');
    expect(await textOf(sp, '#close-stat-leave')).toBe(String(stats.leave));
    expect(await textOf(sp, '#close-stat-absent')).toBe(String(stats.absent));
    // The rate shown is the present count over the expected count shown, not the server's number echoed.
    const shownExpected = Number(await textOf(sp, '#close-stat-expected'));
    expect(await textOf(sp, '#close-stat-rate')).toBe(`${((2 / shownExpected) * 100).toFixed(1)}%`);
    for (const p of personas) expect({ openid: p.openid, errors: p.errors.map(String) }).toEqual({ openid: p.openid, errors: [] });
  });

  it('after the online window the member is told before typing, and what they wrote is kept', async () => {
    // ---- Prepare: a published day of the branch that began a minute ago, open online; a member starts a reflection
    const token = await login('demo-secretary-1');
    const iso = (ms: number) => new Date(ms).toISOString();
    const body = { title: `补课 e2e ${Date.now().toString(36)}`, startsAt: iso(Date.now() - 60_000), endsAt: iso(Date.now() + 2 * HOUR_MS), location: '余村村委会', agenda: ['学习党章'], onlineParticipation: true };
    const created = await call('createThemeDay', { token, params: { branchId: 'yucun-dzb' }, body });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('publishThemeDay', { token, params: { id } })).status).toBe(200);
    const { page: mp } = await loginAs('demo-member-6');
    await mp.goto(`${webUrl()}#/packages/themeday/online/index?id=${id}`);
    await mp.locator('#online-form').waitFor();
    const draft = '因在外务工未能到场，先写下一部分学习体会，稍后再补充完整。';
    await mp.locator('#reflection textarea').fill(draft);

    // ---- Act: the day is closed, and its window passes (the day moved back beyond it)
    expect((await call('closeThemeDay', { token, params: { id }, body: { summary: '按计划完成。' } })).status).toBe(200);
    const past = Date.now() - (THEMEDAY_RULES.onlineWindowDays + 1) * DAY_MS;
    await moveThemeDayStart(id, iso(past - 2 * HOUR_MS));
    await setAttributes(themeDayKeys.day(id).pk, themeDayKeys.day(id).sk, { endsAt: iso(past) });
    await mp.reload();

    // ---- Assess: the page says the window has ended instead of offering the form, and shows what was written
    await mp.locator('#online-closed-reason', { hasText: '截止' }).waitFor();
    expect(await mp.locator('#online-form').count()).toBe(0);
    await mp.locator('#online-closed-draft', { hasText: draft }).waitFor();
    // The preview says it too, and offers no reflection
    await mp.goto(`${webUrl()}#/packages/themeday/detail/index?id=${id}`);
    await mp.locator('#online-window-ended', { hasText: '线上人数已确定' }).waitFor();
    expect(await mp.locator('#online-open').count()).toBe(0);
  });

  it('我的主题党日 says 已取消 for a day called off after the member checked in, not 出席', async () => {
    // ---- Prepare: a published day that began a minute ago; a member checks in
    const token = await login('demo-secretary-1');
    const iso = (ms: number) => new Date(ms).toISOString();
    const body = { title: `取消 e2e ${Date.now().toString(36)}`, startsAt: iso(Date.now() - 60_000), endsAt: iso(Date.now() + 2 * HOUR_MS), location: '余村村委会', agenda: ['学习党章'], onlineParticipation: false };
    const created = await call('createThemeDay', { token, params: { branchId: 'yucun-dzb' }, body });
    const id = created.body.id as string;
    expect((await call('publishThemeDay', { token, params: { id } })).status).toBe(200);
    const { code } = (await call('createCheckInCode', { token, params: { id } })).body as { code: string };
    expect((await call('checkIn', { token: await login('demo-member-8'), params: { id }, body: { code } })).status).toBe(201);
    // ---- Act: the secretary calls it off
    expect((await call('cancelThemeDay', { token, params: { id }, body: { reason: '台风预警' } })).status).toBe(200);
    // ---- Assess: the member's own record says so
    const { page } = await loginAs('demo-member-8');
    await openTab(page, '我的', '#me');
    const row = page.locator(`#my-attendance-${id}`);
    await row.locator('text=已取消').waitFor();
    expect(await row.textContent()).not.toContain('出席');
  });
});
