// What each role is shown first, in the weapp build: an official's 首页 leads to the work, a resident's 我的 has no
// 兑换邀请码 card (a link to it), and a branch with no political birthday this month says so.
import { freshUser } from '../api/http';
import { ownTownship } from '../api/own-orgs';
import { withGrant } from '../api/people';
import { openWeapp } from './harness/client';
import { expectClean } from './expect-clean';

test('an official’s 首页 leads to 说事办理 and 接待管理, not to a village picker', async () => {
  const page = await openWeapp({ as: 'demo-official-1', url: '/pages/home/index' });
  try {
    await page.waitForId('home-station');
    await expectClean(page);
    const text = await page.text();
    expect(text).toContain('说事办理');
    expect(text).toContain('接待管理');
    expect(text).not.toContain('选择您所在的村'); // PlacePicker's title
    await page.tap({ id: 'home-concern-queue' });
    await page.waitForId('cs-queue');
    expect((await page.state()).stack).toEqual(['pages/home/index', 'packages/concerns-admin/queue/index']);
  } finally {
    await page.close();
  }
});

test('a resident’s 我的 offers a link to redeem a code, not the 兑换邀请码 card', async () => {
  const resident = await freshUser('weapp-resident-me');
  const page = await openWeapp({ as: resident.openid, url: '/pages/me/index' });
  try {
    await page.waitForId('open-redeem');
    await expectClean(page);
    expect(await page.text()).not.toContain('兑换邀请码');
  } finally {
    await page.close();
  }
});

test('a branch with no political birthday this month says so on the 主题党日 tab', async () => {
  const { branchId } = await ownTownship('weapp-birthdays');
  const [secretary] = await withGrant('secretary', branchId, 1);
  const page = await openWeapp({ as: secretary!.openid, url: '/pages/themeday/index' });
  try {
    await page.waitForId('td-birthdays-empty');
    await expectClean(page);
    expect(await page.text()).toContain('本月没有党员过政治生日');
  } finally {
    await page.close();
  }
});
