// Launches Debian Chromium through playwright-core (Playwright's own browser downloads cannot work here).
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** The H5 build's address, e.g. `http://127.0.0.1:10086/` (set by the e2e global setup). */
export function webUrl(): string {
  const url = process.env.WEB_URL;
  if (!url) throw new Error('WEB_URL is not set: the e2e tests need the H5 build served with /v1 proxied to the API');
  return url;
}
