// The content-security step every user-written text passes. Pluggable: `allow` locally, `test` for tests (markers
// in the text choose the verdict), WeChat msgSecCheck when deployed (the WeChat platform issue adds it).
import { config } from '../core/config';

export type Verdict = 'pass' | 'review' | 'risky';
export type ContentScene = 'idea' | 'reflection' | 'concern' | 'comment';

export interface ContentChecker {
  check(text: string, scene: ContentScene): Promise<Verdict>;
}

export const allowAll: ContentChecker = { check: async () => 'pass' };

/** Deterministic verdicts for tests: 【待审】 → review, 【违规】 → risky, anything else passes. */
export const markerChecker: ContentChecker = {
  check: async (text) => (text.includes('【违规】') ? 'risky' : text.includes('【待审】') ? 'review' : 'pass'),
};

const checkers: Record<string, ContentChecker> = { allow: allowAll, test: markerChecker };

const chosen = process.env.CONTENT_CHECKER ?? (config.isLocal ? 'allow' : 'wechat');
const checker = checkers[chosen];
if (!checker) throw new Error(`CONTENT_CHECKER=${chosen} is not available`);

export function contentChecker(): ContentChecker {
  return checker!;
}
