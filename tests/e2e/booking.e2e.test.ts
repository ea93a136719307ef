// 局长驻点 end to end in a real browser (H5 build): a resident finds the station, books a 1-seat slot that the official
// opened, sees the slot full and the booking in 我的预约, cancels it, and the seat shows free again.
import type { Page } from 'playwright-core';
import { call, login } from '../api/http';
import { onShow, personaSession } from './browser';

jest.setTimeout(600_000);

const HOUR = 3600_000;

const { loginAs } = personaSession();
let page: Page;
let pageErrors: Error[];

async function openStation(stationId: string): Promise<void> {
  await page.locator(`#station-${stationId}`).click();
  await page.locator('#station-page').waitFor({ state: 'visible' });
}

/** The seats line of a slot on the page on show (an earlier station page may still be in the DOM, hidden). */
const seatsText = async (slotId: string) => ((await onShow(page).locator(`#slot-seats-${slotId}`).textContent()) ?? '').trim();

describe('局长驻点 (H5)', () => {
  it('books a slot, shows it in 我的预约, cancels it, and the seat is free again', async () => {
    // Prepare: the official opens a session with one 1-seat slot, two hours ahead.
    const start = Math.ceil((Date.now() + 2 * HOUR) / HOUR) * HOUR;
    const host = `端到端 · 王局长${Math.random().toString(36).slice(2, 6)}`;
    const session = await call('createSession', {
      token: await login('demo-official-1'),
      params: { stationId: 'st-yucun' },
      body: { host, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 30 * 60_000).toISOString(), slotMinutes: 30, seatsPerSlot: 1 },
    });
    expect(session.status).toBe(201);
    const slotId: string = session.body.slots[0].id;
    ({ page, errors: pageErrors } = await loginAs('demo-resident-1'));

    // Act 1: find the station under the resident's township and book the slot.
    await page.locator('.weui-tabbar__item', { hasText: '预约' }).click();
    await page.locator('#bk-tab').waitFor({ state: 'visible' });
    await page.locator('#township-tianhuangping.bk-chip--on').waitFor();
    await openStation('st-yucun');
    const seatsBefore = await seatsText(slotId);
    await page.locator(`#slot-${slotId}`).click();
    await page.locator('#book-form').waitFor();
    await page.locator('#topic textarea').fill('村口道路破损，想当面反映');
    const [booked] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/v1/slots/${slotId}/bookings`) && r.request().method() === 'POST'),
      page.locator('#book-submit').click(),
    ]);
    const bookingId: string = (await booked.json()).id;
    await page.locator('#booked-card').waitFor();
    await page.locator(`#slot-seats-${slotId}`, { hasText: '已约满' }).waitFor();
    const seatsWhileBooked = await seatsText(slotId);

    // Act 2: 我的预约 lists it; cancel it there.
    await page.locator('#to-my-bookings').click();
    await page.locator(`#booking-${bookingId}`).waitFor({ state: 'visible' });
    const listed = (await page.locator(`#booking-${bookingId}`).textContent()) ?? '';
    await page.locator(`#cancel-${bookingId}`).click();
    const [cancelled] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/v1/bookings/${bookingId}`) && r.request().method() === 'DELETE'),
      page.locator(`#cancel-confirm-${bookingId}`).click(),
    ]);
    await page.locator(`#booking-status-${bookingId}`, { hasText: '已取消' }).waitFor();

    // Act 3: back to the station.
    await openStation('st-yucun');
    await onShow(page).locator(`#slot-seats-${slotId}`, { hasText: '余 1 席' }).waitFor();

    // Assess
    expect(booked.status()).toBe(201);
    expect(seatsBefore).toBe('余 1 席');
    expect(seatsWhileBooked).toBe('已约满');
    expect(listed).toContain(host);
    expect(listed).toContain('已预约');
    expect(cancelled.status()).toBe(200);
    expect(await seatsText(slotId)).toBe('余 1 席');
    const slots = await call('listSlots', { params: { stationId: 'st-yucun' }, query: { from: new Date(start).toISOString(), to: new Date(start + HOUR).toISOString(), limit: 50 } });
    expect(slots.body.items.find((s: { id: string }) => s.id === slotId)).toMatchObject({ booked: 0, seatsLeft: 1, bookable: true });
    expect(pageErrors).toEqual([]);
  });
});
