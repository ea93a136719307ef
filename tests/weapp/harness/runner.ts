// One mini-program process: the weapp build hosted on WeChat's component framework (miniprogram-exparser through
// miniprogram-simulate) over jsdom, driven by a test through IPC (see client.ts). Taro keeps global state, so each
// process runs one session of the app; within it, pages open and close on a real stack (navigation.ts).
//   1. jsdom provides the DOM; `wx` (wx.ts) is set before simulate adds its mocks, so ours win.
//   2. App/getApp/getCurrentPages are stubbed, the real app.js runs, then onLaunch/onShow.
//   3. A page's Page() options are registered as a Component() whose methods are the page's functions.
//   4. Webpack runs a chunk once: registered options are kept per file and replayed when the file is loaded again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PageStack, parseUrl, type Rendered } from './navigation';
import type { Command, Reply, Request, Target } from './protocol';
import { makeWx, type WxHost } from './wx';

const DIST = process.env.WEAPP_DIST!;
const QUIET_MS = 150;

// jsdom ships no types; the harness uses its window only.
const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, options: object) => { window: any } };
const jsdom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
const g = globalThis as Record<string, any>;
for (const key of Object.getOwnPropertyNames(jsdom.window)) {
  if (!(key in g)) {
    try {
      g[key] = (jsdom.window as any)[key];
    } catch {
      /* read-only globals of Node stay Node's */
    }
  }
}
g.window = jsdom.window;
g.document = jsdom.window.document;

let lastActivity = Date.now();
const host: WxHost = {
  apiUrl: process.env.API_URL!,
  storage: new Map(),
  answers: {},
  calls: [],
  requests: [],
  errors: [],
  inflight: 0,
  inTap: false,
  touch: () => void (lastActivity = Date.now()),
  nav: undefined as unknown as WxHost['nav'],
};
const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : typeof e === 'string' ? e : JSON.stringify(e));
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  host.errors.push(args.map(describe).join(' '));
  consoleError(...args);
};
process.on('uncaughtException', (e) => host.errors.push(`uncaught: ${describe(e)}`));
process.on('unhandledRejection', (e) => host.errors.push(`unhandled rejection: ${describe(e)}`));

g.wx = makeWx(host);
const simulate = require('miniprogram-simulate');
const simulateUtils = require('miniprogram-simulate/src/utils');
const simComponent = g.Component as (options: object) => void;

// Registration, kept per file and replayed (see 4. above).
const registered = new Map<string, () => void>();
let loadingFile = '';
const register = (replay: () => void) => {
  registered.set(loadingFile, replay);
  replay();
};
g.Component = (options: object) => register(() => simComponent(options));
g.Page = (options: Record<string, unknown>) => {
  const methods = Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'function'));
  const asComponent = { data: options.data ?? {}, methods, options: { addGlobalClass: true } };
  register(() => simComponent(asComponent));
};
simulateUtils.runJs = (file: string) => {
  loadingFile = require.resolve(file);
  const before = registered.get(loadingFile);
  require(loadingFile);
  delete require.cache[loadingFile];
  if (before && registered.get(loadingFile) === before) before();
};

