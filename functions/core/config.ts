// Configuration is read once at cold start; a missing variable fails the function before it takes traffic.

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

const stage = required('STAGE');

export const config = {
  stage,
  isLocal: stage === 'local',
  tableName: required('TABLE_NAME'),
  region: process.env.AWS_REGION ?? 'cn-northwest-1',
  /** Set only where DynamoDB Local stands in for the service. */
  dynamoEndpoint: process.env.DYNAMODB_ENDPOINT || undefined,
  wechat: {
    apiBase: process.env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
    appId: process.env.WECHAT_APPID ?? '',
    // Well under the 10 s Lambda: a call waits this long in all (connect included), then answers 503 or queues for review.
    timeoutMs: Number(process.env.WECHAT_TIMEOUT_MS ?? 3000),
  },
  /** Secrets come from the environment locally and from SSM Parameter Store when deployed (see secrets.ts). */
  secretsSsmPath: process.env.SECRETS_SSM_PATH || undefined,
  /**
   * Local stage only: multiplies every per-user quota (QUOTA_RULES). The test API sets it, as its files act as the
   * same personas at once; the quotas' own tests run the handlers in process at the real limits.
   */
  quotaLimitFactor: stage === 'local' ? Number(process.env.QUOTA_LIMIT_FACTOR || 1) : 1,
  /** The outbox consumer's retries of a message WeChat did not take: attempts, then backoff doubling from baseMs to capMs. */
  outbox: {
    attempts: Number(process.env.OUTBOX_ATTEMPTS ?? 8),
    baseMs: Number(process.env.OUTBOX_BASE_MS ?? 2000),
    capMs: Number(process.env.OUTBOX_CAP_MS ?? 60_000),
  },
  /** An API function's timeout (serverless.yml's provider.timeout), counted from the request's arrival; 0: unknown. */
  apiTimeoutMs: Number(process.env.API_TIMEOUT_SECONDS ?? 0) * 1000,
  tokenTtlSeconds: Number(process.env.TOKEN_TTL_SECONDS ?? 7 * 24 * 3600),
} as const;

if (!config.isLocal && !config.secretsSsmPath) {
  throw new Error('SECRETS_SSM_PATH must be set on every deployed stage');
}
