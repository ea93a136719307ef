// The WeChat APIs a page process offers the build: storage in memory, `wx.request` to the test API, navigation through
// the harness's page stack, and scripted answers for what a person or the phone would decide (login, dialogs, the
// camera, grants, calendar, map). Every call is recorded, so a test asserts what the page asked WeChat to do.
import type { Answer, ApiCall, WxCall } from './protocol';

type Opts = Record<string, any> & { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };

export interface Navigation {
  navigateTo(url: string): void;
  redirectTo(url: string): void;
  switchTab(url: string): void;
  reLaunch(url: string): void;
  navigateBack(delta: number): void;
}

export interface WxHost {
  apiUrl: string;
  storage: Map<string, unknown>;
  answers: Record<string, Answer>;
  calls: WxCall[];
  requests: ApiCall[];
  errors: string[];
  /** Requests sent and not answered yet. */
  inflight: number;
  /** Set while a tap's handlers run synchronously: WeChat shows some prompts only then. */
  inTap: boolean;
  /** Something happened (a request went out or came back): `settled` waits for a quiet spell after it. */
  touch(): void;
  nav: Navigation;
}

/** Without a scripted answer: what a person would most often do. `login` and `scanCode` must be scripted. */
const DEFAULTS: Record<string, (o: Opts) => Answer> = {
  login: () => ({ fail: 'no scripted answer for wx.login' }),
  scanCode: () => ({ fail: 'cancel' }),
  showModal: () => ({ ok: { confirm: true, cancel: false } }),
  showActionSheet: () => ({ fail: 'cancel' }),
  requestSubscribeMessage: (o) => ({ ok: Object.fromEntries(((o.tmplIds as string[]) ?? []).map((id) => [id, 'accept'])) }),
  getSetting: () => ({ ok: { authSetting: {}, subscriptionsSetting: { mainSwitch: true } } }),
};

/** The arguments as JSON (callbacks left out), for the record. */
function plain(o: Opts): Record<string, unknown> {
  return JSON.parse(JSON.stringify(o ?? {}, (_k, v) => (typeof v === 'function' ? undefined : v)));
}

export function makeWx(host: WxHost): Record<string, unknown> {
  /**
   * An async API: records the call, answers on a later turn through success/fail/complete as WeChat does; called with
   * none of them, it returns a Promise, as WeChat does (Taro passes some APIs, e.g. addPhoneCalendar, straight through).
   */
  const asyncApi = (api: string, run?: (o: Opts) => void) => (o: Opts = {}): Promise<unknown> | undefined => {
    if (!o.success && !o.fail && !o.complete) return new Promise((resolve, reject) => void asyncApi(api, run)({ ...o, success: resolve, fail: reject }));
    const scripted = host.answers[api];
    const answer = scripted ?? DEFAULTS[api]?.(o) ?? { ok: {} };
    host.calls.push({ api, args: plain(o), answer: 'ok' in answer ? 'ok' : 'fail', duringTap: host.inTap });
    host.touch();
    setTimeout(() => {
      let result: Record<string, unknown>;
      try {
        if ('fail' in answer) throw new Error(answer.fail);
        run?.(o);
        host.touch();
        result = { errMsg: `${api}:ok`, ...answer.ok };
      } catch (err) {
        const failed = { errMsg: `${api}:fail ${(err as Error).message}` };
        o.fail?.(failed);
        o.complete?.(failed);
        return;
      }
      o.success?.(result);
      o.complete?.(result);
    }, 0);
    return undefined;
  };

  const request = (o: Opts) => {
    const method = String(o.method ?? 'GET').toUpperCase();
    // The build has its API base baked in: keep the path from /v1 on, send it to this run's API.
    const url = new URL(o.url);
    const target = `${host.apiUrl.replace(/\/v1\/?$/, '')}${url.pathname.slice(url.pathname.indexOf('/v1'))}${url.search}`;
    const body = method === 'GET' || o.data === undefined ? undefined : typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
    const controller = new AbortController();
    host.inflight++;
    host.touch();
    fetch(target, { method, headers: o.header ?? {}, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        if (o.dataType !== 'text') {
          try {
            data = text ? JSON.parse(text) : '';
          } catch {
            /* WeChat hands over the text when it is not JSON */
          }
        }
        host.requests.push({ method: String(o.header?.['X-HTTP-Method-Override'] ?? method), path: url.pathname + url.search, status: res.status });
        if (res.status >= 500 || (data && typeof data === 'object' && 'errorType' in data)) host.errors.push(`${method} ${url.pathname} answered ${res.status}: ${text.slice(0, 300)}`);
        const header: Record<string, string> = {};
        res.headers.forEach((v, k) => (header[k] = v));
        const result = { errMsg: 'request:ok', statusCode: res.status, data, header };
        o.success?.(result);
        o.complete?.(result);
      })
      .catch((err: Error) => {
        const failed = { errMsg: `request:fail ${err.message}` };
        o.fail?.(failed);
        o.complete?.(failed);
      })
      .finally(() => {
        host.inflight--;
        host.touch();
      });
    return { abort: () => controller.abort(), onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} };
  };

  const apis: Record<string, unknown> = {
    request,
    getStorageSync: (key: string) => (host.storage.has(key) ? host.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void host.storage.set(key, value),
    removeStorageSync: (key: string) => void host.storage.delete(key),
    clearStorageSync: () => host.storage.clear(),
    canIUse: () => true,
    navigateTo: asyncApi('navigateTo', (o) => host.nav.navigateTo(o.url)),
    redirectTo: asyncApi('redirectTo', (o) => host.nav.redirectTo(o.url)),
    switchTab: asyncApi('switchTab', (o) => host.nav.switchTab(o.url)),
    reLaunch: asyncApi('reLaunch', (o) => host.nav.reLaunch(o.url)),
    navigateBack: asyncApi('navigateBack', (o) => host.nav.navigateBack(Number(o.delta ?? 1))),
  };
  const scriptable = ['login', 'showModal', 'scanCode', 'requestSubscribeMessage', 'addPhoneCalendar', 'openLocation', 'showActionSheet', 'getSetting'];
  const recorded = ['showToast', 'hideToast', 'showLoading', 'hideLoading', 'setNavigationBarTitle', 'stopPullDownRefresh', 'startPullDownRefresh', 'setKeepScreenOn', 'exitMiniProgram', 'setClipboardData', 'makePhoneCall', 'vibrateShort', 'pageScrollTo'];
  for (const api of [...scriptable, ...recorded]) apis[api] = asyncApi(api);
  return apis;
}
