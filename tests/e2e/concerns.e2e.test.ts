// 群众说事 end to end in a real browser (H5 build): a resident of 余村 raises a concern and sees its tracking number; the
// official of 余村群众说事室 starts and resolves it with a note; the resident sees the timeline and closes it as
// satisfied. Then an overdue concern: first in the queue and marked, transferred by the official to another station of
// the township, rejected there by township staff with a reason the resident sees.
// With photos: one picked on the form, compressed in the page and uploaded to s3rver, then one of the result when the
// official resolves it; the resident sees both, loaded through their short-lived URLs.
// Each persona has its own browser context (its own storage and token).
import type { Page, Response } from 'playwright-core';
import QRCode from 'qrcode';
import { concernItem, concernKeys, toConcernRecord } from '../../functions/concerns/concern.entity';
import { itemAt, putRaw } from '../api/db';
import { call, login } from '../api/http';
import { loadMore, openTab, personaSession, settled } from './browser';

jest.setTimeout(600_000);

const STATION = 'st-yucun';

const { loginAs } = personaSession();

const openConcernsTab = (page: Page) => openTab(page, '说事', '#cs-tab');

function apiResponse(page: Page, method: string, pathPattern: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname));
}

/** Other tests may have filled the queue: page on until the concern shows. */
async function findInQueue(page: Page, id: string): Promise<void> {
  await page.locator('#cs-queue-list').waitFor();
  for (let i = 0; i < 30 && !(await page.locator(`#cs-concern-${id}`).isVisible()); i++) {
    await loadMore(page, '#cs-queue-list [id^="cs-concern-"]', '#cs-queue-more');
  }
  await page.locator(`#cs-concern-${id}`).waitFor();
}

/** The 说事 tab's form filled as 余村's resident (their village is the default), not yet sent. */
async function fillConcernForm(page: Page, title: string, content: string): Promise<void> {
  await openConcernsTab(page);
  await page.locator('#cs-form').waitFor();
  await page.locator('#cs-village', { hasText: '余村' }).waitFor();
  await page.locator('#cs-category-environment').click();
  await page.locator('#cs-title input').fill(title);
  await page.locator('#cs-content textarea').fill(content);
}

/** Picks a picture through the page's file chooser (Taro's chooseImage in H5) and waits until it is uploaded. */
async function pickPhoto(page: Page, pickerId: string, content: string): Promise<void> {
  const buffer = await QRCode.toBuffer(content, { width: 400 });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(`#${pickerId}-add`).click()]);
  await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer });
  await page.locator(`#${pickerId}-0.cs-photo--done`).waitFor();
}

/** Whether each picture of a timeline entry loaded, once every one has finished (loaded or failed). */
async function loadedPhotosWhenReady(page: Page, selector: string): Promise<boolean[]> {
  await page.locator(`${selector} img`).first().waitFor();
  await page.waitForFunction((sel) => Array.from(document.querySelectorAll(`${sel} img`)).every((i) => (i as HTMLImageElement).complete), selector);
  return page.locator(`${selector} img`).evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth > 0));
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

/** On the handling view: choose a move, write its note, confirm; resolves with the API's answer. */
async function act(page: Page, id: string, action: 'start' | 'resolve' | 'transfer' | 'reject', note: string, toStationId?: string): Promise<Response> {
  await page.locator(`#cs-action-${action}`).click();
  if (toStationId) await page.locator(`#cs-to-${toStationId}`).click();
  await page.locator('#cs-action-note textarea').fill(note);
  const [res] = await Promise.all([
    apiResponse(page, 'POST', new RegExp(`/v1/concerns/${id}/transitions$`)),
    page.locator('#cs-action-submit').click(),
  ]);
  return res;
}

