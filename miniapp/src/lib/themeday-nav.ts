// Paths of the 主题党日 pages (subpackages `packages/themeday` and `packages/themeday-admin`) and moves between them.
import Taro from '@tarojs/taro';

export const TD_PAGES = {
  tab: '/pages/themeday/index',
  detail: '/packages/themeday/detail/index',
  ideas: '/packages/themeday/ideas/index',
  idea: '/packages/themeday/idea/index',
  ideaForm: '/packages/themeday/idea-form/index',
  online: '/packages/themeday/online/index',
  form: '/packages/themeday-admin/form/index',
  console: '/packages/themeday-admin/console/index',
  attendance: '/packages/themeday-admin/attendance/index',
  close: '/packages/themeday-admin/close/index',
} as const;

type TdPage = (typeof TD_PAGES)[keyof typeof TD_PAGES];

export function tdUrl(page: TdPage, query: Record<string, string> = {}): string {
  const q = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return q ? `${page}?${q}` : page;
}

export function goTd(page: TdPage, query: Record<string, string> = {}): Promise<unknown> {
  return Taro.navigateTo({ url: tdUrl(page, query) });
}

/** Replaces the current page (after a form is saved). */
export function replaceTd(page: TdPage, query: Record<string, string> = {}): Promise<unknown> {
  return Taro.redirectTo({ url: tdUrl(page, query) });
}

/** Back to the previous page, or to the 党日 tab when this page was opened directly. */
export function backOrTab(): Promise<unknown> {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack();
  return Taro.switchTab({ url: TD_PAGES.tab });
}