let app: Record<string, any> = {};
g.App = (options: Record<string, any>) => void (app = options);
g.getApp = () => app;
const ids = new Map<string, string>();
const drawn = new WeakSet<object>();
const stack = new PageStack({
  dist: DIST,
  tabs: (JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')).tabBar?.list ?? []).map((t: { pagePath: string }) => t.pagePath),
  render(route: string): Rendered {
    let id = ids.get(route);
    if (!id) {
      id = simulate.load(path.join(DIST, route), { rootPath: DIST }) as string;
      ids.set(route, id);
    }
    const rendered = simulate.render(id) as Rendered;
    // Taro draws a page through its setData: until the first one, the page is still on its way (see settled).
    const { instance } = rendered;
    const setData = instance.setData as (...args: unknown[]) => unknown;
    instance.setData = (...args: unknown[]) => {
      drawn.add(instance);
      host.touch();
      return setData.apply(instance, args);
    };
    return rendered;
  },
});
host.nav = stack;
g.getCurrentPages = () => stack.stack.map((p) => p.rendered.instance);

/** The page on top's elements, innermost first for text, by id as the page set it (`id` on a Taro component). */
function find(target: Target): any {
  const root = stack.current().rendered.dom;
  const all: Element[] = Array.from(root.querySelectorAll('*'));
  if ('id' in target) return all.find((el: any) => el.__wxElement?.id === target.id);
  const holding = all.filter((el) => el.textContent?.includes(target.text));
  return holding.find((el) => !Array.from(el.children).some((c) => c.textContent?.includes(target.text)));
}

function found(target: Target): any {
  const el = find(target);
  if (!el?.__wxElement) throw new Error(`no element ${JSON.stringify(target)} on ${stack.current().route}; it shows: ${text().slice(0, 600)}`);
  return el.__wxElement;
}

/** The field a value is typed into: the target itself, or the input or textarea inside it (a row's id, a boxed field). */
function field(target: Target): any {
  const el = find(target);
  const box = el && (/^wx-(input|textarea)$/i.test(el.tagName) ? el : el.querySelector('wx-input, wx-textarea'));
  return box?.__wxElement ? box.__wxElement : found(target);
}

const text = () => stack.current().rendered.dom.textContent ?? '';

/** Fires a WeChat event on an element the way the view layer does (bubbling, across component boundaries). */
function fire(node: unknown, name: string, detail: Record<string, unknown>): void {
  const exparser = require('miniprogram-exparser');
  const touch = { identifier: 0, pageX: 0, pageY: 0, clientX: 0, clientY: 0 };
  host.inTap = name === 'tap';
  try {
    exparser.Event.dispatchEvent(node, exparser.Event.create(name, detail, { bubbles: true, composed: true, capturePhase: true, extraFields: { touches: [touch], changedTouches: [touch] } }));
  } finally {
    host.inTap = false;
  }
  host.touch();
}

/** Resolves when `check` holds, tested after every change of the DOM; rejects after `timeoutMs` with what shows. */
function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const observer = new jsdom.window.MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${what} not within ${timeoutMs} ms on ${stack.top?.route}; it shows: ${text().slice(0, 600)}`));
    }, timeoutMs);
  });
}

/**
 * No request in flight, the page on top drawn, and nothing changed for a quiet spell (what a browser test's network
 * idle means). Navigation, requests, setData and DOM changes all count as activity.
 */
async function settled(timeoutMs: number): Promise<void> {
  const observer = new jsdom.window.MutationObserver(() => host.touch());
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  const start = Date.now();
  try {
    for (;;) {
      const quiet = Date.now() - lastActivity;
      const undrawn = !!stack.top && !drawn.has(stack.top.rendered.instance);
      if (host.inflight === 0 && !undrawn && quiet >= QUIET_MS) return;
      if (Date.now() - start > timeoutMs) {
        throw new Error(`not settled within ${timeoutMs} ms (${host.inflight} requests in flight${undrawn ? `, ${stack.top!.route} not drawn yet` : ''})`);
      }
      await new Promise((r) => setTimeout(r, Math.max(10, QUIET_MS - quiet)));
    }
  } finally {
    observer.disconnect();
  }
}

async function run(cmd: Command): Promise<unknown> {
  switch (cmd.op) {
    case 'launch': {
      for (const [k, v] of Object.entries(cmd.storage)) host.storage.set(k, v);
      host.answers = { ...cmd.answers };
      const { route, query } = parseUrl(cmd.url);
      require(path.join(DIST, 'app.js'));
      app.onLaunch?.({ path: route, query, scene: 1001 });
      app.onShow?.({ path: route, query, scene: 1001 });
      stack.reLaunch(cmd.url);
      return;
    }
    case 'answers':
      Object.assign(host.answers, cmd.answers);
      return;
    case 'text':
      return text();
    case 'waitFor': {
      const present = () => (cmd.id !== undefined ? !!find({ id: cmd.id }) : text().includes(cmd.text ?? ''));
      const what = cmd.id !== undefined ? `#${cmd.id}` : `“${cmd.text}”`;
      return until(() => present() !== !!cmd.gone, cmd.timeoutMs, cmd.gone ? `${what} gone` : what);
    }
    case 'settled':
      return settled(cmd.timeoutMs);
    case 'tap':
      return fire(found(cmd.target), 'tap', { x: 0, y: 0 });
    case 'input':
      return fire(field(cmd.target), 'input', { value: cmd.value, cursor: cmd.value.length, keyCode: 0 });
    case 'navigate':
      return stack[cmd.how](cmd.url);
    case 'navigateBack':
      return stack.navigateBack(cmd.delta);
    case 'pullDown':
      return stack.pullDown();
    case 'reachBottom':
      return stack.reachBottom();
    case 'state':
      return { stack: stack.stack.map((p) => p.route), wx: host.calls, requests: host.requests, errors: host.errors };
  }
}

process.on('message', (msg: Request) => {
  run(msg).then(
    (value) => process.send!({ seq: msg.seq, ok: true, value } satisfies Reply),
    (err: Error) => process.send!({ seq: msg.seq, ok: false, error: err.stack ?? err.message } satisfies Reply),
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ seq: 0, ok: true } satisfies Reply);
