// 内容审核 test fixtures: the orgs, the people and the published theme day the moderation tests share, and the
// requests they repeat (an idea the content check holds, a queue read page by page, a decision). Ideas and reflections
// in 八里店镇's branches; concerns in 溪龙乡 黄杜村, because the overdue-digest test owns the concerns of 八里店镇's villages.
import { call } from './http';
import { withGrant, type Person } from './people';
import { grantAtWeChat } from './wechat-fake';

export const TOWNSHIP = 'balidian';
export const VILLAGE = 'xiaoqian';
export const BRANCH = 'xiaoqian-dzb';
export const OTHER_BRANCH = 'nanxun-qiao-dzb';
export const CONCERN_TOWNSHIP = 'xilong';
export const CONCERN_VILLAGE = 'huangdu';
export const CONCERN_VILLAGE_BRANCH = 'huangdu-dzb';
/** The test content checker's marker for a "review" verdict (functions/content/content-check.ts). */
export const REVIEW = '【待审】';

export interface QueueItem {
  kind: string;
  id: string;
  orgId: string;
  authorId: string;
  authorName: string;
  title: string;
  why: string;
  reportCount?: number;
  queuedAt: string;
}

export interface ModerationCast {
  townshipAdmin: Person;
  /** Township staff of CONCERN_TOWNSHIP. */
  concernAdmin: Person;
  concernVillageSecretary: Person;
  secretary: Person;
  otherSecretary: Person;
  /** Six members of BRANCH. */
  members: Person[];
  otherMember: Person;
  /** A published theme day of BRANCH that has started and takes reflections. */
  dayId: string;
}

/** The people of both branches and both townships, and the branch's theme day. */
export async function moderationCast(): Promise<ModerationCast> {
  const [[townshipAdmin], [concernAdmin], [concernVillageSecretary], [secretary], [otherSecretary], members, [otherMember]] = await Promise.all([
    withGrant('township_admin', TOWNSHIP, 1),
    withGrant('township_admin', CONCERN_TOWNSHIP, 1),
    withGrant('secretary', CONCERN_VILLAGE_BRANCH, 1),
    withGrant('secretary', BRANCH, 1),
    withGrant('secretary', OTHER_BRANCH, 1),
    withGrant('member', BRANCH, 6),
    withGrant('member', OTHER_BRANCH, 1),
  ]);
  const created = await call('createThemeDay', {
    token: secretary.token,
    params: { branchId: BRANCH },
    body: {
      title: '学习“千万工程”经验',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      location: '潞村党员活动室',
      agenda: ['集中学习'],
      onlineParticipation: true,
    },
  });
  expect(created.status).toBe(201);
  const dayId: string = created.body.id;
  expect((await call('publishThemeDay', { token: secretary.token, params: { id: dayId } })).status).toBe(200);
  return { townshipAdmin, concernAdmin, concernVillageSecretary, secretary, otherSecretary, members, otherMember, dayId };
}

/** The author asks for the message in the app and at WeChat: one grant. */
export async function grantOne(p: { token: string; openid: string }, template: string) {
  expect((await call('recordSubscriptions', { token: p.token, body: { results: [{ template, accepted: true }] } })).status).toBe(200);
  await grantAtWeChat(p.openid, `tmpl-${template}`, 1);
}

/** Every item of an org's queue, page by page. */
export async function queue(token: string, orgId: string): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  let cursor: string | undefined;
  do {
    const res = await call('listModeration', { token, params: { orgId }, query: { limit: 50, cursor } });
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
export const keysOf = (items: QueueItem[]) => items.map((i) => `${i.kind}:${i.id}`);

/** An idea the content check holds for review: it waits in the queue as `pending_review`. */
export async function pendingIdea(author: Person, title = '组织党员清理河道', branchId = BRANCH): Promise<string> {
  const res = await call('createIdea', { token: author.token, params: { branchId }, body: { title, content: `${REVIEW}结合五水共治，周末组织党员清理村里的河道。`, category: 'volunteer' } });
  expect(res.status).toBe(201);
  expect(res.body.status).toBe('pending_review');
  return res.body.id;
}

export const decide = (token: string, kind: string, id: string, body: Record<string, unknown>) => call('decideModeration', { token, params: { kind, id }, body });
