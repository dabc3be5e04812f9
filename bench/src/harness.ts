import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { utcToday } from '../../apps/generator/src/dates-and-money.js';
import { mintTokens } from '../../apps/generator/src/tokens.js';
import { environmentOf, type Environment } from './environment.js';
import type { AcceptEncoding, HttpLoadResult } from './http-load.js';
import { measureAppends, type AppendsResult, type AppendVariant } from './measures/appends.js';
import { measurePeer, type PeerResult } from './measures/peer.js';
import { measureCommands } from './measures/commands.js';
import { loadPortfolio, type LoadResult } from './measures/load.js';
import { FUNDING_SUMMARIES, measureQueries, portfolioPages } from './measures/queries.js';
import { measureReadYourWrites, type ReadYourWritesResult } from './measures/read-your-writes.js';
import { measureRebuild, type RebuildResult } from './measures/rebuild.js';
import { measureAsOf, type AsOfResult } from './measures/as-of.js';
import { measurePortal, type PortalResult } from './measures/portal.js';
import { OVERVIEW_READY, requireChromium } from './portal/chromium.js';
import { fileStamp, toMarkdown } from './report.js';
import { CpuAccount, type CoresBusy } from './cpu-account.js';
import { MemorySampler, ServiceUnderTest, type Profile } from './service.js';
import type { BenchContext } from './workload.js';

/**
 * The benchmark: starts the compiled service as a child process on a fresh store (a temporary
 * data directory, or a new database on the postgres profile), loads a generated portfolio
 * through the command API, runs the chosen measures against it while sampling the service's
 * memory, and writes the results as JSON and Markdown. The append measure needs no service:
 * it runs first, on a store of its own, before the service starts (so the service takes no
 * CPU from it); chosen alone, no service is started and no portfolio loaded.
 */

export const MEASURES = ['queries', 'commands', 'ryw', 'rebuild', 'as-of', 'portal', 'appends', 'peer'] as const;
export type Measure = (typeof MEASURES)[number];
/** The measures that run against the service (and its loaded portfolio). */
const SERVICE_MEASURES: readonly Measure[] = ['queries', 'commands', 'ryw', 'rebuild', 'as-of', 'portal'];

export interface BenchOptions {
  profile: Profile;
  /** Projects of the portfolio loaded before the measures (the scale). */
  projects: number;
  seed: number;
  measures: readonly Measure[];
  /** Connections of the closed-loop HTTP measures (commands, queries). */
  connections: number;
  /**
   * What the HTTP load accepts: `identity` (default) or `gzip`, as browsers ask. autocannon
   * turns every body into a string, and a gzipped one (binary) costs it far more to decode
   * than plain JSON: on two cores its process then takes the cores the API would use.
   */
  acceptEncoding: AcceptEncoding;
  commandSeconds: number;
  /** Seconds for each of the two query measures (portfolio page, funding summary). */
  querySeconds: number;
  /** Command rates of the read-your-writes measure, one run each (commands per second). */
  rywRates: readonly number[];
  rywSeconds: number;
  rebuildTimeoutSeconds: number;
  /** Concurrent writers of the append measure, each on streams of its own. */
  appendWriters: number;
  /** Events per append of the append measure's batch variant (the other appends one at a time). */
  appendBatch: number;
  /** Seconds of each append variant. */
  appendSeconds: number;
  /** Rounds of each side of the peer measure (project, peer, project, peer…): measures/peer.ts. */
  peerRounds: number;
  /** Projects in flight while loading the portfolio. */
  loadConcurrency: number;
  /** Timed loads of the overview in Chromium, cold (a fresh context each) and as many warm. */
  portalLoads: number;
  /** What says the overview is usable: its root's data-state="ready" (apps/web/src/pages/overview). */
  portalReady: string;
  /** The repository root (dist/ is started from there). */
  root: string;
  resultsDir: string;
  databaseUrl?: string;
  keepData?: boolean;
  /** Write CPU profiles of the service's processes to <resultsDir>/<run>-cpu-profiles/. */
  cpuProfile?: boolean;
  quiet?: boolean;
}

export function defaultOptions(root: string): BenchOptions {
  return {
    profile: 'embedded',
    projects: 200,
    seed: 1,
    // The peer is asked for by name: it needs the postgres profile and a dev dependency.
    measures: MEASURES.filter((measure) => measure !== 'peer'),
    connections: 32,
    acceptEncoding: 'identity',
    commandSeconds: 20,
    querySeconds: 15,
    rywRates: [10, 500],
    rywSeconds: 15,
    rebuildTimeoutSeconds: 600,
    appendWriters: 16,
    appendBatch: 100,
    appendSeconds: 5,
    peerRounds: 2,
    loadConcurrency: 16,
    portalLoads: 5,
    portalReady: OVERVIEW_READY,
    root,
    resultsDir: join(root, 'bench', 'results'),
  };
}

