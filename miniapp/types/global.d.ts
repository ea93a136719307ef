/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by `taro build --type ...`. */
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** Mini-program appid written into dist/weapp/project.config.json. */
    TARO_APP_ID?: string;
    /** API base for weapp builds, e.g. `https://api.example.com/v1`. */
    TARO_APP_API_BASE?: string;
    /** Deployment stage; `local` enables the demo persona login. */
    TARO_APP_STAGE?: string;
  }
}
