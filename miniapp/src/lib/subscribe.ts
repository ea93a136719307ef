// One-time subscribe-message grants, asked for at the moment they matter (after booking, raising a concern,
// submitting an idea, on a preview, on the political birthday) and reported to the server, which counts them.
//
// WeChat shows the prompt only when wx.requestSubscribeMessage runs inside the user's tap, before anything is
// awaited ("can only be invoked by user TAP gesture"). So the template ids and the user's settings are loaded ahead,
// when a page that asks shows (`useSubscriptions` / `prepareSubscriptions`), and `askFor` is called first thing in
// the tap handler, next to the action's own request. It never throws and never holds the action up: failures are
// logged and the action goes on. Outside the mini-program (H5) every function here does nothing.
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { SubscribeTemplate } from '@shared/schemas/notify';
import { api } from '../api/client';
import { getToken } from '../api/session';
import { IS_WEAPP } from '../env';
import { planPrompt, readOutcome, type SubscriptionSettings, type TemplateInfo } from './subscribe-plan';

interface Loaded {
  /** The session the counts belong to: another login loads them again. */
  token: string;
  templates: TemplateInfo[];
  settings: SubscriptionSettings | null;
}

let loaded: Loaded | null = null;
let loading: Promise<void> | null = null;
/** Templates WeChat answered `ban` for in this session. */
const banned = new Set<SubscribeTemplate>();
const listeners = new Set<() => void>();

const warn = (what: string, err: unknown) => console.warn(`[subscribe] ${what}`, err);

/** Whether this client can show WeChat's subscribe prompt at all (false on H5 and on very old base libraries). */
export function subscribeSupported(): boolean {
  if (!IS_WEAPP) return false;
  try {
    return Taro.canIUse('requestSubscribeMessage');
  } catch {
    return false;
  }
}

function current(): Loaded | null {
  const token = getToken();
  return loaded && token && loaded.token === token ? loaded : null;
}

function update(next: Loaded): void {
  loaded = next;
  for (const l of listeners) l();
}

async function readSettings(): Promise<SubscriptionSettings | null> {
  try {
    const s = (await Taro.getSetting({ withSubscriptions: true })).subscriptionsSetting;
    if (!s) return null;
    return { mainSwitch: s.mainSwitch !== false, itemSettings: (s.itemSettings ?? {}) as Record<string, string> };
  } catch {
    return null; // unknown settings: ask, and let WeChat answer
  }
}

/** Loads the template ids, grant counts and the user's settings once per session, so a later tap can ask at once. */
export function prepareSubscriptions(): Promise<void> {
  const token = getToken();
  if (!subscribeSupported() || !token || current()) return Promise.resolve();
  if (!loading) {
    loading = Promise.all([api('mySubscriptions'), readSettings()])
      .then(([subs, settings]) => {
        if (getToken() === token) update({ token, templates: subs.templates, settings });
      })
      .catch((err) => warn('could not load templates', err))
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

/** Templates that `askFor(keys)` would put in the prompt now (none before they are loaded, or on H5). */
export function promptable(keys: readonly SubscribeTemplate[]): SubscribeTemplate[] {
  const state = subscribeSupported() ? current() : null;
  return state ? planPrompt(keys, state.templates, state.settings, banned).map((p) => p.key) : [];
}

/**
 * Asks for one grant of each template (at most three), then reports the answers. Call it synchronously at the start
 * of a tap handler, before any `await`. Resolves with the number of grants the user gave; never rejects.
 */
export function askFor(keys: readonly SubscribeTemplate[]): Promise<number> {
  if (!subscribeSupported()) return Promise.resolve(0);
  const state = current();
  const asked = state ? planPrompt(keys, state.templates, state.settings, banned) : [];
  if (!state || asked.length === 0) {
    void prepareSubscriptions(); // not loaded yet: the next tap can ask
    return Promise.resolve(0);
  }
  const { token } = state;
  let answer: Promise<unknown>;
  try {
    // Taro's option type also demands Alipay's `entityIds`; WeChat takes tmplIds only.
    answer = Taro.requestSubscribeMessage({ tmplIds: asked.map((p) => p.templateId) } as Taro.requestSubscribeMessage.Option);
  } catch (err) {
    warn('prompt failed', err);
    return Promise.resolve(0);
  }
  return answer
    .then(async (res) => {
      const outcome = readOutcome(asked, res as Record<string, unknown>);
      for (const key of outcome.banned) banned.add(key);
      if (outcome.results.length === 0) return 0;
      const [subs, settings] = await Promise.all([api('recordSubscriptions', { body: { results: outcome.results } }), readSettings()]);
      if (getToken() === token) update({ token, templates: subs.templates, settings });
      return outcome.results.filter((r) => r.accepted).length;
    })
    .catch((err: unknown) => {
      // e.g. 20004: the user switched subscribe messages off; read the settings again so we stop asking.
      warn('prompt or report failed', err);
      void readSettings().then((settings) => {
        const now = current();
        if (now && settings) update({ ...now, settings });
      });
      return 0;
    });
}

/** The user's templates with their grant counts; null on H5, before login, or until loaded (it loads them). */
export function useSubscriptions(): TemplateInfo[] | null {
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(() => current()?.templates ?? null);
  const token = subscribeSupported() ? getToken() : null;
  useEffect(() => {
    if (!subscribeSupported()) return;
    const refresh = () => setTemplates(current()?.templates ?? null);
    listeners.add(refresh);
    refresh();
    void prepareSubscriptions();
    return () => {
      listeners.delete(refresh);
    };
  }, [token]);
  return templates;
}
