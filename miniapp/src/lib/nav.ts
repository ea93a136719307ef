// The one table of the app's pages (path and query parameters) and the moves between them:
//   go('themedayDetail', { id })   go('noticeForm', { id }, { replace: true })   goTab('me')   back('themeday')
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { IS_WEAPP } from '../env';

type Params = Record<string, string | undefined>;
/** A page's path; `P` types its query parameters (optional ones may be left out). */
interface Page<P extends Params> {
  path: string;
  tab?: true;
  /** Only carries the parameter type. */
  params?: P;
}
const page = <P extends Params = {}>(path: string): Page<P> => ({ path });
const tab = (path: string): Page<{}> & { tab: true } => ({ path, tab: true });

export const PAGES = {
  // The tab bar (app.config.ts)
  home: tab('/pages/home/index'),
  themeday: tab('/pages/themeday/index'),
  concerns: tab('/pages/concerns/index'),
  booking: tab('/pages/booking/index'),
  me: tab('/pages/me/index'),
  privacy: page<{ redirect?: string }>('/pages/privacy/index'),
  login: page<{ redirect?: string }>('/pages/login/index'),
  // 主题党日
  themedayDetail: page<{ id: string }>('/packages/themeday/detail/index'),
  ideas: page<{ branchId: string }>('/packages/themeday/ideas/index'),
  idea: page<{ id: string }>('/packages/themeday/idea/index'),
  ideaForm: page<{ branchId: string }>('/packages/themeday/idea-form/index'),
  online: page<{ id: string }>('/packages/themeday/online/index'),
  themedayForm: page<{ branchId: string }>('/packages/themeday-admin/form/index'),
  themedayConsole: page<{ id: string }>('/packages/themeday-admin/console/index'),
  attendance: page<{ id: string }>('/packages/themeday-admin/attendance/index'),
  closeDay: page<{ id: string }>('/packages/themeday-admin/close/index'),
  // 局长驻点
  station: page<{ stationId: string }>('/packages/booking/station/index'),
  bookingConsole: page<{ stationId: string }>('/packages/booking-admin/console/index'),
  // 群众说事
  concernDetail: page<{ id: string; mine?: '1' }>('/packages/concerns/detail/index'),
  concernQueue: page<{ stationId?: string; townshipId?: string }>('/packages/concerns-admin/queue/index'),
  concernHandle: page<{ id: string }>('/packages/concerns-admin/handle/index'),
  // 党务公开, 三项考核, 百例
  noticeList: page<{ orgId: string }>('/packages/notices/list/index'),
  noticeDetail: page<{ id: string }>('/packages/notices/detail/index'),
  noticeForm: page<{ id?: string; orgId?: string }>('/packages/notices-admin/form/index'),
  assessments: page<{ orgId?: string; month?: string; year?: string }>('/packages/assessments/view/index'),
  assessmentBranch: page<{ branchId: string; name?: string; month?: string; year?: string }>('/packages/assessments/branch/index'),
  assessmentDay: page<{ id: string }>('/packages/assessments/day/index'),
  cases: page('/packages/cases/list/index'),
  caseDetail: page<{ id: string }>('/packages/cases/detail/index'),
  // 内容审核
  moderation: page<{ orgId?: string }>('/packages/moderation/queue/index'),
  // 组织管理, 驿站管理
  adminOrgs: page<{ orgId?: string }>('/packages/admin/orgs/index'),
  adminStation: page<{ stationId?: string; orgId?: string }>('/packages/admin/station/index'),
  adminImport: page<{ orgId: string }>('/packages/admin/import/index'),
  // 成员管理, 邀请, 权限 (secretaries and staff); the redeem page an invitation's QR and share card open
  members: page<{ branchId?: string }>('/packages/people/members/index'),
  invitations: page<{ orgId?: string }>('/packages/people/invitations/index'),
  grants: page<{ orgId?: string }>('/packages/people/grants/index'),
  redeem: page<{ code?: string }>('/packages/people/redeem/index'),
  // 党费登记, 1+X 政治生日贺卡, 说事概况 (issue 15)
  dues: page<{ branchId?: string }>('/packages/practices/dues/index'),
  birthdayCard: page<{ branchId: string; userId: string; year: string }>('/packages/practices/birthday/index'),
  concernOverview: page<{ townshipId?: string }>('/packages/practices/overview/index'),
} as const;

