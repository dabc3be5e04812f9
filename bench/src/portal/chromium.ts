import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (no browser download): the screenshots and the
 * portal measure open the web application the way the browser tests do. CHROMIUM_PATH names
 * another build.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (root in CI), and nothing of its own on the network while it is measured. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic', '--disable-component-update', '--disable-sync'];

/** Throws, saying how to get one, when there is no Chromium to launch. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The overview's root says it is drawn (totals, charts and map) with data-state="ready" (apps/web/src/pages/overview). */
export const OVERVIEW_READY = '[data-state="ready"]';
