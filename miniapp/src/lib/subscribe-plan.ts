// The decisions behind asking for subscribe-message grants, kept free of Taro so they can be tested on their own:
// which template ids to put in one wx.requestSubscribeMessage call, and what to report to the server afterwards.
import type { SubscribeTemplate, Subscriptions } from '@shared/schemas/notify';

/** WeChat shows at most three templates in one prompt. */
export const MAX_PER_PROMPT = 3;

export type TemplateInfo = Subscriptions['templates'][number];

/** What wx.getSetting({ withSubscriptions: true }) says; itemSettings only lists templates the user "always" answers. */
export interface SubscriptionSettings {
  mainSwitch: boolean;
  itemSettings: Record<string, string>;
}

export interface Prompt {
  key: SubscribeTemplate;
  templateId: string;
}

/**
 * The templates to ask for, in the caller's order: unique, configured on the server, at most three. Left out: all of
 * them when the user turned subscribe messages off, and each one the user always rejects or WeChat has banned
 * (asking would only return the same answer). One the user always accepts stays in: WeChat then grants it without
 * showing the prompt, and that is how such a user keeps receiving messages.
 */
export function planPrompt(
  keys: readonly SubscribeTemplate[],
  templates: readonly TemplateInfo[],
  settings: SubscriptionSettings | null,
  banned: ReadonlySet<SubscribeTemplate> = new Set(),
): Prompt[] {
  if (settings && !settings.mainSwitch) return [];
  const out: Prompt[] = [];
  for (const key of keys) {
    if (out.length === MAX_PER_PROMPT) break;
    if (banned.has(key) || out.some((p) => p.key === key)) continue;
    const templateId = templates.find((t) => t.key === key)?.templateId;
    if (!templateId || out.some((p) => p.templateId === templateId)) continue;
    const always = settings?.itemSettings[templateId];
    if (always === 'reject' || always === 'ban') continue;
    out.push({ key, templateId });
  }
  return out;
}

export interface PromptOutcome {
  /** For POST /v1/me/subscriptions; empty when WeChat answered nothing usable. */
  results: { template: SubscribeTemplate; accepted: boolean }[];
  /** Templates WeChat has banned for this user: not asked for again in this session. */
  banned: SubscribeTemplate[];
}

/** Maps WeChat's answer (`{ [templateId]: 'accept' | 'reject' | 'ban' | 'filter', errMsg }`) to what the server counts. */
export function readOutcome(asked: readonly Prompt[], answer: Record<string, unknown>): PromptOutcome {
  const results: PromptOutcome['results'] = [];
  const banned: SubscribeTemplate[] = [];
  for (const { key, templateId } of asked) {
    const verdict = answer[templateId];
    if (verdict === 'accept') results.push({ template: key, accepted: true });
    else if (verdict === 'reject' || verdict === 'filter') results.push({ template: key, accepted: false });
    else if (verdict === 'ban') {
      results.push({ template: key, accepted: false });
      banned.push(key);
    }
  }
  return { results, banned };
}

/** Grants the user has left for a template (0 when unknown). */
export const grantsFor = (templates: readonly TemplateInfo[] | null, key: SubscribeTemplate): number =>
  templates?.find((t) => t.key === key)?.grants ?? 0;
