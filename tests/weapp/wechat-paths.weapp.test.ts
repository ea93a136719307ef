// The weapp-only paths, each once with scripted WeChat answers: WeChat login against the fake WeChat server, booking
// at a station with the subscribe prompt inside the tap, add to calendar and open location, and scan-to-check-in.
import { HOUR_MS, MINUTE_MS } from '@shared/time';
import { hourAhead, openSession } from '../api/booking-fixtures';
import { moveThemeDayStart } from '../api/db';
import { call, freshUser } from '../api/http';
import { ownTownship } from '../api/own-orgs';
import { withGrant } from '../api/people';
import { openWeapp } from './harness/client';
import { expectClean } from './expect-clean';

test('WeChat login: wx.login’s code goes to /auth/wechat, the app relaunches on 首页 logged in', async () => {
  const openid = `weapp-login-${Date.now().toString(36)}`;
  const page = await openWeapp({ url: '/pages/login/index', answers: { login: { ok: { code: `ok-${openid}.1` } } } });
  try {
    await page.waitForId('wechat-login');
    await page.tap({ id: 'wechat-login' });
    await page.waitForTextGone('微信');
    await expectClean(page);
    const { wx, requests, stack } = await page.state();
    expect(wx.filter((c) => c.api === 'login')).toHaveLength(1);
    expect(requests).toContainEqual({ method: 'POST', path: '/v1/auth/wechat', status: 200 });
    // Logged in: what follows is asked with the new token (no 401 on the way).
    expect(requests.filter((r) => r.status === 401)).toEqual([]);
    expect(stack).not.toContain('pages/login/index');
  } finally {
    await page.close();
  }
});

/** The grants a user holds for the day-before reminder of a booking, as the API counts them. */
async function reminderGrants(token: string): Promise<{ templateId: string; grants: number }> {
  const res = await call('mySubscriptions', { token });
  return res.body.templates.find((t: { key: string }) => t.key === 'session_reminder');
}

// The session starts a day ahead: inside the 14 days the station page lists (hourAhead counts days, not hours).
test('booking at a station: the subscribe prompt inside the tap, then add to calendar and open location', async () => {
  const town = await ownTownship('weapp-book');
  const [official] = await withGrant('official', town.stationId, 1);
  const session = await openSession({ stationId: town.stationId, as: official!.openid, start: hourAhead(1) });
  const slotId: string = session.slots[0].id;
  const resident = await freshUser('weapp-booker');
  const { templateId } = await reminderGrants(resident.token);
  const page = await openWeapp({
    as: resident.openid,
    url: `/packages/booking/station/index?stationId=${town.stationId}`,
    answers: { requestSubscribeMessage: { ok: { [templateId]: 'accept' } }, addPhoneCalendar: { ok: {} }, openLocation: { ok: {} } },
  });
  try {
    await page.waitForId(`slot-${slotId}`);
    await page.tap({ id: `slot-${slotId}` });
    await page.waitForId('book-form');
    await page.input({ id: 'topic' }, '咨询宅基地审批的办理流程');
    await page.settled();
    await page.tap({ id: 'book-submit' });
    await page.waitForId('booked-card');
    await page.tap({ id: 'add-calendar' });
    await page.tap({ id: 'open-map' });
    await expectClean(page);
    const { wx, requests } = await page.state();
    expect(requests.filter((r) => r.method === 'POST' && r.path === `/v1/slots/${slotId}/bookings`).map((r) => r.status)).toEqual([201]);
    // WeChat shows the prompt only when it is asked for inside the tap, before anything is awaited.
    const prompts = wx.filter((c) => c.api === 'requestSubscribeMessage');
    expect(prompts.map((c) => [c.args.tmplIds, c.duringTap])).toEqual([[[templateId], true]]);
    expect(requests).toContainEqual({ method: 'POST', path: '/v1/me/subscriptions', status: 200 });
    const calendar = wx.filter((c) => c.api === 'addPhoneCalendar');
    expect(calendar).toHaveLength(1);
    expect(calendar[0]!.args).toMatchObject({ title: expect.stringContaining('局长驻点'), startTime: Math.floor(Date.parse(session.slots[0].startsAt) / 1000) });
    expect(wx.filter((c) => c.api === 'openLocation').map((c) => c.args)).toEqual([expect.objectContaining({ latitude: 30.5, longitude: 119.5 })]);
  } finally {
    await page.close();
  }
  // The accepted prompt became one grant for the reminder.
  expect((await reminderGrants(resident.token)).grants).toBe(1);
});

/** A published theme day of a branch of our own that started 10 minutes ago, with its secretary and one member. */
async function runningDay() {
  const { branchId } = await ownTownship('weapp-scan');
  const [[secretary], [member]] = await Promise.all([withGrant('secretary', branchId, 1), withGrant('member', branchId, 1)]);
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const body = { title: '重温入党誓词', startsAt: at(30 * MINUTE_MS), endsAt: at(2 * HOUR_MS), location: '村委会二楼会议室', agenda: ['重温入党誓词'], onlineParticipation: false };
  const created = await call('createThemeDay', { token: secretary!.token, params: { branchId }, body });
  if (created.status !== 201) throw new Error(`createThemeDay → ${created.status} ${JSON.stringify(created.body)}`);
  const id: string = created.body.id;
  const published = await call('publishThemeDay', { token: secretary!.token, params: { id } });
  if (published.status !== 200) throw new Error(`publishThemeDay → ${published.status} ${JSON.stringify(published.body)}`);
  await moveThemeDayStart(id, at(-10 * MINUTE_MS));
  return { id, secretary: secretary!, member: member! };
}

test('scan-to-check-in: the camera reads the secretary’s QR code and the member is checked in', async () => {
  const { id, secretary, member } = await runningDay();
  const code = await call('createCheckInCode', { token: secretary.token, params: { id } });
  expect(code.status).toBe(201);
  const page = await openWeapp({
    as: member.openid,
    url: `/packages/themeday/detail/index?id=${id}`,
    answers: { scanCode: { ok: { result: code.body.qrText, scanType: 'QR_CODE', charSet: 'utf-8' } } },
  });
  try {
    await page.waitForId('checkin-scan');
    await page.tap({ id: 'checkin-scan' });
    await page.waitForId('my-status');
    await expectClean(page);
    const { wx, requests } = await page.state();
    expect(wx.filter((c) => c.api === 'scanCode').map((c) => c.args)).toEqual([{ onlyFromCamera: true, scanType: ['qrCode'] }]);
    expect(requests.filter((r) => r.method === 'POST' && r.path === `/v1/theme-days/${id}/check-ins`).map((r) => r.status)).toEqual([201]);
    expect(wx.find((c) => c.api === 'showToast')?.args).toMatchObject({ title: '签到成功' });
    expect(await page.text()).toContain('出席');
  } finally {
    await page.close();
  }
  // Recorded: the member's own read and the secretary's attendance list both say present.
  const mine = await call('getThemeDay', { token: member.token, params: { id } });
  expect(mine.body.mine).toMatchObject({ status: 'present', checkedInAt: expect.any(String) });
  const attendance = await call('listAttendance', { token: secretary.token, params: { id } });
  expect(attendance.body.items).toContainEqual(expect.objectContaining({ userId: member.userId, status: 'present' }));
});
