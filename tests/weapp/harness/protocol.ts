// Messages between a test (tests/weapp/harness/client.ts) and the page process it drives (runner.ts).

/** What a scripted WeChat API answers: a result for `success`, or a failure with WeChat's `errMsg`. */
export type Answer = { ok: Record<string, unknown> } | { fail: string };

/** One call the page made to WeChat (`wx.<api>`), with its arguments (functions left out) and what it answered. */
export interface WxCall {
  api: string;
  args: Record<string, unknown>;
  answer: 'ok' | 'fail';
  /** Made while a tap's handlers ran, before anything was awaited (WeChat shows a subscribe prompt only then). */
  duringTap: boolean;
}

/** One `wx.request` the page sent, as the API answered it. */
export interface ApiCall {
  method: string;
  path: string;
  status: number;
}

export interface PageState {
  /** The page stack, bottom first (routes without a leading slash). */
  stack: string[];
  wx: WxCall[];
  requests: ApiCall[];
  /** console.error output, errors thrown and promises rejected unhandled, API answers of 5xx or crashes. */
  errors: string[];
}

/**
 * What a tap or an input aims at: an element id (as the page sets it), or the innermost element showing the text. An
 * input goes to the input or textarea inside the target when the target is not one (a field row's id).
 */
export type Target = { id: string } | { text: string };

export type Command =
  | { op: 'launch'; url: string; storage: Record<string, unknown>; answers: Record<string, Answer> }
  | { op: 'answers'; answers: Record<string, Answer> }
  | { op: 'text' }
  | { op: 'waitFor'; text?: string; id?: string; gone?: boolean; timeoutMs: number }
  | { op: 'settled'; timeoutMs: number }
  | { op: 'tap'; target: Target }
  | { op: 'input'; target: Target; value: string }
  | { op: 'navigate'; how: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'; url: string }
  | { op: 'navigateBack'; delta?: number }
  | { op: 'pullDown' }
  | { op: 'reachBottom' }
  | { op: 'state' };

export type Request = Command & { seq: number };
export type Reply = { seq: number; ok: true; value?: unknown } | { seq: number; ok: false; error: string };
