// Page paths and the few navigation moves the shell needs.
import Taro from '@tarojs/taro';

export const PAGES = {
  home: '/pages/home/index',
  themeday: '/pages/themeday/index',
  concerns: '/pages/concerns/index',
  booking: '/pages/booking/index',
  me: '/pages/me/index',
  privacy: '/pages/privacy/index',
  login: '/pages/login/index',
} as const;
export type PagePath = (typeof PAGES)[keyof typeof PAGES];

/** Only our own pages are valid redirect targets. */
export function safeRedirect(raw: string | undefined | null): string {
  if (!raw) return PAGES.home;
  let target = raw;
  try {
    target = decodeURIComponent(raw);
  } catch {
    return PAGES.home;
  }
  const path = target.split('?')[0];
  // Main-package pages and subpackage pages, nothing else.
  if (!/^\/(pages\/[a-z-]+|packages\/[a-z-]+\/[a-z-]+)\/index$/.test(path)) return PAGES.home;
  if (path === PAGES.login || path === PAGES.privacy) return PAGES.home;
  return target;
}

/** The path of the page on top of the stack, e.g. `/pages/me/index`. */
export function currentPath(): string {
  const pages = Taro.getCurrentPages();
  const route = pages.length ? pages[pages.length - 1].route : undefined;
  if (!route) return PAGES.home;
  const path = route.split('?')[0];
  return path.startsWith('/') ? path : `/${path}`;
}

/** Opens a page (tab or not) as the only page on the stack, so it loads fresh. */
export function openPage(target: string): Promise<unknown> {
  return Taro.reLaunch({ url: target });
}

export function goPrivacy(redirect: string = currentPath()): Promise<unknown> {
  return Taro.reLaunch({ url: `${PAGES.privacy}?redirect=${encodeURIComponent(redirect)}` });
}

export function goLogin(redirect: string = currentPath()): Promise<unknown> {
  return Taro.reLaunch({ url: `${PAGES.login}?redirect=${encodeURIComponent(redirect)}` });
}
