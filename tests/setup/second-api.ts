// A second API server for one suite, on the run's database and fake WeChat server but with other settings: the run's
// API uses the marker content checker, and a suite that proves the deployed one (`CONTENT_CHECKER=wechat`) starts
// this in beforeAll. Only that suite pays for it.
import { LOCAL_TABLE, localFunctionEnv } from '../../scripts/lib/local-env';
import { startOffline, type Offline } from '../../scripts/lib/offline';
import { freePort } from '../../scripts/lib/ports';

export async function startSecondApi(overrides: Record<string, string>): Promise<Offline> {
  const { DYNAMODB_ENDPOINT, WECHAT_API_BASE, TABLE_NAME } = process.env;
  if (!DYNAMODB_ENDPOINT || !WECHAT_API_BASE) throw new Error('the run’s stack is not up: run the suite through jest (globalSetup)');
  const env = {
    ...localFunctionEnv({ dynamoEndpoint: DYNAMODB_ENDPOINT, wechatApiBase: WECHAT_API_BASE, tableName: TABLE_NAME ?? LOCAL_TABLE }),
    LOG_LEVEL: 'WARN',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    ...overrides,
  };
  return startOffline({ port: await freePort(), lambdaPort: await freePort(), env, inProcess: true });
}