export type PageName = keyof typeof PAGES;
export type TabName = { [N in PageName]: (typeof PAGES)[N] extends { tab: true } ? N : never }[PageName];
type ParamsOf<N extends PageName> = (typeof PAGES)[N] extends Page<infer P> ? P : never;
type ParamsArg<N extends PageName> = {} extends ParamsOf<N> ? [params?: ParamsOf<N>] : [params: ParamsOf<N>];

/** A page's path, e.g. `/pages/me/index`. */
export const pathOf = (name: PageName): string => PAGES[name].path;

/** A page's URL with its query (empty parameters left out). */
export function pageUrl<N extends PageName>(name: N, ...[params]: ParamsArg<N>): string {
  const q = Object.entries((params ?? {}) as Params)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return q ? `${pathOf(name)}?${q}` : pathOf(name);
}

/** Opens a page on top of this one; `replace` swaps this one for it (after a form is saved). Tabs switch. */
export function go<N extends PageName>(name: N, params?: ParamsOf<N>, { replace = false } = {}): Promise<unknown> {
  if (PAGES[name].tab) return Taro.switchTab({ url: pathOf(name) });
  const url = pageUrl(name, ...([params] as ParamsArg<N>));
  return replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url });
}

export const goTab = (name: TabName): Promise<unknown> => Taro.switchTab({ url: pathOf(name) });

/** Back to the previous page, or to a tab when this page was opened directly (a shared card, a scan). */
export function back(fallback: TabName = 'home'): Promise<unknown> {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack();
  return goTab(fallback);
}

/** A page's query parameter, decoded (the router hands them over still percent-encoded). */
export function routeParam(params: Record<string, string | undefined>, key: string): string {
  const raw = params[key] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The weapp share card (`enableShareAppMessage` in the page config); a no-op elsewhere. */
export const useShareCard: (make: () => { title: string; path: string }) => void = IS_WEAPP
  ? (make) => useShareAppMessage(() => make())
  : () => undefined;

// ---------------------------------------------------------------------------------------------------------------
// The shell: privacy consent and login, with the page to come back to.

/** Only our own pages are valid redirect targets. */
export function safeRedirect(raw: string | undefined | null): string {
  const home = pathOf('home');
  if (!raw) return home;
  let target = raw;
  try {
    target = decodeURIComponent(raw);
  } catch {
    return home;
  }
  const path = target.split('?')[0];
  // Main-package pages and subpackage pages, nothing else.
  if (!/^\/(pages\/[a-z-]+|packages\/[a-z-]+\/[a-z-]+)\/index$/.test(path)) return home;
  if (path === pathOf('login') || path === pathOf('privacy')) return home;
  return target;
}

/** The path of the page on top of the stack, e.g. `/pages/me/index`. */
export function currentPath(): string {
  const pages = Taro.getCurrentPages();
  const route = pages.length ? pages[pages.length - 1].route : undefined;
  if (!route) return pathOf('home');
  const path = route.split('?')[0];
  return path.startsWith('/') ? path : `/${path}`;
}

/** Opens a page (tab or not) as the only page on the stack, so it loads fresh. */
export function openPage(target: string): Promise<unknown> {
  return Taro.reLaunch({ url: target });
}

const isPageName = (s: string): s is PageName => Object.prototype.hasOwnProperty.call(PAGES, s);
const toPath = (target: PageName | string) => (isPageName(target) ? pathOf(target) : target);

/** The privacy page, then back to `redirect` (a page name, or a path; default the current page). */
export const goPrivacy = (redirect: PageName | string = currentPath()): Promise<unknown> =>
  openPage(pageUrl('privacy', { redirect: toPath(redirect) }));

/** The login page, then back to `redirect` (a page name, or a path; default the current page). */
export const goLogin = (redirect: PageName | string = currentPath()): Promise<unknown> =>
  openPage(pageUrl('login', { redirect: toPath(redirect) }));
