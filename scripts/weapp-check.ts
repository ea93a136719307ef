// `npm run check:weapp`: builds weapp, then has WeChat's own tools accept it, offline:
// - wcc and wcsc (npm `miniprogram-compiler`) compile every WXML and WXSS file;
// - miniprogram-ci (the compiler of WeChat DevTools) compiles the package as an upload would (`getCompiledResult`)
//   and runs 代码质量 (`checkCodeQuality`), whose package sizes it prints: the main package and each subpackage.
// Exits 1 when anything fails. `--no-build` checks miniapp/dist/weapp as it is.
// WECHAT_TOOLS_DIR=<folder> loads both tools from <folder>/node_modules rather than the repo's (e.g. after
// `npm install --no-save --prefix <folder> miniprogram-ci miniprogram-compiler`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { onPinnedNode } from './lib/pinned-node';
import { buildWeapp, WEAPP_DIST } from './lib/weapp-build';

onPinnedNode();

const root = path.resolve(__dirname, '..');
const TOOLS_FROM = process.env.WECHAT_TOOLS_DIR ? path.resolve(process.env.WECHAT_TOOLS_DIR) : root;
const MAX_BUFFER = 256 * 1024 * 1024; // wcc prints the whole compiled build on stdout
// What `attr()` answers stops miniprogram-ci asking WeChat's servers for the account's settings (sizes in MB).
const ATTR = {
  platform: true,
  appType: 0,
  isSandbox: false,
  released: false,
  setting: { MaxCodeSize: 2, MaxSubpackageSubCodeSize: 2, MaxSubpackageFullCodeSize: 20 },
};

// The few calls used here, typed by hand: the packages are loaded at run time (see WECHAT_TOOLS_DIR).
interface CheckResult {
  name: string;
  success: boolean;
  text: string;
  detail?: unknown;
}
interface MiniprogramCi {
  Project: new (opts: { appid: string; type: 'miniProgram'; projectPath: string; privateKey: string; ignores?: string[]; attr: () => Promise<typeof ATTR> }) => object;
  checkCodeQuality(project: object): Promise<CheckResult[]>;
  getCompiledResult(opts: { project: object; setting: { useProjectConfig: boolean } }): Promise<Record<string, string | Buffer>>;
}
interface MiniprogramCompiler {
  wxmlToJs(rootPath: string, opts?: { maxBuffer?: number }): string;
  wxssToJs(rootPath: string, opts?: { wxssList?: string[]; maxBuffer?: number }): string;
}

function tool<T>(name: string): T {
  let resolved: string;
  try {
    resolved = require.resolve(name, { paths: [TOOLS_FROM] });
  } catch {
    throw new Error(`${name} is not installed in ${TOOLS_FROM}: run npm install, or set WECHAT_TOOLS_DIR to a folder whose node_modules has it`);
  }
  return require(resolved) as T;
}

function filesOf(dir: string, ext: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const child = path.posix.join(rel, e.name);
    if (e.isDirectory()) return filesOf(dir, ext, child);
    return e.name.endsWith(ext) ? [child] : [];
  });
}

/** Runs wcc/wcsc output the way the WeChat view layer does: a page's `window`, with just what the compiled code reads. */
function evaluate<T>(source: string, css: string[] = []): T {
  const sandbox: Record<string, unknown> = {
    navigator: { userAgent: 'node' },
    screen: { width: 375, height: 667 },
    devicePixelRatio: 2,
    __rpxRecalculatingFuncs__: [],
    __styleSheetManager2__: { addItem: () => undefined, setCss: (_key: string, text: string) => css.push(text) },
  };
  sandbox.window = sandbox;
  return vm.runInNewContext(`(function (global) {${source}\n})({})`, sandbox) as T;
}

/** wcc: every WXML file (pages, Taro's base.wxml and its components) gets a render function. */
function checkWxml(compiler: MiniprogramCompiler): string[] {
  const files = filesOf(WEAPP_DIST, '.wxml');
  const gwx = evaluate<(file: string) => unknown>(compiler.wxmlToJs(WEAPP_DIST, { maxBuffer: MAX_BUFFER }));
  const missing = files.filter((f) => typeof gwx(f) !== 'function');
  console.log(`wcc: ${files.length - missing.length} of ${files.length} WXML files compiled`);
  return missing.map((f) => `wcc produced no render function for ${f}`);
}

