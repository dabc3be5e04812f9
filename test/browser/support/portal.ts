import { cp, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ACTORS, ACTOR_NAMES, type ActorName } from '../../../apps/generator/src/actors.js';
import { runPlan } from '../../../apps/generator/src/plan-runner.js';
import { planPortfolio } from '../../../apps/generator/src/portfolio-plan.js';
import { ServiceProcess } from '../../support/service-process.js';

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags every browser test starts Chromium with: headless, no sandbox (root in CI), no network of its own. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic', '--disable-component-update', '--disable-sync'];

/** The demo portfolio the README's `npm run demo` loads: 40 projects, seed 1. */
export const DEMO = { projects: 40, seed: 1 } as const;

/**
 * The real service (compiled, as `npm start` runs it) on the embedded store with the demo
 * portfolio loaded through its API, and a headless Chromium driven by Playwright.
 */
export class Portal {
  private constructor(
    readonly service: ServiceProcess,
    readonly browser: Browser,
    readonly dataDir: string,
    /** The position of the demo's last command: views at or past it show the whole demo. */
    readonly demoPosition: string | undefined,
  ) {}

  get baseUrl(): string {
    return this.service.baseUrl;
  }

  static async start(options: { env?: Record<string, string>; demo?: boolean } = {}): Promise<Portal> {
    const dataDir = await mkdtemp(join(tmpdir(), 'pl-browser-'));
    let position: string | undefined;
    if (options.demo !== false) position = await copyDemoStore(dataDir);
    const service = await ServiceProcess.start(dataDir, { RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_SUBJECT: '0', ...options.env });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    return new Portal(service, browser, dataDir, position);
  }

  /** A fresh browser profile (no cookies, no storage), in a language and a window size. */
  async context(options: { locale?: string; width?: number; height?: number } = {}): Promise<BrowserContext> {
    return this.browser.newContext({
      baseURL: this.baseUrl,
      locale: options.locale ?? 'en-GB',
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      acceptDownloads: true,
    });
  }

  async page(options: { locale?: string; width?: number; height?: number } = {}): Promise<Page> {
    const context = await this.context(options);
    const page = await context.newPage();
    failOnPageErrors(page);
    return page;
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.service.stop().catch(() => undefined);
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Uncaught errors in the page fail the test that caused them, instead of passing unseen. */
export const pageErrors = new WeakMap<Page, Error[]>();
function failOnPageErrors(page: Page): void {
  const errors: Error[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error));
}

/**
 * The demo store is loaded once per day and build, in the temporary directory, then copied
 * for each test file: loading 40 projects through the API (~1,000 commands) costs half a
 * minute, a copy a fraction of a second. Built in a directory of its own and renamed into
 * place, so test files started at once never see a half-built store.
 */
async function copyDemoStore(into: string): Promise<string | undefined> {
  const built = (await stat('dist/apps/api/src/main.js')).mtimeMs.toFixed(0);
  const today = new Date().toISOString().slice(0, 10);
  const template = join(tmpdir(), `pl-browser-demo-${today}-${built}`);
  if (!(await exists(join(template, 'done')))) {
    const partial = await mkdtemp(join(tmpdir(), 'pl-browser-demo-partial-'));
    const service = await ServiceProcess.start(partial, { RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_SUBJECT: '0' });
    try {
      const plan = planPortfolio({ seed: DEMO.seed, projects: DEMO.projects });
      const tokens = Object.fromEntries(
        await Promise.all(ACTOR_NAMES.map(async (name) => [name, await service.token(name, ...ACTORS[name])] as const)),
      ) as Record<ActorName, string>;
      const result = await runPlan(plan, { baseUrl: service.baseUrl, tokens, concurrency: 4 });
      if (result.failures.length > 0) throw new Error(`the demo plan was refused: ${JSON.stringify(result.failures.slice(0, 3))}`);
      await writeFile(join(partial, 'position'), result.lastPosition ?? '');
    } finally {
      await service.stop();
    }
    await mkdir(join(partial, 'done'));
    await rename(partial, template).catch(async () => rm(partial, { recursive: true, force: true }));
  }
  await cp(template, into, { recursive: true });
  await rm(join(into, 'done'), { recursive: true, force: true });
  return (await readFile(join(into, 'position'), 'utf8')) || undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads until the read equals `wanted` (as JSON), every 100 ms, for at most `timeoutMs`;
 * returns the last read, for the caller's own assertion. Used instead of a predicate run in
 * the page (`waitForFunction`), which the pages' CSP (no `unsafe-eval`) may refuse.
 */
export async function readUntil<T>(read: () => Promise<T>, wanted: T, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(wanted) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}
