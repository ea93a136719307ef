// What the app keeps in local storage: the API token and, on stage `local`, the demo persona last chosen.
import Taro from '@tarojs/taro';

const TOKEN_KEY = 'ps.token';
const PERSONA_KEY = 'ps.persona';

function read(key: string): string | null {
  try {
    const v: unknown = Taro.getStorageSync(key);
    return typeof v === 'string' && v !== '' ? v : null;
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) Taro.removeStorageSync(key);
    else Taro.setStorageSync(key, value);
  } catch {
    // Storage full or unavailable: the session simply does not survive a restart.
  }
}

export const getToken = (): string | null => read(TOKEN_KEY);
export const setToken = (token: string | null): void => write(TOKEN_KEY, token);
export const isLoggedIn = (): boolean => getToken() !== null;

/** The openid of the demo persona last chosen on the login page (stage `local` only). */
export const getPersona = (): string | null => read(PERSONA_KEY);
export const setPersona = (openid: string | null): void => write(PERSONA_KEY, openid);

export function clearSession(): void {
  setToken(null);
  setPersona(null);
}