/** wcsc on one file as a page stylesheet (`-pc 1`): exit 0 and a compiled entry for it. */
function compilesAlone(file: string): boolean {
  const dir = { darwin: 'mac', linux: 'linux', win32: 'windows' }[process.platform as string] ?? 'linux';
  const bin = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json', { paths: [TOOLS_FROM] })), 'bin', dir, process.platform === 'win32' ? 'wcsc.exe' : 'wcsc');
  const res = spawnSync(bin, ['-db', '-pc', '1', file], { cwd: WEAPP_DIST, maxBuffer: MAX_BUFFER });
  // Output: name=value pairs joined by '=' (values escape their own '=' as \x3d).
  const parts = res.status === 0 ? res.stdout.toString().split('=') : [];
  const entry = parts.indexOf(file);
  return entry >= 0 && (parts[entry + 1] ?? '').length > 0;
}

/**
 * wcsc: every WXSS file compiles and renders to CSS. Pages and app.wxss compile together (as WeChat does); files they
 * only @import (app-origin.wxss, common.wxss) compile on their own, as a page would: this wcsc leaves imports out of
 * app.wxss, and names the root of a lone compile app.wxss with no CSS.
 */
function checkWxss(compiler: MiniprogramCompiler): string[] {
  const files = filesOf(WEAPP_DIST, '.wxss');
  const css: string[] = [];
  const all = evaluate<(file: string) => unknown>(compiler.wxssToJs(WEAPP_DIST, { maxBuffer: MAX_BUFFER }), css);
  const failures: string[] = [];
  for (const file of files) {
    const render = all(file) ?? all(`./${file}`);
    if (typeof render !== 'function' && compilesAlone(file)) continue;
    if (typeof render === 'function') render();
    else failures.push(`wcsc produced no style function for ${file}`);
  }
  const cssBytes = css.reduce((s, text) => s + text.length, 0);
  console.log(`wcsc: ${files.length - failures.length} of ${files.length} WXSS files compiled (${Math.round(cssBytes / 1024)} KiB of CSS)`);
  return failures;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function printSizes(detail: Record<string, number>): void {
  const rows = Object.entries(detail).map(([pkg, bytes]) => [pkg === '__APP__' ? 'main package' : pkg.replace(/\/$/, ''), bytes] as const);
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log('\npackage sizes as WeChat computes them (checkCodeQuality):');
  for (const [name, bytes] of rows) console.log(`  ${name.padEnd(width)}  ${kib(bytes).padStart(10)}`);
  console.log(`  ${'total'.padEnd(width)}  ${kib(rows.reduce((s, [, b]) => s + b, 0)).padStart(10)}`);
}

async function main(): Promise<number> {
  const t0 = Date.now();
  if (!process.argv.includes('--no-build')) {
    console.log('building weapp (npm run build:weapp)…');
    const build = await buildWeapp();
    if (!build.ok) {
      console.error(`npm run build:weapp failed:\n${build.output.trim().split('\n').slice(-30).join('\n')}`);
      return 1;
    }
  }
  const compiler = tool<MiniprogramCompiler>('miniprogram-compiler');
  const ci = tool<MiniprogramCi>('miniprogram-ci');
  const failures = [...checkWxml(compiler), ...checkWxss(compiler)];

  const project = new ci.Project({ appid: 'touristappid', type: 'miniProgram', projectPath: WEAPP_DIST, privateKey: 'offline', ignores: [], attr: async () => ATTR });
  const compiled = await ci.getCompiledResult({ project, setting: { useProjectConfig: true } });
  const size = (v: string | Buffer) => (typeof v === 'string' ? Buffer.byteLength(v) : v.length);
  const compiledBytes = Object.values(compiled).reduce((s, v) => s + size(v), 0);
  console.log(`getCompiledResult: ${Object.keys(compiled).length} files, ${kib(compiledBytes)}`);
  if (!compiled['app.json']) failures.push('getCompiledResult: no app.json in the compiled package');

  const checks = await ci.checkCodeQuality(project);
  console.log('\ncheckCodeQuality:');
  // Its texts describe the problem, so they are shown for failures only.
  for (const c of checks) console.log(`  ${c.success ? 'pass' : 'FAIL'}  ${c.name}${c.success ? '' : `: ${c.text}`}`);
  failures.push(...checks.filter((c) => !c.success).map((c) => `checkCodeQuality ${c.name}: ${c.text}`));
  const sizes = checks.find((c) => c.name === 'PACKAGE_SIZE_LIMIT')?.detail;
  if (sizes && typeof sizes === 'object') printSizes(sizes as Record<string, number>);
  else failures.push('checkCodeQuality reported no package sizes');

  console.log(`\n${failures.length ? `${failures.length} failure(s):\n  ${failures.join('\n  ')}` : 'WeChat’s tools accept the build'} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return failures.length ? 1 : 0;
}

// process.exit: miniprogram-ci leaves a file watcher running.
main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
