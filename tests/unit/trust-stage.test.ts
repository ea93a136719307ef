// Defect 9: a deploy without `--stage` must fail instead of shipping the local stage, and only the local stage has the
// persona login and default secrets. Checked on the configuration osls resolves (`serverless print`, offline).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { routeKey, routes } from '@shared/routes';

const root = path.resolve(__dirname, '..', '..');
const SECRETS = ['JWT_SECRET', 'PHONE_KEY', 'WECHAT_APP_SECRET'];

function print(args: string[]): { status: number | null; out: string } {
  // Without the developer's local overrides: a deploy machine may have none of them.
  const env: Record<string, string | undefined> = { ...process.env, SLS_TELEMETRY_DISABLED: '1' };
  for (const k of [...SECRETS, 'CONTENT_CHECKER', 'DYNAMODB_ENDPOINT', 'WECHAT_API_BASE']) delete env[k];
  const res = spawnSync(path.join(root, 'node_modules', '.bin', 'serverless'), ['print', '--format', 'json', ...args], {
    cwd: root,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { status: res.status, out: `${res.stdout}\n${res.stderr}` };
}

function resolved(stage: string): { provider: { environment: Record<string, string> }; functions: Record<string, { events?: { httpApi?: { method: string; path: string } }[] }> } {
  const res = print(['--stage', stage]);
  if (res.status !== 0) throw new Error(`serverless print --stage ${stage} failed:\n${res.out}`);
  return JSON.parse(res.out.slice(res.out.indexOf('{'), res.out.lastIndexOf('}') + 1));
}

const routeKeysOf = (config: ReturnType<typeof resolved>) =>
  Object.values(config.functions).flatMap((f) => (f.events ?? []).flatMap((e) => (e.httpApi ? [`${e.httpApi.method} ${e.httpApi.path}`] : [])));

const localOnly = Object.values(routes).filter((r) => r.localOnly).map(routeKey);

describe('serverless.yml stages', () => {
  it('refuses to resolve without an explicit --stage', () => {
    const res = print([]);
    expect(res.status).not.toBe(0);
    expect(res.out).toMatch(/provider\.stage/);
  });

  it.each(['staging', 'prod', 'qa'])('has no dev login route, no default secret and real content checks on %s', (stage) => {
    const config = resolved(stage);
    expect(localOnly).toEqual(['POST /v1/auth/dev']);
    const keys = routeKeysOf(config);
    expect(keys).toContain('POST /v1/auth/wechat');
    for (const k of localOnly) expect(keys).not.toContain(k);
    const env = config.provider.environment;
    for (const s of SECRETS) expect(env[s]).toBe('');
    expect(env.CONTENT_CHECKER).toBe('wechat');
    expect(env.DYNAMODB_ENDPOINT).toBe('');
  });

  it('keeps the dev login and its defaults on the local stage', () => {
    const config = resolved('local');
    expect(routeKeysOf(config)).toEqual(expect.arrayContaining(['POST /v1/auth/wechat', ...localOnly]));
    expect(config.provider.environment.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });
});
