// The content-security step every user-written text passes. Pluggable: `allow` locally, `test` for tests (markers
// in the text choose the verdict), `wechat` (msgSecCheck v2) when deployed.
import { config } from '../core/config';
import { logger } from '../core/http/logger';
import { msgSecCheck, type SecScene } from '../wechat/wechat-client';

export type Verdict = 'pass' | 'review' | 'risky';
export type ContentScene = 'idea' | 'reflection' | 'concern' | 'comment';

export interface ContentChecker {
  /** `openid` is the author's: WeChat checks text against the user who wrote it. */
  check(text: string, scene: ContentScene, openid?: string): Promise<Verdict>;
}

export const allowAll: ContentChecker = { check: async () => 'pass' };

/** Deterministic verdicts for tests: 【待审】 → review, 【违规】 → risky, anything else passes. */
export const markerChecker: ContentChecker = {
  check: async (text) => (text.includes('【违规】') ? 'risky' : text.includes('【待审】') ? 'review' : 'pass'),
};

const SCENES: Record<ContentScene, SecScene> = { idea: 3, concern: 3, reflection: 4, comment: 2 };

/**
 * WeChat's msgSecCheck. When WeChat cannot give a verdict (timeout, error, no openid) the text is kept for a
 * person to review: never lost, never published unchecked.
 */
export const wechatChecker: ContentChecker = {
  check: async (text, scene, openid) => {
    if (!openid) return 'review';
    try {
      return (await msgSecCheck(text, openid, SCENES[scene])).suggest;
    } catch (err) {
      logger.warn('content check unavailable; kept for review', { error: err as Error });
      return 'review';
    }
  },
};

const checkers: Record<string, ContentChecker> = { allow: allowAll, test: markerChecker, wechat: wechatChecker };

const chosen = process.env.CONTENT_CHECKER ?? (config.isLocal ? 'allow' : 'wechat');
const checker = checkers[chosen];
if (!checker) throw new Error(`CONTENT_CHECKER=${chosen} is not available`);

export function contentChecker(): ContentChecker {
  return checker!;
}
