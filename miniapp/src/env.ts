// Build-time settings. Taro replaces `process.env.X` with literals, so keep each access spelled out in full.

export const IS_H5 = process.env.TARO_ENV === 'h5';
export const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/** Deployment stage; `local` enables the demo persona login. */
export const STAGE: string = process.env.TARO_APP_STAGE || 'local';
export const IS_LOCAL = STAGE === 'local';

/**
 * H5 is served next to the API (the local web server proxies `/v1`), so it uses a relative base;
 * the mini-program needs an absolute URL.
 */
export const API_BASE: string = IS_H5 ? '/v1' : process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3100/v1';