/** A few seconds each, a handful of projects: checks the harness works, measures nothing. */
export function smokeOptions(root: string): Partial<BenchOptions> {
  return { projects: 6, connections: 8, commandSeconds: 2, querySeconds: 1.5, rywRates: [20], rywSeconds: 2, loadConcurrency: 4, appendWriters: 4, appendSeconds: 0.5, peerRounds: 1, portalLoads: 1 };
}

export interface BenchReport {
  benchmark: 'portfolio-ledger';
  startedAt: string;
  finishedAt: string;
  seconds: number;
  environment: Environment;
  profile: Profile;
  scale: {
    /** Projects loaded (0 when only the append measure ran: no service, no portfolio). */
    projects: number;
    seed: number;
    commandsToLoad: number | null;
    /** Events in the store once the portfolio was loaded, every stream: what the queries and commands ran against. */
    eventsAfterLoad: number | null;
    /** Events the views replayed at the rebuild: the feed as they read it (the measures before it add some). */
    feedEvents: number | null;
  };
  options: Omit<BenchOptions, 'root' | 'resultsDir' | 'quiet' | 'databaseUrl'>;
  store: string;
  /** Where the V8 CPU profiles of the service went (--cpu-prof); open them in Chrome DevTools. */
  cpuProfiles?: string;
  results: {
    load?: LoadResult;
    portfolioPage?: HttpLoadResult;
    fundingSummary?: HttpLoadResult;
    commands?: HttpLoadResult;
    readYourWrites?: ReadYourWritesResult[];
    rebuild?: RebuildResult;
    asOf?: AsOfResult;
    /** The public portal in Chromium: the first page's weight, the time to a usable overview. */
    portal?: PortalResult;
    /** One per variant: single events, then batches. */
    appends?: AppendsResult[];
    /** The append measure beside Emmett's PostgreSQL event store, rounds alternating. */
    peer?: PeerResult;
    memory?: Awaited<ReturnType<MemorySampler['summary']>>;
    /** Per phase: where the machine's cores went (Linux). */
    cpu?: Record<string, CoresBusy>;
  };
}

export async function runBench(options: BenchOptions): Promise<{ report: BenchReport; files: { json: string; markdown: string } }> {
  const log = (message: string, fields: Record<string, unknown> = {}) => {
    if (!options.quiet) process.stderr.write(`[bench] ${message}${Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : ''}\n`);
  };
  // Before minutes of loading, not after: the portal measure needs a browser.
  if (options.measures.includes('portal')) requireChromium();
  if (options.measures.includes('peer') && options.profile !== 'postgres') {
    throw new Error('the peer measure runs on the postgres profile only (Emmett stores in PostgreSQL): add --profile postgres');
  }
  const startedAt = new Date();
  const withService = options.measures.some((measure) => SERVICE_MEASURES.includes(measure));
  const projects = withService ? options.projects : 0;
  const stem = `${fileStamp(startedAt)}-${options.profile}-${withService ? `${projects}p` : options.measures.includes('appends') ? 'appends' : 'peer'}`;
  const cpuProfileDir = options.cpuProfile && withService ? join(options.resultsDir, `${stem}-cpu-profiles`) : undefined;
  const today = utcToday();
  const environment = environmentOf(options.root);
  const results: BenchReport['results'] = {};

  if (options.measures.includes('appends')) {
    log('appends at the adapter…', { profile: options.profile });
    const variants: AppendVariant[] = [...new Set([1, options.appendBatch])].map((eventsPerAppend) => ({ writers: options.appendWriters, eventsPerAppend }));
    results.appends = await measureAppends({
      profile: options.profile,
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      variants,
      durationSeconds: options.appendSeconds,
      seed: options.seed,
      today,
      ...(options.keepData ? { keepData: true } : {}),
      log,
    });
    log('appends at the adapter done');
  }
  if (options.measures.includes('peer')) {
    log('appends beside the peer…', { rounds: options.peerRounds });
    results.peer = await measurePeer({
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      variants: [...new Set([1, options.appendBatch])].map((eventsPerAppend) => ({ writers: options.appendWriters, eventsPerAppend })),
      durationSeconds: options.appendSeconds,
      rounds: options.peerRounds,
      seed: options.seed,
      today,
      log,
    });
    log('appends beside the peer done');
  }
  const store = withService ? await measureService(options, { today, log, results, ...(cpuProfileDir ? { cpuProfileDir } : {}) }) : null;

  const finishedAt = new Date();
  const { root: _root, resultsDir: _resultsDir, quiet: _quiet, databaseUrl: _databaseUrl, ...shown } = options;
  const report: BenchReport = {
    benchmark: 'portfolio-ledger',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    seconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
    environment,
    profile: options.profile,
    scale: {
      projects,
      seed: options.seed,
      commandsToLoad: results.load?.commands ?? null,
      eventsAfterLoad: results.load?.eventsInStore ?? null,
      feedEvents: results.rebuild?.feedEvents ?? null,
    },
    options: shown,
    store: store ?? results.appends?.[0]?.store ?? (results.peer ? 'new databases per round, dropped' : ''),
    ...(cpuProfileDir ? { cpuProfiles: cpuProfileDir } : {}),
    results,
  };
  await mkdir(options.resultsDir, { recursive: true });
  const files = { json: join(options.resultsDir, `${stem}.json`), markdown: join(options.resultsDir, `${stem}.md`) };
  await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(files.markdown, toMarkdown(report));
  return { report, files };
}

