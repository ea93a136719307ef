// The page stack of one mini-program process, with WeChat's lifecycles: onLoad/onShow/onReady when a page opens,
// onHide when another covers it, onShow when it is back on top, onUnload when it leaves. Tab pages live beside the
// stack, as in WeChat: switchTab closes every other page and parks the tab it leaves (hidden, not unloaded).
import path from 'node:path';

/** What miniprogram-simulate renders: a root component whose `instance` is the page's method caller. */
export interface Rendered {
  dom: Element;
  instance: Record<string, any>;
  attach(parent: Element): void;
  detach(): void;
}

export interface OpenPage {
  route: string;
  query: Record<string, string>;
  rendered: Rendered;
}

export interface PageHost {
  dist: string;
  tabs: string[];
  /** Loads a page's WXML, JSON and JS once (its `Page()` options become a component) and renders an instance. */
  render(route: string): Rendered;
}

/** `/pages/a/index?x=1` → route `pages/a/index`, query `{x: '1'}` (values as WeChat hands them over: not decoded). */
export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [p, q = ''] = url.split('?');
  const route = path.posix.normalize(p!.replace(/^\/+/, ''));
  const query: Record<string, string> = {};
  for (const pair of q.split('&').filter(Boolean)) {
    const i = pair.indexOf('=');
    query[i < 0 ? pair : pair.slice(0, i)] = i < 0 ? '' : pair.slice(i + 1);
  }
  return { route, query };
}

const call = (page: OpenPage, hook: string, ...args: unknown[]) => {
  const fn = page.rendered.instance[hook];
  if (typeof fn === 'function') fn.apply(page.rendered.instance, args);
};

export class PageStack {
  readonly stack: OpenPage[] = [];
  private readonly parked = new Map<string, OpenPage>();
  constructor(private readonly host: PageHost) {}

  get top(): OpenPage | undefined {
    return this.stack[this.stack.length - 1];
  }

  private isTab(route: string): boolean {
    return this.host.tabs.includes(route);
  }

  private open(url: string): void {
    const { route, query } = parseUrl(url);
    const rendered = this.host.render(route);
    rendered.attach(document.body);
    Object.assign(rendered.instance, { route, __route__: route, options: query });
    const page: OpenPage = { route, query, rendered };
    this.stack.push(page);
    call(page, 'onLoad', query);
    call(page, 'onShow');
    call(page, 'onReady');
  }

  private unload(page: OpenPage): void {
    call(page, 'onUnload');
    page.rendered.detach();
  }

  navigateTo(url: string): void {
    if (this.isTab(parseUrl(url).route)) throw new Error(`can not navigateTo a tabbar page: ${url}`);
    if (this.stack.length >= 10) throw new Error('webview count limit exceed');
    if (this.top) call(this.top, 'onHide');
    this.open(url);
  }

  redirectTo(url: string): void {
    if (this.isTab(parseUrl(url).route)) throw new Error(`can not redirectTo a tabbar page: ${url}`);
    const top = this.stack.pop();
    if (top) this.unload(top);
    this.open(url);
  }

  navigateBack(delta = 1): void {
    if (this.stack.length <= 1) throw new Error('cannot navigate back at first page');
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop()!);
    call(this.top!, 'onShow');
  }

  switchTab(url: string): void {
    const { route } = parseUrl(url);
    if (!this.isTab(route)) throw new Error(`can not switch to no-tabBar page: ${url}`);
    if (this.top?.route === route && this.stack.length === 1) return;
    while (this.stack.length > 1) this.unload(this.stack.pop()!);
    const bottom = this.stack.pop();
    if (bottom && this.isTab(bottom.route)) {
      call(bottom, 'onHide');
      this.parked.set(bottom.route, bottom);
    } else if (bottom) {
      this.unload(bottom);
    }
    const parked = this.parked.get(route);
    if (!parked) return this.open(url);
    this.parked.delete(route);
    this.stack.push(parked);
    call(parked, 'onShow');
  }

  reLaunch(url: string): void {
    while (this.stack.length) this.unload(this.stack.pop()!);
    for (const page of this.parked.values()) this.unload(page);
    this.parked.clear();
    this.open(url);
  }

  /** Pull-down refresh and reach-bottom, as WeChat calls them on the page on top. */
  pullDown(): void {
    call(this.current(), 'onPullDownRefresh');
  }

  reachBottom(): void {
    call(this.current(), 'onReachBottom');
  }

  current(): OpenPage {
    if (!this.top) throw new Error('no page is open');
    return this.top;
  }
}
