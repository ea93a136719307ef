// Environment for functions run on this machine (serverless-offline, tests, bench). Only the local stage uses
// these values; deployed stages read secrets from SSM.
export const LOCAL_TABLE = 'pioneer-station-local';
/** Where `npm start` runs s3rver (STORAGE_PORT); tests start their own on a free port and pass its endpoint. */
export const LOCAL_STORAGE_PORT = 4569;
/** The bucket of concern photos on the local stage (s3rver creates it; serverless.yml names the same one). */
export const LOCAL_PHOTO_BUCKET = 'pioneer-station-photos-local';

export function localFunctionEnv(opts: { dynamoEndpoint: string; wechatApiBase?: string; tableName?: string; storageEndpoint?: string }): Record<string, string> {
  return {
    STAGE: 'local',
    TABLE_NAME: opts.tableName ?? LOCAL_TABLE,
    DYNAMODB_ENDPOINT: opts.dynamoEndpoint,
    PHOTO_BUCKET: LOCAL_PHOTO_BUCKET,
    STORAGE_ENDPOINT: opts.storageEndpoint ?? process.env.STORAGE_ENDPOINT ?? `http://127.0.0.1:${LOCAL_STORAGE_PORT}`,
    WECHAT_API_BASE: opts.wechatApiBase ?? 'http://127.0.0.1:3199',
    WECHAT_APPID: 'wx-local-appid',
    JWT_SECRET: 'local-only-secret-never-used-outside-this-machine',
    PHONE_KEY: 'xBSttJNibB/KnM+r6OlslzRQ87d1iD881ySekmu9pz8=',
    WECHAT_APP_SECRET: 'local-app-secret',
    AWS_REGION: 'cn-northwest-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
  };
}