/**
 * The measures against the service: starts it, loads the portfolio, runs the chosen
 * measures while sampling its memory, stops it. Fills `results`; returns where the data was.
 */
async function measureService(
  options: BenchOptions,
  run: { today: string; log: BenchContext['log']; results: BenchReport['results']; cpuProfileDir?: string },
): Promise<string> {
  const { today, log, results, cpuProfileDir } = run;
  log('starting the service', { profile: options.profile });
  const service = await ServiceUnderTest.start({
    profile: options.profile,
    root: options.root,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.keepData ? { keepData: true } : {}),
    ...(cpuProfileDir ? { cpuProfileDir } : {}),
  });
  const memory = new MemorySampler(service.processes());
  memory.start();
  const cpu = new CpuAccount(() => service.processes());
  try {
    const context: BenchContext = {
      baseUrl: service.baseUrl,
      tokens: await mintTokens(new TextEncoder().encode(service.jwtSecret)),
      today,
      seed: options.seed,
      log,
    };
    const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      memory.phase = name;
      log(`${name}…`);
      const result = await cpu.during(name, work);
      log(`${name} done`);
      return result;
    };

    const loadStartedAt = new Date().toISOString();
    if (options.projects > 0) {
      results.load = await phase('load', () => loadPortfolio(context, { projects: options.projects, concurrency: options.loadConcurrency }));
      if (results.load.failures > 0) throw new Error(`${results.load.failures} commands of the portfolio failed`);
    }
    const loadEndedAt = new Date().toISOString();
    const http = { connections: options.connections, acceptEncoding: options.acceptEncoding };
    if (options.measures.includes('queries')) {
      results.portfolioPage = await phase('portfolio page', () =>
        measureQueries(context, portfolioPages(today), { ...http, durationSeconds: options.querySeconds }),
      );
      results.fundingSummary = await phase('funding summary', () =>
        measureQueries(context, FUNDING_SUMMARIES, { ...http, durationSeconds: options.querySeconds }),
      );
    }
    if (options.measures.includes('commands')) {
      results.commands = await phase('commands', () => measureCommands(context, { ...http, durationSeconds: options.commandSeconds }));
    }
    if (options.measures.includes('ryw')) {
      results.readYourWrites = [];
      for (const [index, rate] of options.rywRates.entries()) {
        results.readYourWrites.push(
          await phase(`read-your-writes ${rate}/s`, () =>
            measureReadYourWrites(context, { rate, durationSeconds: options.rywSeconds, round: index }),
          ),
        );
      }
    }
    if (options.measures.includes('rebuild')) {
      results.rebuild = await phase('rebuild', () => measureRebuild(context, { timeoutSeconds: options.rebuildTimeoutSeconds }));
    }
    if (options.measures.includes('as-of') && options.projects > 0) {
      results.asOf = await phase('as of an instant', () => measureAsOf(context, { loadStartedAt, loadEndedAt, warmAsks: 100 }));
    }
    if (options.measures.includes('portal')) {
      // Last: nothing else runs while Chromium takes its share of the cores.
      results.portal = await phase('portal in Chromium', () =>
        measurePortal(context, { root: options.root, loads: options.portalLoads, readySelector: options.portalReady }),
      );
    }
    memory.phase = 'end';
    await memory.stop();
    results.memory = await memory.summary();
    results.cpu = cpu.summary();
  } catch (error) {
    await memory.stop();
    const logs = service.processes().map((process) => `--- ${process.name} (last output) ---\n${process.log().slice(-4000)}`);
    await service.stop();
    throw Object.assign(error as Error, { message: `${(error as Error).message}\n${logs.join('\n')}` });
  }
  await service.stop();
  return service.dataLocation;
}
