// Every page calls usePageGate: nothing is shown before privacy consent (and, where needed, login).
import { useDidShow } from '@tarojs/taro';
import { isLoggedIn } from '../api/session';
import { goLogin, goPrivacy, type PageName } from './nav';
import { hasConsented } from './privacy';

export interface GateOptions {
  requireLogin?: boolean;
  /** The page with its query to come back to, when the query matters (an invitation code); default `page`. */
  back?: string;
}

/** Returns whether the page may render; otherwise it sends the user to the privacy or login page, then back to `page`. */
export function usePageGate(page: PageName, { requireLogin = false, back }: GateOptions = {}): boolean {
  const consented = hasConsented();
  const allowed = consented && (!requireLogin || isLoggedIn());

  useDidShow(() => {
    if (!hasConsented()) void goPrivacy(back ?? page);
    else if (requireLogin && !isLoggedIn()) void goLogin(back ?? page);
  });

  return allowed;
}
