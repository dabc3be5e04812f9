import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Latencies } from '../histogram.js';
import { launchChromium } from '../portal/chromium.js';
import type { BenchContext } from '../workload.js';

/** Issue 19's targets: what the first page may weigh, and how soon the overview must be usable. */
export const PORTAL_TARGETS = { firstPageGzipBytes: 250_000, usableOverviewMs: 1_500 } as const;

/** zlib's best compression: what a build would pre-compress its assets with (nginx gzip_static, a CDN). */
const GZIP_LEVEL = 9;

export interface PortalAsset {
  /** As the page asked for it: /assets/index-….js */
  path: string;
  type: 'script' | 'stylesheet';
  bytes: number;
  /** gzip at level 9 (GZIP_LEVEL). */
  gzipBytes: number;
  /** gzip at zlib's default level (6), what a server compressing on the fly usually sends. */
  gzipDefaultBytes: number;
}

export interface LoadTimes {
  loads: number;
  medianMs: number | null;
  p95Ms: number | null;
  minMs: number | null;
  maxMs: number | null;
  /** Every load, in order. */
  samplesMs: number[];
  /** Where the median load's time went, from navigation start: index.html received, its scripts run (DOMContentLoaded). */
  medianPhasesMs: { documentReceived: number | null; domContentLoaded: number | null };
}

/** One load on the page's clock, from its navigation start. */
interface Load {
  usableMs: number;
  documentReceivedMs: number;
  domContentLoadedMs: number;
}

export interface PortalResult {
  chromium: string;
  /** What "usable" waited for on the overview's root. */
  readySelector: string;
  gzipLevel: number;
  /** The JavaScript and CSS the browser asked for from opening / until the overview was usable. */
  firstPage: {
    assets: PortalAsset[];
    bytes: number;
    gzipBytes: number;
    gzipDefaultBytes: number;
    /** index.html itself, beside the assets (not counted in them). */
    documentBytes: number;
    targetGzipBytes: number;
  };
  /** The very first load after the portfolio was loaded: the service's answers not cached yet either. */
  firstLoadMs: number;
  /** Each load in a fresh browser context: an empty cache, as a new visitor. */
  cold: LoadTimes;
  /** Loads again in one context: the hashed assets from the browser's cache, the API's answers revalidated by ETag. */
  warm: LoadTimes;
  targetMs: number;
}

/**
 * The public portal in Chromium against the loaded portfolio: (a) what the first page (/)
 * weighs — every script and stylesheet the browser fetched until the overview was usable,
 * each file gzipped from dist/web — and (b) the time from navigation start to the overview's
 * root saying it is ready, in fresh contexts (cold cache) and in one context again (warm).
 * The time is the page's own clock (performance.now(), from its navigation start), read on
 * the first animation frame at which the root is ready.
 */
export async function measurePortal(
  context: BenchContext,
  options: { root: string; loads: number; readySelector: string; timeoutMs?: number },
): Promise<PortalResult> {
  const browser = await launchChromium();
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    const fresh = () => browser.newContext({ baseURL: context.baseUrl, locale: 'en-GB', viewport: { width: 1280, height: 900 } });

    // The first load records what the page fetched; it also fills the service's answer caches.
    const first = await fresh();
    const fetched: { path: string; type: PortalAsset['type'] }[] = [];
    let documentBytes = 0;
    let usable = false;
    const page = await first.newPage();
    page.on('response', (response) => {
      if (usable) return;
      const type = response.request().resourceType();
      const path = new URL(response.url()).pathname;
      if ((type === 'script' || type === 'stylesheet') && !fetched.some((asset) => asset.path === path)) fetched.push({ path, type });
      if (type === 'document') void response.body().then((body) => (documentBytes = body.length), () => undefined);
    });
    const firstLoadMs = (await timeToUsable(page, options.readySelector, timeoutMs)).usableMs;
    usable = true;
    // Only what the page asked for before it was usable: a response can still be reported after
    // (the overview fetches Chart.js once it is ready, for the charts below the fold).
    const askedBefore = new Set(await page.evaluate(requestedBefore, firstLoadMs));
    await first.close();
    const assets = await Promise.all(fetched.filter((asset) => askedBefore.has(asset.path)).map((asset) => sizeOf(options.root, asset)));
    context.log('portal first page', { files: assets.length, gzipBytes: sum(assets, 'gzipBytes'), firstLoadMs: round(firstLoadMs) });

    const cold: Load[] = [];
    for (let load = 0; load < options.loads; load += 1) {
      const browserContext = await fresh();
      cold.push(await timeToUsable(await browserContext.newPage(), options.readySelector, timeoutMs));
      await browserContext.close();
    }
    context.log('portal cold loads', { samplesMs: cold.map((load) => round(load.usableMs)) });

    const warm: Load[] = [];
    const warmContext: BrowserContext = await fresh();
    const warmPage = await warmContext.newPage();
    await timeToUsable(warmPage, options.readySelector, timeoutMs);
    for (let load = 0; load < options.loads; load += 1) warm.push(await timeToUsable(warmPage, options.readySelector, timeoutMs));
    await warmContext.close();
    context.log('portal warm loads', { samplesMs: warm.map((load) => round(load.usableMs)) });

    return {
      chromium: browser.version(),
      readySelector: options.readySelector,
      gzipLevel: GZIP_LEVEL,
      firstPage: {
        assets,
        bytes: sum(assets, 'bytes'),
        gzipBytes: sum(assets, 'gzipBytes'),
        gzipDefaultBytes: sum(assets, 'gzipDefaultBytes'),
        documentBytes,
        targetGzipBytes: PORTAL_TARGETS.firstPageGzipBytes,
      },
      firstLoadMs: round(firstLoadMs),
      cold: timesOf(cold),
      warm: timesOf(warm),
      targetMs: PORTAL_TARGETS.usableOverviewMs,
    };
  } finally {
    await closeQuietly(browser);
  }
}

