// Every page calls usePageGate: nothing is shown before privacy consent (and, where needed, login).
import { useDidShow } from '@tarojs/taro';
import { isLoggedIn } from '../api/session';
import { goLogin, goPrivacy } from './nav';
import { hasConsented } from './privacy';

export interface GateOptions {
  requireLogin?: boolean;
}

/** Returns whether the page may render; otherwise it sends the user to the privacy or login page. */
export function usePageGate(path: string, { requireLogin = false }: GateOptions = {}): boolean {
  const consented = hasConsented();
  const allowed = consented && (!requireLogin || isLoggedIn());

  useDidShow(() => {
    if (!hasConsented()) void goPrivacy(path);
    else if (requireLogin && !isLoggedIn()) void goLogin(path);
  });

  return allowed;
}
