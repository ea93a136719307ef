// The H5 首页 on a slow phone: first and largest contentful paint of a member's cold visit with 4× CPU throttling and
// a slow 4G link (Chromium through CDP), served by scripts/lib/web-server.ts as it was (no compression, hashed files
// cached 5 minutes) and as it is (brotli, hashed files immutable). Visits alternate between the two servers.
import type { Browser, BrowserContext } from 'playwright-core';
import { buildH5, h5IsFresh, H5_DIST } from '../scripts/lib/h5-build';
import { startWebServer, type WebServer } from '../scripts/lib/web-server';
import { launchBrowser, openAs } from '../tests/e2e/browser';
import { startStack } from './latency';
import { fmt, round, summarize, table, type Summary } from './stats';

/** Lighthouse's slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
const PERSONA = 'demo-member-1';
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

interface Visit {
  fcp: number;
  lcp: number;
  kib: number;
}
export interface H5Variant {
  fcp: Summary;
  lcp: Summary;
  kib: number;
}
export interface H5PaintReport {
  runs: number;
  before: H5Variant;
  after: H5Variant;
}

// Collects the page's paint entries from its first moment (buffered observers see the ones before they start).
const PAINT_OBSERVER = `
  window.__paint = { fcp: 0, lcp: 0 };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__paint.fcp = e.startTime; })
    .observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__paint.lcp = e.startTime; })
    .observe({ type: 'largest-contentful-paint', buffered: true });
`;

async function visit(browser: Browser, web: WebServer, storageState: StorageState): Promise<Visit> {
  // A new context has an empty HTTP cache: the visit downloads everything.
  const context = await browser.newContext({ storageState, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  try {
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    await page.addInitScript(PAINT_OBSERVER);
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(`${web.url}#/pages/home/index`);
    await page.locator('#home-greeting').waitFor();
    await page.waitForLoadState('networkidle');
    const paint = (await page.evaluate('window.__paint')) as { fcp: number; lcp: number };
    return { fcp: paint.fcp, lcp: paint.lcp, kib: bytes / 1024 };
  } finally {
    await context.close();
  }
}

export async function benchH5Paint(log: (msg: string) => void, runs = Number(process.env.H5_RUNS ?? 5)): Promise<H5PaintReport> {
  if (!h5IsFresh()) {
    log('building H5 (npm run build:h5)…');
    await buildH5();
  }
  const { db, api } = await startStack(log, { inProcess: true });
  const servers: WebServer[] = [];
  let browser: Browser | undefined;
  try {
    const apiOrigin = api.url.replace(/\/v1$/, '');
    const before = await startWebServer({ port: 0, distDir: H5_DIST, apiOrigin, compress: false, immutableAssets: false });
    const after = await startWebServer({ port: 0, distDir: H5_DIST, apiOrigin });
    servers.push(before, after);
    browser = await launchBrowser();
    // Log in once per origin (storage is per origin) and reuse the token and consent in every visit.
    const states = new Map<WebServer, StorageState>();
    for (const web of servers) {
      process.env.WEB_URL = web.url;
      const persona = await openAs(browser, PERSONA);
      states.set(web, await persona.context.storageState());
      await persona.context.close();
    }
    const results = new Map<WebServer, Visit[]>(servers.map((s) => [s, []]));
    // A visit per server first, not counted: the API's handlers and DynamoDB warm up.
    for (const web of servers) await visit(browser, web, states.get(web)!);
    for (let i = 0; i < runs; i++) {
      for (const web of i % 2 ? [...servers].reverse() : servers) {
        const v = await visit(browser, web, states.get(web)!);
        results.get(web)!.push(v);
        log(`  ${web === before ? 'before' : 'after '} run ${i + 1}/${runs}: FCP ${fmt(v.fcp, 0)} ms, LCP ${fmt(v.lcp, 0)} ms, ${fmt(v.kib, 0)} KiB`);
      }
    }
    const variant = (visits: Visit[]): H5Variant => ({
      fcp: summarize(visits.map((v) => v.fcp)),
      lcp: summarize(visits.map((v) => v.lcp)),
      kib: summarize(visits.map((v) => v.kib)).p50,
    });
    return { runs, before: variant(results.get(before)!), after: variant(results.get(after)!) };
  } finally {
    await browser?.close();
    await Promise.allSettled(servers.map((s) => s.close()));
    await api.stop();
    await db.stop();
  }
}

export function printH5Paint(r: H5PaintReport): void {
  console.log(`首页 as ${PERSONA}, cold cache, ${CPU_SLOWDOWN}× CPU slowdown, ${NETWORK.latency} ms RTT, 1.6 Mbit/s down; ${r.runs} visits each`);
  const row = (name: string, v: H5Variant) => [name, fmt(v.fcp.p50, 0), fmt(v.lcp.p50, 0), fmt(v.lcp.max, 0), fmt(v.kib, 0)];
  console.log(
    table(
      ['server', 'FCP p50 ms', 'LCP p50 ms', 'LCP max ms', 'KiB transferred'],
      [row('before: uncompressed, max-age=300', r.before), row('after: brotli, hashed immutable', r.after)],
    ),
  );
}

export function h5PaintJson(r: H5PaintReport) {
  const pick = (v: H5Variant) => ({ fcpP50Ms: round(v.fcp.p50), lcpP50Ms: round(v.lcp.p50), lcpMaxMs: round(v.lcp.max), kibTransferred: round(v.kib) });
  return { runs: r.runs, cpuSlowdown: CPU_SLOWDOWN, network: NETWORK, before: pick(r.before), after: pick(r.after) };
}