/** Opens / in `page`: the milliseconds from its navigation start until `readySelector` matches, and until its document arrived and ran. */
async function timeToUsable(page: Page, readySelector: string, timeoutMs: number): Promise<Load> {
  const errors: Error[] = [];
  const onError = (error: Error) => errors.push(error);
  page.on('pageerror', onError);
  try {
    await page.goto('/', { waitUntil: 'commit', timeout: timeoutMs });
    // Run in the page on every animation frame; answers the page's clock once the root is ready.
    // A function, not a string: the page's policy (script-src 'self') forbids evaluating strings.
    const handle = await page.waitForFunction(readyAt, readySelector, { polling: 'raf', timeout: timeoutMs });
    const usableMs = Number(await handle.jsonValue());
    return { usableMs, ...(await page.evaluate(navigationPhases)) };
  } catch (error) {
    const seen = errors.length > 0 ? ` (page errors: ${errors.map((e) => e.message).join('; ')})` : '';
    throw new Error(`the overview did not show ${readySelector} within ${timeoutMs} ms${seen}: ${(error as Error).message}`);
  } finally {
    page.off('pageerror', onError);
  }
}

/** In the page: its clock (ms since navigation start) once `selector` matches, else 0 (not yet). */
function readyAt(selector: string): number {
  // This module compiles without the DOM's types; in the page these are the window's.
  const page = globalThis as unknown as { document: { querySelector(selector: string): unknown }; performance: { now(): number } };
  return page.document.querySelector(selector) ? page.performance.now() : 0;
}

/** In the page: the paths of the resources it started fetching at or before `ms` (its clock, from navigation start). */
function requestedBefore(ms: number): string[] {
  const page = globalThis as unknown as { performance: { getEntriesByType(type: string): { name: string; startTime: number }[] } };
  return page.performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime <= ms)
    .map((entry) => new URL(entry.name).pathname);
}

/** In the page: when its document had arrived and when its scripts had run (DOMContentLoaded), from navigation start. */
function navigationPhases(): { documentReceivedMs: number; domContentLoadedMs: number } {
  const page = globalThis as unknown as { performance: { getEntriesByType(type: string): { responseEnd: number; domContentLoadedEventEnd: number }[] } };
  const [navigation] = page.performance.getEntriesByType('navigation');
  return { documentReceivedMs: navigation?.responseEnd ?? 0, domContentLoadedMs: navigation?.domContentLoadedEventEnd ?? 0 };
}

/** A fetched file's size as built (dist/web), and gzipped at level 9 and at zlib's default. */
async function sizeOf(root: string, asset: { path: string; type: PortalAsset['type'] }): Promise<PortalAsset> {
  const content = await readFile(join(root, 'dist', 'web', asset.path));
  return {
    ...asset,
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: GZIP_LEVEL }).length,
    gzipDefaultBytes: gzipSync(content).length,
  };
}

function timesOf(loads: readonly Load[]): LoadTimes {
  const latencies = new Latencies();
  for (const load of loads) latencies.record(load.usableMs);
  const value = (p: number) => {
    const ms = latencies.percentile(p);
    return ms === undefined ? null : round(ms);
  };
  const medianMs = latencies.percentile(50);
  const median = loads.find((load) => load.usableMs === medianMs);
  return {
    loads: latencies.count,
    medianMs: value(50),
    p95Ms: value(95),
    minMs: value(0),
    maxMs: value(100),
    samplesMs: loads.map((load) => round(load.usableMs)),
    medianPhasesMs: {
      documentReceived: median ? round(median.documentReceivedMs) : null,
      domContentLoaded: median ? round(median.domContentLoadedMs) : null,
    },
  };
}

function sum(assets: readonly PortalAsset[], key: 'bytes' | 'gzipBytes' | 'gzipDefaultBytes'): number {
  return assets.reduce((total, asset) => total + asset[key], 0);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

async function closeQuietly(browser: Browser): Promise<void> {
  await browser.close().catch(() => undefined);
}
