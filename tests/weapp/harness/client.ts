// A test's handle on one mini-program process (runner.ts): the weapp build, opened on a page as a persona, a guest or
// a visitor who has not consented yet. Each `openWeapp` forks a fresh process (Taro keeps global state).
//   const page = await openWeapp({ as: 'demo-member-1', url: '/pages/me/index' });
//   await page.waitForText('我的'); await page.tap({ text: '退出登录' }); await page.close();
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_URL, login } from '../../api/http';
import type { Answer, Command, PageState, Reply, Target } from './protocol';

const root = path.resolve(__dirname, '..', '..', '..');
export const WEAPP_DIST = process.env.WEAPP_DIST ?? path.join(root, 'miniapp', 'dist', 'weapp');
const WAIT_MS = 20_000;

/** A constant of the app's source (storage keys, the privacy version), read where it is defined. */
function sourceConst(file: string, name: string): string {
  const m = readFileSync(path.join(root, 'miniapp', 'src', file), 'utf8').match(new RegExp(`const ${name}\\s*=\\s*'?([^';]+)'?;`));
  if (!m) throw new Error(`${name} not found in miniapp/src/${file}`);
  return m[1]!;
}
const TOKEN_KEY = sourceConst('api/session.ts', 'TOKEN_KEY');
const PERSONA_KEY = sourceConst('api/session.ts', 'PERSONA_KEY');
const CONSENT_KEY = sourceConst('lib/privacy.ts', 'CONSENT_KEY');
const PRIVACY_VERSION = Number(sourceConst('lib/privacy.ts', 'PRIVACY_VERSION'));

export interface OpenOptions {
  /** A persona's openid (logged in through /auth/dev, as the persona picker does); none for a guest. */
  as?: string;
  /** The page to launch on, e.g. `/packages/themeday/detail/index?id=…`. */
  url: string;
  /** false: the visitor has not given privacy consent yet. */
  consented?: boolean;
  /** Scripted answers of WeChat APIs (see wx.ts for the defaults). */
  answers?: Record<string, Answer>;
}

export class WeappPage {
  private seq = 0;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private readonly log: string[] = [];
  private exited: string | null = null;

  constructor(private readonly child: ChildProcess) {
    const keep = (d: Buffer) => {
      this.log.push(...String(d).split('\n').filter(Boolean));
      if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('message', (r: Reply) => this.waiting.get(r.seq)?.(r));
    child.on('exit', (code, signal) => {
      this.exited = `page process exited (${signal ?? code})`;
      for (const [seq, resolve] of this.waiting) resolve({ seq, ok: false, error: this.exited });
    });
  }

  /** Resolves once the process has loaded the harness. */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.set(0, (r) => (this.waiting.delete(0), r.ok ? resolve() : reject(new Error(`${r.error}\n${this.logTail()}`))));
    });
  }

  private send<T>(cmd: Command): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.exited}\n${this.logTail()}`));
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(seq, (r) => {
        this.waiting.delete(seq);
        if (r.ok) resolve(r.value as T);
        else reject(new Error(`${cmd.op}: ${r.error}\n${this.logTail()}`));
      });
      this.child.send({ ...cmd, seq });
    });
  }

  private logTail(): string {
    return this.log.length ? `page process output:\n  ${this.log.slice(-30).join('\n  ')}` : '';
  }

  launch(url: string, storage: Record<string, unknown>, answers: Record<string, Answer>): Promise<void> {
    return this.send({ op: 'launch', url, storage, answers });
  }
  /** Scripts (more) answers of WeChat APIs from now on. */
  answer(answers: Record<string, Answer>): Promise<void> {
    return this.send({ op: 'answers', answers });
  }
  /** The text the page on top shows. */
  text(): Promise<string> {
    return this.send({ op: 'text' });
  }
  waitForText(text: string, timeoutMs = WAIT_MS): Promise<void> {
    return this.send({ op: 'waitFor', text, timeoutMs });
  }
  waitForTextGone(text: string, timeoutMs = WAIT_MS): Promise<void> {
    return this.send({ op: 'waitFor', text, gone: true, timeoutMs });
  }
  waitForId(id: string, timeoutMs = WAIT_MS): Promise<void> {
    return this.send({ op: 'waitFor', id, timeoutMs });
  }
  /** No request in flight and nothing changed for a moment: what the page shows now is what its data gave. */
  settled(timeoutMs = WAIT_MS): Promise<void> {
    return this.send({ op: 'settled', timeoutMs });
  }
  tap(target: Target): Promise<void> {
    return this.send({ op: 'tap', target });
  }
  input(target: Target, value: string): Promise<void> {
    return this.send({ op: 'input', target, value });
  }
  navigate(how: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): Promise<void> {
    return this.send({ op: 'navigate', how, url });
  }
  navigateBack(delta?: number): Promise<void> {
    return this.send({ op: 'navigateBack', delta });
  }
  pullDown(): Promise<void> {
    return this.send({ op: 'pullDown' });
  }
  reachBottom(): Promise<void> {
    return this.send({ op: 'reachBottom' });
  }
  /** The stack, WeChat calls, API requests and errors so far. */
  state(): Promise<PageState> {
    return this.send({ op: 'state' });
  }

  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.disconnect();
    });
  }
}

/** Forks a page process, logs the persona in (if any) and launches the app on `url`. */
export async function openWeapp({ as, url, consented = true, answers = {} }: OpenOptions): Promise<WeappPage> {
  const storage: Record<string, unknown> = {};
  if (consented) storage[CONSENT_KEY] = { version: PRIVACY_VERSION, at: new Date().toISOString() };
  if (as) Object.assign(storage, { [TOKEN_KEY]: await login(as), [PERSONA_KEY]: as });
  const child = fork(path.join(__dirname, 'runner.ts'), [], {
    cwd: root,
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, WEAPP_DIST, API_URL },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const page = new WeappPage(child);
  try {
    await page.ready();
    await page.launch(url, storage, answers);
  } catch (err) {
    await page.close();
    throw err;
  }
  return page;
}
