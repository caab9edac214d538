/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser. `.ci/run` installs the
 * `chromium` package; without it the browser tests are skipped locally with the reason in their
 * name, but fail under CI, where skipping them would prove nothing.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { it } from 'vitest';

export const CHROMIUM = process.env.ISMSLINT_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine has no network: background services would only try and fail.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** `it`, or a skip that says why when Chromium is missing outside CI. */
export function itWithChromium(name: string, fn: () => Promise<void>, timeout = 60_000): void {
  if (existsSync(CHROMIUM) || process.env.CI) it(name, fn, timeout);
  else it.skip(`${name} (skipped: no ${CHROMIUM}; apt-get install chromium)`, fn);
}