describe('群众说事 (H5)', () => {
  it('a resident raises a concern, the station’s official starts and resolves it, the resident closes it as satisfied', async () => {
    const tag = Math.random().toString(36).slice(2, 6);
    const title = `村口路灯不亮 ${tag}`;
    const content = '村口到文化礼堂的三盏路灯已经坏了一个星期，晚上出行很不方便，请尽快修理。';
    const startNote = '已联系电工，明天上午上门检修';
    const resolveNote = '三盏路灯已全部更换灯泡，恢复照明';

    // Act 1: the resident raises it from the 说事 tab; the village defaults to their own (余村).
    const resident = await loginAs('demo-resident-1');
    const r = resident.page;
    await fillConcernForm(r, title, content);
    await r.locator('#cs-content-count', { hasText: `${content.length}/2000` }).waitFor();
    const [raised] = await Promise.all([apiResponse(r, 'POST', /\/v1\/concerns$/), r.locator('#cs-submit').click()]);
    const created = (await raised.json()) as { id: string; trackingNo: string; stationId: string };
    await r.locator('#cs-success').waitFor();
    const trackingShown = await text(r, '#cs-tracking-no');
    await r.locator('#cs-view-progress').click();
    await r.locator('#cs-detail').waitFor();
    await r.locator('#cs-status', { hasText: '已受理' }).waitFor();
    const detailBefore = await text(r, '#cs-detail');
    const id = created.id;

    // Act 2: the official finds it in the station's queue and handles it with notes.
    const official = await loginAs('demo-official-1');
    const o = official.page;
    await openConcernsTab(o);
    await o.locator(`#cs-open-queue-${STATION}`).click();
    await o.locator('#cs-queue-list').waitFor();
    await findInQueue(o, id);
    await o.locator(`#cs-concern-${id}`).click();
    await o.locator('#cs-handle').waitFor();
    await o.locator('#cs-status', { hasText: '已受理' }).waitFor();
    const actionsWhenSubmitted = await o.locator('#cs-actions .cs-chip[id^="cs-action-"]').evaluateAll((els) => els.map((e) => e.id));
    const started = await act(o, id, 'start', startNote);
    await o.locator('#cs-status', { hasText: '处理中' }).waitFor();
    const actionsWhenInProgress = await o.locator('#cs-actions .cs-chip[id^="cs-action-"]').evaluateAll((els) => els.map((e) => e.id));
    const resolved = await act(o, id, 'resolve', resolveNote);
    await o.locator('#cs-status', { hasText: '已办结' }).waitFor();
    await o.locator('#cs-no-actions').waitFor();

    // Act 3: the resident finds it resolved in 我的说事, reads the timeline and closes it as satisfied.
    await openConcernsTab(r);
    await r.locator('#cs-tab-mine').click();
    await r.locator(`#cs-status-${id}`, { hasText: '已办结' }).waitFor();
    await r.locator(`#cs-concern-${id}`).click();
    await r.locator('#cs-detail').waitFor();
    await r.locator('#cs-status', { hasText: '已办结' }).waitFor();
    const timeline = await text(r, '#cs-timeline');
    await r.locator('#cs-satisfied-yes').click();
    await r.locator('#cs-star-5').click();
    await r.locator('#cs-feedback-comment textarea').fill('修得很及时，谢谢');
    const [feedback] = await Promise.all([
      apiResponse(r, 'POST', new RegExp(`/v1/concerns/${id}/feedback$`)),
      r.locator('#cs-feedback-submit').click(),
    ]);
    await r.locator('#cs-status', { hasText: '已评价' }).waitFor();
    await r.locator('#cs-feedback').waitFor({ state: 'detached' });

    // Assess
    expect(raised.status()).toBe(201);
    expect(raised.request().headers()['idempotency-key']).toBeTruthy();
    expect(created.stationId).toBe(STATION);
    expect(trackingShown).toMatch(/^SS\d{8}-\d{4}$/);
    expect(trackingShown).toBe(created.trackingNo);
    expect(detailBefore).toContain(created.trackingNo);
    expect(detailBefore).toContain('余村群众说事室');
    expect(actionsWhenSubmitted.sort()).toEqual(['cs-action-reject', 'cs-action-start', 'cs-action-transfer']);
    expect(actionsWhenInProgress.sort()).toEqual(['cs-action-reject', 'cs-action-resolve', 'cs-action-transfer']);
    expect(started.status()).toBe(200);
    expect(resolved.status()).toBe(200);
    expect(timeline).toContain('开始办理');
    expect(timeline).toContain(startNote);
    expect(timeline).toContain(resolveNote);
    expect(timeline).toContain('驻点干部 · 沈建华');
    expect(feedback.status()).toBe(200);
    expect(await text(r, '#cs-feedback-result')).toContain('满意');
    expect(await text(r, '#cs-timeline')).toContain('评价：满意');
    const final = await call('getConcern', { token: await login('demo-resident-1'), params: { id } });
    expect(final.body).toMatchObject({ status: 'closed', feedback: { satisfied: true, rating: 5 } });
    expect(final.body.timeline.map((t: { action: string }) => t.action)).toEqual(['submitted', 'start', 'resolve', 'feedback_satisfied']);
    expect(resident.errors).toEqual([]);
    expect(official.errors).toEqual([]);
  });

  it('shows an overdue concern first and marked; the official transfers it, township staff reject it, the resident sees why', async () => {
    // Prepare: the resident's concern, made overdue in the store (the API only gets there with time).
    const token = await login('demo-resident-1');
    const raised = await call('raiseConcern', {
      token,
      body: { villageId: 'yucun', category: 'traffic', title: `大溪桥头路面塌陷 ${Math.random().toString(36).slice(2, 6)}`, content: '大溪桥头的路面塌了一个坑，电动车经过很危险。' },
    });
    expect(raised.status).toBe(201);
    const id: string = raised.body.id;
    const stored = (await itemAt(concernKeys.concern(id)))!;
    const dueAt = '2001-01-01T00:00:00.000Z';
    await putRaw(concernItem({ ...toConcernRecord(stored), dueAt }));
    const reason = '经核实属县交通运输局管养路段，请拨打 12328 反映';

    // Act 1: the official sees it first and marked, also under 只看超期, and transfers it to 大溪村.
    const official = await loginAs('demo-official-1');
    const o = official.page;
    await openConcernsTab(o);
    await o.locator(`#cs-open-queue-${STATION}`).click();
    await o.locator('#cs-queue-list').waitFor();
    const firstInQueue = await o.locator('#cs-queue-list [id^="cs-concern-"]').first().getAttribute('id');
    await o.locator('#cs-filter-overdue').click();
    await o.locator(`#cs-overdue-${id}`).waitFor();
    const overdueCards = await o.locator('#cs-queue-list [id^="cs-concern-"]').count();
    const overdueMarks = await o.locator('#cs-queue-list .cs-tag--overdue').count();
    await o.locator(`#cs-concern-${id}`).click();
    await o.locator('#cs-handle').waitFor();
    await o.locator('#cs-overdue').waitFor();
    const transferred = await act(o, id, 'transfer', '属大溪村路段，转大溪村办理', 'st-daxi');
    await o.locator('#cs-not-handler', { hasText: '大溪村群众说事室' }).waitFor();
    const actionsAfterTransfer = await o.locator('#cs-actions').count();

    // Act 2: township staff open 大溪村群众说事室's queue and reject it with a reason.
    const township = await loginAs('demo-township-1');
    const t = township.page;
    await openConcernsTab(t);
    await t.locator('#cs-open-queue-township-tianhuangping').click();
    await t.locator('#cs-queue-station-st-daxi').click();
    await t.locator('#cs-queue-station-st-daxi.cs-chip--on').waitFor();
    await findInQueue(t, id);
    await t.locator(`#cs-concern-${id}`).click();
    await t.locator('#cs-handle').waitFor();
    await t.locator('#cs-status', { hasText: '已转办' }).waitFor();
    const actionsWhenTransferred = await t.locator('#cs-actions .cs-chip[id^="cs-action-"]').evaluateAll((els) => els.map((e) => e.id));
    const dueWhenTransferred = await text(t, '#cs-detail-due');
    const transferDueWhenTransferred = await text(t, '#cs-detail-transfer-due');
    const rejected = await act(t, id, 'reject', reason);
    await t.locator('#cs-status', { hasText: '不予受理' }).waitFor();

    // Act 3: the resident sees where it went and why it was not taken up.
    const resident = await loginAs('demo-resident-1');
    const r = resident.page;
    await openConcernsTab(r);
    await r.locator('#cs-tab-mine').click();
    await r.locator(`#cs-status-${id}`, { hasText: '不予受理' }).waitFor();
    await r.locator(`#cs-concern-${id}`).click();
    await r.locator('#cs-detail').waitFor();
    await r.locator('#cs-reject-reason').waitFor();
    await settled(r);

    // Assess
    expect(firstInQueue).toBe(`cs-concern-${id}`);
    expect(overdueMarks).toBe(overdueCards);
    expect(transferred.status()).toBe(200);
    expect(actionsAfterTransfer).toBe(0);
    expect(actionsWhenTransferred.sort()).toEqual(['cs-action-reject', 'cs-action-start', 'cs-action-transfer']);
    expect(rejected.status()).toBe(200);
    expect(await text(r, '#cs-reject-reason')).toContain(reason);
    const timeline = await text(r, '#cs-timeline');
    expect(timeline).toContain('转至：大溪村群众说事室');
    // Both dates: the promise made when it was filed, kept (and lapsed), and the receiving station's own deadline
    expect(dueWhenTransferred).toMatch(/2001.*已超期/);
    expect(transferDueWhenTransferred).toMatch(/前办结/);
    expect(await text(r, '#cs-detail-due')).toContain('2001');
    expect(await r.locator('#cs-detail-transfer-due').count()).toBe(1);
    expect(timeline).toContain('乡镇组织委员 · 钱立新');
    expect(await r.locator('#cs-feedback').count()).toBe(0);
    expect(await r.locator('#cs-open-handle').count()).toBe(0);
    for (const p of [official, township, resident]) expect(p.errors).toEqual([]);
  });

  it('a concern raised with a photo is resolved with a photo, and the resident sees both', async () => {
    const tag = Math.random().toString(36).slice(2, 6);
    // Act 1: the resident raises it with a photo.
    const resident = await loginAs('demo-resident-1');
    const r = resident.page;
    await fillConcernForm(r, `河道漂浮垃圾 ${tag}`, '村西河道漂浮垃圾很多，附上照片，请尽快清理。');
    await pickPhoto(r, 'cs-photos', `raised ${tag}`);
    const [raised] = await Promise.all([apiResponse(r, 'POST', /\/v1\/concerns$/), r.locator('#cs-submit').click()]);
    const id = ((await raised.json()) as { id: string }).id;
    await r.locator('#cs-view-progress').click();
    await r.locator('#cs-detail').waitFor();
    const justRaised = await loadedPhotosWhenReady(r, '#cs-timeline-0-photos');

    // Act 2: the official starts it, then resolves it with a photo of the result.
    const official = await loginAs('demo-official-1');
    const o = official.page;
    await openConcernsTab(o);
    await o.locator(`#cs-open-queue-${STATION}`).click();
    await findInQueue(o, id);
    await o.locator(`#cs-concern-${id}`).click();
    await o.locator('#cs-handle').waitFor();
    const handlerSeesRaised = await loadedPhotosWhenReady(o, '#cs-timeline-0-photos');
    expect((await act(o, id, 'start', '今天安排保洁员打捞')).status()).toBe(200);
    await o.locator('#cs-status', { hasText: '处理中' }).waitFor();
    await o.locator('#cs-action-resolve').click();
    await o.locator('#cs-action-note textarea').fill('河道垃圾已全部打捞干净');
    await pickPhoto(o, 'cs-action-photos', `resolved ${tag}`);
    const [resolved] = await Promise.all([apiResponse(o, 'POST', new RegExp(`/v1/concerns/${id}/transitions$`)), o.locator('#cs-action-submit').click()]);
    await o.locator('#cs-status', { hasText: '已办结' }).waitFor();

    // Act 3: the resident opens it again.
    await r.reload();
    await r.locator('#cs-status', { hasText: '已办结' }).waitFor();
    const raisedPhotos = await loadedPhotosWhenReady(r, '#cs-timeline-0-photos');
    const resultPhotos = await loadedPhotosWhenReady(r, '#cs-timeline-2-photos');

    // Assess
    expect(raised.status()).toBe(201);
    expect(resolved.status()).toBe(200);
    expect(justRaised).toEqual([true]);
    expect(handlerSeesRaised).toEqual([true]);
    expect(raisedPhotos).toEqual([true]);
    expect(resultPhotos).toEqual([true]);
    const stored = await call('getConcern', { token: await login('demo-resident-1'), params: { id } });
    expect(stored.body.timeline.map((t: { action: string; photos?: unknown[] }) => [t.action, t.photos?.length ?? 0])).toEqual([
      ['submitted', 1],
      ['start', 0],
      ['resolve', 1],
    ]);
    // Compressed in the page: sent as JPEG whatever was picked.
    const photo = await fetch(stored.body.timeline[0].photos[0].url);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(resident.errors).toEqual([]);
    expect(official.errors).toEqual([]);
  });
});
