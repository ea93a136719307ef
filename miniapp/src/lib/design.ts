// The brand colour for what CSS cannot reach: WeChat's own dialogs (showModal's 确定 is WeChat green otherwise).
// The stylesheets take it from components/_design.scss ($brand); app.config.ts repeats it for the bars.
import Taro from '@tarojs/taro';

export const BRAND_COLOR = '#c8161d';

/** Taro.showModal with 确定 in the brand colour (weapp and H5 alike draw it green otherwise): every dialog goes through it. */
export const showModal = (options: Taro.showModal.Option) => Taro.showModal({ confirmColor: BRAND_COLOR, ...options });
