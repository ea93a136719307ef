// Privacy consent: asked once before first use, asked again whenever the policy version changes.
import Taro from '@tarojs/taro';

/** Bump when the privacy text changes in substance. */
export const PRIVACY_VERSION = 1;
const CONSENT_KEY = 'ps.privacyConsent';

interface Consent {
  version: number;
  at: string;
}

export function hasConsented(): boolean {
  try {
    const v = Taro.getStorageSync(CONSENT_KEY) as Consent | '' | undefined;
    return typeof v === 'object' && v !== null && v.version === PRIVACY_VERSION;
  } catch {
    return false;
  }
}

export function recordConsent(): void {
  const consent: Consent = { version: PRIVACY_VERSION, at: new Date().toISOString() };
  Taro.setStorageSync(CONSENT_KEY, consent);
}
