// Secrets are fetched once per container and cached; SSM keeps them out of the function's environment when deployed.
import { config } from './config';

export interface Secrets {
  /** Signs session tokens and cursors. */
  jwtSecret: string;
  /** 32-byte key (base64) that encrypts phone numbers at rest. */
  phoneKey: Buffer;
  wechatAppSecret: string;
}

let cached: Promise<Secrets> | undefined;

function fromValues(values: Record<string, string | undefined>, source: string): Secrets {
  const missing = ['JWT_SECRET', 'PHONE_KEY', 'WECHAT_APP_SECRET'].filter((k) => !values[k]);
  if (missing.length) throw new Error(`Missing secrets from ${source}: ${missing.join(', ')}`);
  const phoneKey = Buffer.from(values.PHONE_KEY!, 'base64');
  if (phoneKey.length !== 32) throw new Error('PHONE_KEY must be 32 bytes, base64-encoded');
  if (values.JWT_SECRET!.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
  return { jwtSecret: values.JWT_SECRET!, phoneKey, wechatAppSecret: values.WECHAT_APP_SECRET! };
}

async function load(): Promise<Secrets> {
  if (!config.secretsSsmPath) return fromValues(process.env, 'the environment');
  const names = ['JWT_SECRET', 'PHONE_KEY', 'WECHAT_APP_SECRET'];
  // Loaded only on deployed stages, once per container: the SSM client is a large part of the bundle.
  const { getParametersByName } = await import('@aws-lambda-powertools/parameters/ssm');
  const byName = await getParametersByName<string>(
    Object.fromEntries(names.map((n) => [`${config.secretsSsmPath}/${n}`, { decrypt: true }])),
    { maxAge: 900, throwOnError: true },
  );
  return fromValues(
    Object.fromEntries(names.map((n) => [n, byName[`${config.secretsSsmPath}/${n}`] as string | undefined])),
    'SSM',
  );
}

export function secrets(): Promise<Secrets> {
  cached ??= load().catch((err) => {
    cached = undefined; // a transient SSM failure must not poison the container
    throw err;
  });
  return cached;
}
