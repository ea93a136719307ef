// Navigation and WeChat's page events in the weapp build: a missing record's page offers the way home, a list reloads on
// pull-down and loads its next page on reach-bottom, a detail page opened from a list goes back to it (which shows
// again), and WeChat's dialogs carry the brand colour on 确定.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { call, freshUser } from '../api/http';
import { ownTownship } from '../api/own-orgs';
import { withGrant } from '../api/people';
import { MISSING_PAGES } from '../e2e/missing-pages';
import { openWeapp } from './harness/client';
import { expectClean } from './expect-clean';

const SRC = path.resolve(__dirname, '..', '..', 'miniapp', 'src');

test.each(MISSING_PAGES.map(([who, url, state]) => ({ who, url, state })))('$url (missing) says so and goes home', async ({ who, url, state }) => {
  const page = await openWeapp({ as: who, url });
  try {
    await page.waitForId(`${state}-missing`);
    expect(await page.text()).toContain('没有找到');
    await page.tap({ id: `${state}-home` });
    await page.waitForId('home');
    await expectClean(page);
    expect((await page.state()).stack).toEqual(['pages/home/index']);
  } finally {
    await page.close();
  }
});

/** A branch of our own with `count` notices, newest last. */
async function branchWithNotices(count: number): Promise<{ branchId: string; titles: string[] }> {
  const { branchId } = await ownTownship('weapp-notices');
  const [secretary] = await withGrant('secretary', branchId, 1);
  const titles = Array.from({ length: count }, (_, i) => `第${i + 1}期支部学习安排`);
  for (const title of titles) {
    const res = await call('createNotice', { token: secretary!.token, params: { orgId: branchId }, body: { title, body: '本周五下午在村委会二楼集中学习。', category: 'party' } });
    if (res.status !== 201) throw new Error(`createNotice → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { branchId, titles };
}

test('a list: pull-down reloads it, reach-bottom loads the next page, a notice opened from it goes back to it', async () => {
  // One more than the list's first page (PAGE_SIZE 20 in packages/notices/list).
  const { branchId, titles } = await branchWithNotices(21);
  const listPath = `/v1/orgs/${branchId}/notices`;
  const page = await openWeapp({ as: 'demo-member-1', url: `/packages/notices/list/index?orgId=${branchId}` });
  const listReads = async () => (await page.state()).requests.filter((r) => r.method === 'GET' && r.path.startsWith(listPath));
  try {
    await page.waitForText(titles[20]!); // newest first
    await page.settled();
    expect(await page.text()).not.toContain(`${titles[0]!}`);
    const first = await listReads();
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => !r.path.includes('cursor='))).toBe(true);

    await page.pullDown();
    await page.settled();
    const pulled = await listReads();
    expect(pulled.length).toBe(first.length + 1);
    expect(pulled[pulled.length - 1]!.path).not.toContain('cursor=');
    expect((await page.state()).wx.filter((c) => c.api === 'stopPullDownRefresh')).toHaveLength(1);

    await page.reachBottom();
    await page.waitForText(titles[0]!);
    await page.settled();
    const more = await listReads();
    expect(more.slice(pulled.length).map((r) => [r.path.includes('cursor='), r.status])).toEqual([[true, 200]]);

    // Into a notice and back: the list page shows again (onShow reloads it) and stays below.
    const notices = await call('listNotices', { params: { orgId: branchId }, query: { limit: 1 } });
    const newest: string = notices.body.items[0].id;
    await page.tap({ id: `nt-card-${newest}` });
    await page.waitForId('nt-detail');
    expect((await page.state()).stack).toEqual(['packages/notices/list/index', 'packages/notices/detail/index']);
    await page.navigateBack();
    await page.settled();
    expect((await page.state()).stack).toEqual(['packages/notices/list/index']);
    expect((await listReads()).length).toBeGreaterThan(more.length);
    await expectClean(page);
  } finally {
    await page.close();
  }
});

/** Every source file of the app under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

test('every dialog goes through lib/design.ts showModal, which colours 确定 in the brand colour', () => {
  const raw = sources(SRC).filter((f) => !f.endsWith(path.join('lib', 'design.ts')) && /\bTaro\.showModal\(/.test(readFileSync(f, 'utf8')));
  expect(raw.map((f) => path.relative(SRC, f))).toEqual([]);
});

test('a WeChat dialog (注销账号, cancelled) has 确定 in the brand colour, and cancelling sends nothing', async () => {
  const brand = readFileSync(path.join(SRC, 'lib', 'design.ts'), 'utf8').match(/BRAND_COLOR = '(#[0-9a-f]{6})'/i)![1];
  const user = await freshUser('weapp-dialog');
  const page = await openWeapp({ as: user.openid, url: '/pages/me/index', answers: { showModal: { ok: { confirm: false, cancel: true } } } });
  try {
    await page.waitForId('delete-account');
    await page.tap({ id: 'delete-account' });
    await page.settled();
    await expectClean(page);
    const { wx, requests, stack } = await page.state();
    expect(wx.filter((c) => c.api === 'showModal').map((c) => [c.args.title, c.args.confirmColor])).toEqual([['注销账号', brand]]);
    expect(requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(stack).toEqual(['pages/me/index']);
  } finally {
    await page.close();
  }
});
