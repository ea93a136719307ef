// 内容审核 end to end in a real browser (H5 build): two members' ideas wait for review (the content check held them)
// and a third was reported by three members. 余村党支部's secretary opens 我的 → 内容审核, sees why each waits,
// approves one, and rejects another: first without a reason (refused), then with one. The rejected idea's author
// opens it and reads 未通过审核 with the reason.
import type { Page, Response } from 'playwright-core';
import { call, login } from '../api/http';
import { loadMore, openTab, personaSession, webUrl } from './browser';

jest.setTimeout(600_000);

const BRANCH = 'yucun-dzb';
/** The test content checker's marker for a "review" verdict (functions/content/content-check.ts). */
const REVIEW = '【待审】';

const { loginAs } = personaSession();

function decision(page: Page, id: string): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/v1/moderation/idea/${id}/decision`);
}

/** Other tests may have filled the branch's queue: page on until the item shows. */
async function findInQueue(page: Page, key: string): Promise<void> {
  await page.locator('#mod-list').waitFor();
  for (let i = 0; i < 30 && !(await page.locator(`#mod-item-${key}`).isVisible()); i++) {
    await loadMore(page, '#mod-list .mod-item', '#mod-more');
  }
  await page.locator(`#mod-item-${key}`).waitFor();
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

async function createIdea(openid: string, title: string, content: string): Promise<string> {
  const res = await call('createIdea', { token: await login(openid), params: { branchId: BRANCH }, body: { title, content, category: 'study' } });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('内容审核 (H5)', () => {
  it('a secretary approves one held idea, rejects another with a reason its author then reads, and sees a reported one', async () => {
    // Prepare: two ideas held by the content check, one reported by three members
    const tag = Math.random().toString(36).slice(2, 6);
    const kept = await createIdea('demo-member-7', `学习新时代“枫桥经验” ${tag}`, `${REVIEW}组织党员学习新时代“枫桥经验”，交流化解邻里矛盾的做法。`);
    const refused = await createIdea('demo-member-8', `组织去外地旅游 ${tag}`, `${REVIEW}主题党日当天组织党员去外地旅游放松一下。`);
    const reported = await createIdea('demo-member-2', `周末一起钓鱼 ${tag}`, '周末组织党员一起去水库钓鱼。');
    for (const reporter of ['demo-member-3', 'demo-member-4', 'demo-member-5']) {
      expect((await call('reportIdea', { token: await login(reporter), params: { ideaId: reported }, body: { reason: 'off_topic' } })).status).toBe(202);
    }
    const reason = '与主题党日无关，请结合党建内容重新提交';

    // Act 1: the secretary opens 我的 → 内容审核
    const secretary = await loginAs('demo-secretary-1');
    const s = secretary.page;
    await openTab(s, '我的', '#me');
    await s.locator('#open-moderation').click();
    await s.locator('#mod-queue').waitFor();
    await findInQueue(s, `idea-${kept}`);
    await findInQueue(s, `idea-${refused}`);
    await findInQueue(s, `idea-${reported}`);

    // Assess 1: what it is and why it waits
    expect(await text(s, `#mod-kind-idea-${kept}`)).toBe('创意');
    expect(await text(s, `#mod-why-idea-${kept}`)).toBe('待复核');
    expect(await text(s, `#mod-title-idea-${kept}`)).toBe(`学习新时代“枫桥经验” ${tag}`);
    expect(await text(s, `#mod-meta-idea-${kept}`)).toContain('余村党支部');
    expect(await text(s, `#mod-why-idea-${reported}`)).toBe('被举报 3 次');

    // Act 2: approve one
    const [approved] = await Promise.all([decision(s, kept), s.locator(`#mod-approve-idea-${kept}`).click()]);
    expect(approved.status()).toBe(200);
    await s.locator(`#mod-item-idea-${kept}`).waitFor({ state: 'detached' });

    // Act 3: reject another, first without a reason (the app refuses before asking the API), then with one
    await s.locator(`#mod-reject-idea-${refused}`).click();
    await s.locator('#mod-reject-dialog').waitFor();
    await s.locator('#mod-reject-submit').click();
    expect(await text(s, '#mod-reject-error')).toBe('不通过时请填写理由');
    await s.locator('#mod-reject-reason textarea').fill(reason);
    const [rejected] = await Promise.all([decision(s, refused), s.locator('#mod-reject-submit').click()]);
    expect(rejected.status()).toBe(200);
    await s.locator('#mod-reject-dialog').waitFor({ state: 'detached' });
    await s.locator(`#mod-item-idea-${refused}`).waitFor({ state: 'detached' });

    // Act 4: the secretary restores the reported one from the queue too (leaves the branch's queue tidy)
    const [restored] = await Promise.all([decision(s, reported), s.locator(`#mod-approve-idea-${reported}`).click()]);
    expect(restored.status()).toBe(200);

    // Assess 2: the approved idea is public to the branch; the rejected one's author reads why
    const other = await call('getIdea', { token: await login('demo-member-1'), params: { ideaId: kept } });
    expect(other.body.status).toBe('open');
    const author = await loginAs('demo-member-8');
    await author.page.goto(`${webUrl()}#/packages/themeday/idea/index?id=${refused}`);
    await author.page.locator('#idea-review-rejected').waitFor();
    expect(await text(author.page, '#idea-review-rejected')).toContain(`未通过审核：${reason}`);
    expect(await text(author.page, '#idea-status')).toBe('已隐藏');
    expect([...secretary.errors, ...author.errors]).toEqual([]);
  });
});
