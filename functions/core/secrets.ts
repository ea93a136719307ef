// Secrets are fetched once per container and cached; SSM keeps them out of the function's environment when deployed.
import { config } from './config';

export interface Secrets {
  /** Signs session tokens and cursors. */
  jwtSecret: string;
  /** 32-byte key (base64) that encrypts phone numbers at rest. */
  phoneKey: Buffer;
  wechatAppSecret: string;
}

const NAMES = ['JWT_SECRET', 'PHONE_KEY', 'WECHAT_APP_SECRET'] as const;

/**
 * Required by a name esbuild cannot follow, so no bundle holds the SSM client (an `await import()` is inlined into
 * the cjs bundle and parsed at every cold start). Deployed functions load the Lambda runtime's own SDK copy once per
 * container; local stages never load it.
 */
const SSM_MODULE = '@aws-sdk/client-ssm';

let cached: Promise<Secrets> | undefined;

function fromValues(values: Record<string, string | undefined>, source: string): Secrets {
  const missing = NAMES.filter((k) => !values[k]);
  if (missing.length) throw new Error(`Missing secrets from ${source}: ${missing.join(', ')}`);
  const phoneKey = Buffer.from(values.PHONE_KEY!, 'base64');
  if (phoneKey.length !== 32) throw new Error('PHONE_KEY must be 32 bytes, base64-encoded');
  if (values.JWT_SECRET!.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
  return { jwtSecret: values.JWT_SECRET!, phoneKey, wechatAppSecret: values.WECHAT_APP_SECRET! };
}

async function fromSsm(path: string): Promise<Record<string, string | undefined>> {
  const { SSMClient, GetParametersCommand } = require(SSM_MODULE) as typeof import('@aws-sdk/client-ssm');
  const client = new SSMClient({ region: config.region, maxAttempts: 3 });
  try {
    const out = await client.send(new GetParametersCommand({ Names: NAMES.map((n) => `${path}/${n}`), WithDecryption: true }));
    if (out.InvalidParameters?.length) throw new Error(`SSM has no parameter ${out.InvalidParameters.join(', ')}`);
    return Object.fromEntries((out.Parameters ?? []).map((p) => [p.Name!.slice(path.length + 1), p.Value]));
  } finally {
    client.destroy();
  }
}

async function load(): Promise<Secrets> {
  if (!config.secretsSsmPath) return fromValues(process.env, 'the environment');
  return fromValues(await fromSsm(config.secretsSsmPath), 'SSM');
}

export function secrets(): Promise<Secrets> {
  cached ??= load().catch((err) => {
    cached = undefined; // a transient SSM failure must not poison the container
    throw err;
  });
  return cached;
}
