// Per-user quotas on what creates content, guesses a secret or reveals personal data: at most `limit` in each fixed
// window of `windowSeconds` (windows follow Asia/Shanghai's clock, so a day is a calendar day there). Past it: 429
// RATE_LIMITED with Retry-After and `message`. The one place to tune them.
export const QUOTA_RULES = {
  concern: { limit: 5, windowSeconds: 60, message: '提交说事太频繁，请 1 分钟后再试' },
  idea: { limit: 5, windowSeconds: 60, message: '提交创意太频繁，请 1 分钟后再试' },
  report: { limit: 5, windowSeconds: 60, message: '举报太频繁，请 1 分钟后再试' },
  reflection: { limit: 5, windowSeconds: 60, message: '提交心得太频繁，请 1 分钟后再试' },
  /** Wrong check-in codes: past the limit every code is refused until the window ends, so codes cannot be guessed. */
  wrongCheckInCode: { limit: 5, windowSeconds: 60, message: '签到码错误次数过多，请 1 分钟后再试' },
  /** 联系群众: an official reveals a resident's phone number (each reveal is also in the audit log). */
  phoneReveal: { limit: 30, windowSeconds: 24 * 3600, message: '今天查看群众电话已达 30 次上限，请明天再试' },
} as const satisfies Record<string, { limit: number; windowSeconds: number; message: string }>;

export type QuotaAction = keyof typeof QUOTA_RULES;
