// Form checks with the shared zod schemas: the first problem, as the zh-CN message the schema carries.

/** The message of a failed parse's first issue. */
export const firstIssue = (error: { issues: readonly { message: string }[] }, fallback = '输入有误'): string =>
  error.issues[0]?.message ?? fallback;
