// 大字模式: a larger type scale and tap size for the whole app (the tokens in components/_design.scss). The user's
// choice in 我的 is kept in storage; until they choose, a large system font (WeChat's font size setting) turns it on.
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { IS_H5 } from '../env';

const KEY = 'largeText';
/** The root class that switches the tokens (app.scss). */
export const LARGE_TEXT_CLASS = 'large-text';
/** WeChat's standard font size is 16 (Android) / 17 (iOS); larger settings mean the user wants large text. */
const SYSTEM_LARGE_FROM = 18;

function systemFontSize(): number | undefined {
  try {
    const base = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : undefined;
    const size = (base as { fontSizeSetting?: number } | undefined)?.fontSizeSetting ?? Taro.getSystemInfoSync().fontSizeSetting;
    return typeof size === 'number' ? size : undefined;
  } catch {
    return undefined; // H5 and old base libraries
  }
}

/** The user's choice, else the system's font size. */
export function largeTextOn(): boolean {
  const chosen: unknown = Taro.getStorageSync(KEY);
  if (chosen === true || chosen === false) return chosen;
  return (systemFontSize() ?? 0) >= SYSTEM_LARGE_FROM;
}

/**
 * weapp: the large tokens as the inline style of PageShell's root, in rpx as the stylesheets are; keep in step with
 * `type-scale(large)` in components/_design.scss.
 */
export const LARGE_TEXT_STYLE = '--fs-small:32rpx;--fs-body:36rpx;--fs-title:42rpx;--tap:100rpx';

const CHANGED = 'largeTextChanged';

/** Applies the setting: H5 puts the root class on the document; weapp pages re-render their PageShell. */
export function applyTextSize(on = largeTextOn()): void {
  if (IS_H5 && typeof document !== 'undefined') document.documentElement.classList.toggle(LARGE_TEXT_CLASS, on);
  Taro.eventCenter.trigger(CHANGED, on);
}

/** Whether 大字模式 is on, following changes made on another page. */
export function useLargeTextOn(): boolean {
  const [on, setOn] = useState(largeTextOn);
  useEffect(() => {
    const follow = (next: boolean) => setOn(next);
    Taro.eventCenter.on(CHANGED, follow);
    return () => void Taro.eventCenter.off(CHANGED, follow);
  }, []);
  return on;
}

/** The 大字模式 switch: the state and a setter that keeps the choice and applies it at once. */
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(largeTextOn);
  const set = (next: boolean) => {
    Taro.setStorageSync(KEY, next);
    applyTextSize(next);
    setOn(next);
  };
  return [on, set];
}
