// Stage-dependent behaviour, checked by loading the real handlers in-process with another stage's configuration.
import { httpEvent, lambdaContext } from './lambda-event';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;

function loadAuthHandler(env: Record<string, string | undefined>): Handler {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    let handler: Handler | undefined;
    jest.isolateModules(() => {
      handler = require('../../functions/auth/handler').handler;
    });
    return handler!;
  } finally {
    process.env = saved;
  }
}

describe('POST /v1/auth/dev', () => {
  it('answers 404 on any stage but local', async () => {
    // Prepare
    const handler = loadAuthHandler({ STAGE: 'staging', SECRETS_SSM_PATH: '/pioneer-station/staging' });
    // Act
    const res = await handler(httpEvent('POST', '/v1/auth/dev', { openid: 'demo-admin' }), lambdaContext());
    // Assess
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body!).error.code).toBe('NOT_FOUND');
  });

  it('logs in on the local stage', async () => {
    const handler = loadAuthHandler({ STAGE: 'local' });
    const res = await handler(httpEvent('POST', '/v1/auth/dev', { openid: 'demo-admin' }), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!).user.grants).toEqual([{ role: 'admin', orgId: 'huzhou' }]);
  });
});

describe('configuration', () => {
  it('fails fast at cold start when a required variable is missing', () => {
    expect(() => loadAuthHandler({ TABLE_NAME: undefined })).toThrow(/TABLE_NAME/);
  });

  it('refuses a deployed stage without an SSM path for its secrets', () => {
    expect(() => loadAuthHandler({ STAGE: 'prod', SECRETS_SSM_PATH: undefined })).toThrow(/SECRETS_SSM_PATH/);
  });
});
