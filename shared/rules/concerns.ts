// 群众说事 rules, apart from the schemas so that code needing only the numbers does not build every zod schema.
import type { ConcernCategory, ConcernStatus } from '../schemas/concerns';

/** The rules of 群众说事, read by the functions and the mini-program. */
export const CONCERN_RULES = {
  /**
   * 承诺时限 in days per category, from filing. A transfer keeps that promise and gives the receiving station its own
   * deadline, the full time again from the transfer; a station that let its own deadline pass stays counted overdue.
   */
  deadlineDays: { environment: 3, traffic: 5, dispute: 3, social_security: 7, village_affairs: 5, other: 7 },
  /** Statuses still waiting for the station: they count as overdue past their due time. */
  openStatuses: ['submitted', 'transferred', 'in_progress'],
  /** Titles filed from a 局长驻点 booking's topic are cut to this many characters. */
  titleMax: 40,
  /**
   * Photos (群众说事 with pictures): at most `max` per submission (raising, a follow-up, a resolution), each at most
   * `maxBytes` of one of `types` after the phone compressed it; upload URLs live `uploadSeconds`, view URLs `viewSeconds`.
   */
  photos: { max: 4, maxBytes: 3 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'image/webp'], uploadSeconds: 300, viewSeconds: 600 },
} as const satisfies {
  deadlineDays: Record<ConcernCategory, number>;
  openStatuses: readonly ConcernStatus[];
  titleMax: number;
  photos: { max: number; maxBytes: number; types: readonly string[]; uploadSeconds: number; viewSeconds: number };
};
