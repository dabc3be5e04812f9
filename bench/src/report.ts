import type { BenchReport } from './harness.js';
import type { HttpLoadResult } from './http-load.js';
import type { AppendsResult } from './measures/appends.js';
import type { PeerComparison, PeerResult } from './measures/peer.js';
import type { LoadTimes, PortalResult } from './measures/portal.js';

/** Issue 6's targets on a 2-core machine, shown beside each figure (they name their own scale). */
const TARGETS = {
  commands: { embedded: '≥ 1,000/s, p99 ≤ 50 ms (1,000 projects)', postgres: '≥ 1,500/s, p99 ≤ 50 ms (1,000 projects)' },
  queries: 'p99 ≤ 20 ms (10,000 projects)',
  rebuild: { embedded: '≥ 10,000 events/s', postgres: '≥ 20,000 events/s' },
  readYourWrites: 'p99 ≤ 100 ms at 500 commands/s',
  memory: 'RSS ≤ 400 MB',
  // Set for the postgres profile only; the embedded figure is there to compare with.
  appendsSingle: { embedded: 'none (postgres: ≥ 5,000 events/s)', postgres: '≥ 5,000 events/s (16 writers)' },
  appendsBatch: { embedded: 'none (postgres: ≥ 50,000 events/s)', postgres: '≥ 50,000 events/s (100-event batches)' },
  // Issue 22: as ratios to the peer, measured side by side.
  peer: '≥ 1.5× the peer (issue 22)',
} as const;

export const number = (value: number | null | undefined, digits = 0): string =>
  value === null || value === undefined ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${number(value, value < 10 ? 2 : 1)} ms`);

/** The date part of result files' names: `2026-11-23-14-45-00` (UTC). */
export const fileStamp = (date: Date): string => date.toISOString().slice(0, 19).replace(/[:T]/g, '-');

/** One row of the results: a measure's figure, latencies as p50 and p99 where it has them. */
export interface Figure {
  /** What was measured; also what matches rows of several runs side by side. */
  measure: string;
  throughput: string;
  p50: string;
  p99: string;
  notes: string;
  target: string;
  /** The figure in one cell (a side-by-side comparison), when throughput, p50 and p99 do not say it. */
  summary?: string;
}

/** Every figure of a run, in the order of the report's table. */
export function figuresOf(report: BenchReport): Figure[] {
  const { load, commands, portfolioPage, fundingSummary, readYourWrites, rebuild, asOf, portal, appends, peer, memory } = report.results;
  const figures: Figure[] = [];
  if (load) {
    figures.push({
      measure: `portfolio load (generator, ${load.concurrency} projects in flight)`,
      throughput: `${number(load.commandsPerSecond, 1)} commands/s`,
      p50: ms(load.latency.p50Ms),
      p99: ms(load.latency.p99Ms),
      notes: `${number(load.commands)} commands in ${number(load.seconds, 1)} s, ${load.failures} failed; views caught up ${number(load.viewsCaughtUpAfterSeconds, 2)} s after`,
      target: '—',
    });
  }
  const http = (name: string, result: HttpLoadResult, unit: string, target: string): Figure => ({
    measure: `${name}, ${result.connections} connections`,
    throughput: `${number(result.okPerSecond, 1)} ${unit}/s`,
    p50: ms(result.latency.p50Ms),
    p99: ms(result.latency.p99Ms),
    notes: `${number(result.ok)} ok, ${number(result.non2xx)} non-2xx, ${result.errors} errors in ${number(result.seconds, 1)} s`,
    target,
  });
  if (portfolioPage) figures.push(http('portfolio page (6 variants)', portfolioPage, 'pages', TARGETS.queries));
  if (fundingSummary) figures.push(http('funding summary (6 groupings)', fundingSummary, 'summaries', TARGETS.queries));
  if (commands) figures.push(http('HTTP commands, mixed lifecycle steps', commands, 'commands', TARGETS.commands[report.profile]));
  for (const r of readYourWrites ?? []) {
    figures.push({
      measure: `read-your-writes lag, ${number(r.targetCommandsPerSecond)} commands/s asked`,
      throughput: `${number(r.achievedCommandsPerSecond, 1)} commands/s achieved`,
      p50: ms(r.lag.p50Ms),
      p99: ms(r.lag.p99Ms),
      notes:
        `${number(r.probes)} probes, ${r.notCaughtUp} not caught up (503); command p50 ${ms(r.commandLatency.p50Ms)}, p99 ${ms(r.commandLatency.p99Ms)}; ` +
        `${number(r.late)} sends late`,
      target: TARGETS.readYourWrites,
    });
  }
  if (asOf) {
    const names = { fundingSummary: 'funding summary by region', portfolioPage: 'portfolio page' } as const;
    for (const question of ['fundingSummary', 'portfolioPage'] as const) {
      const warm = asOf.warm[question];
      const firsts = asOf.cold.filter((ask) => ask.question === question).map((ask) => `${number(ask.coldMs, 0)} ms`);
      figures.push({
        measure: `${names[question]} as of an instant, asked again`,
        throughput: '—',
        p50: ms(warm.p50Ms),
        p99: ms(warm.p99Ms),
        notes: `first asks (cold): ${firsts.join(' at the end of the load, ')} at mid-load; ${number(warm.count)} asks again, one at a time`,
        target: '≤ 2 s cold, ≤ 100 ms p99 again (issue 18)',
      });
    }
  }
  if (portal) figures.push(...portalFigures(portal));
  if (rebuild) {
    figures.push({
      measure: `rebuild of every view (${rebuild.state})`,
      throughput: `${number(rebuild.feedEventsPerSecond)} feed events/s`,
      p50: '—',
      p99: '—',
      notes:
        `${number(rebuild.feedEvents)} feed events in ${number(rebuild.seconds, 2)} s; ` +
        `${number(rebuild.eventsAppliedPerSecond)} events applied/s over ${Object.keys(rebuild.projections).length} views`,
      target: TARGETS.rebuild[report.profile],
      summary: `${number(rebuild.feedEventsPerSecond)} feed events/s (${number(rebuild.feedEvents)} in ${number(rebuild.seconds, 1)} s)`,
    });
  }
  for (const a of appends ?? []) figures.push(appendFigure(a));
  for (const c of peer?.comparison ?? []) figures.push(peerFigure(peer!, c));
  for (const [name, rss] of Object.entries(memory ?? {})) {
    figures.push({
      measure: `${name} process memory (RSS)`,
      throughput: '—',
      p50: `${number(rss.medianMb, 0)} MB`,
      p99: '—',
      notes:
        `max ${number(rss.maxMb, 0)} MB sampled, kernel peak ${number(rss.peakHwmMb, 0)} MB; ` +
        `${Object.entries(rss.maxByPhaseMb).map(([phase, mb]) => `${phase} ${number(mb, 0)}`).join(', ')}` +
        // Older results have no heap figures.
        (rss.heap
          ? `; V8 heap in use max ${number(rss.heap.usedMaxMb, 0)} MB (reserved max ${number(rss.heap.totalMaxMb, 0)}): ` +
            `${Object.entries(rss.heap.usedMaxByPhaseMb).map(([phase, mb]) => `${phase} ${number(mb, 0)}`).join(', ')}`
          : ''),
      target: TARGETS.memory,
      summary: `median ${number(rss.medianMb, 0)} MB, max ${number(rss.maxMb, 0)} MB`,
    });
  }
  return figures;
}

function peerFigure(peer: PeerResult, c: PeerComparison): Figure {
  const rounds = (rates: readonly number[]) => rates.map((rate) => number(rate)).join(', ');
  return {
    measure: `appends beside the peer, ${c.eventsPerAppend === 1 ? 'single events' : `${c.eventsPerAppend}-event batches`}, ${c.writers} writers`,
    throughput: `${number(c.ratio, 2)}× the peer`,
    p50: '—',
    p99: `${c.projectP99Ms.map((p99) => ms(p99)).join(', ')} (peer ${c.peerP99Ms.map((p99) => ms(p99)).join(', ')})`,
    notes:
      `events/s per round, project ${rounds(c.project)}; ${peer.peer.name} ${peer.peer.version} ${rounds(c.peer)}; ` +
      `ratio of medians, ${number(c.ratioRange[0], 2)}–${number(c.ratioRange[1], 2)}× worst to best pairing; ${peer.connections} connections each`,
    target: TARGETS.peer,
    summary: `${number(c.ratio, 2)}× the peer (${rounds(c.project)} vs ${rounds(c.peer)} events/s)`,
  };
}

function appendFigure(a: AppendsResult): Figure {
  const single = a.eventsPerAppend === 1;
  const target = single ? TARGETS.appendsSingle[a.profile] : a.eventsPerAppend === 100 ? TARGETS.appendsBatch[a.profile] : '—';
  return {
    measure: `appends at the adapter, ${single ? 'single events' : `${a.eventsPerAppend}-event batches`}, ${a.writers} writers`,
    throughput: `${number(a.eventsPerSecond)} events/s`,
    p50: ms(a.latency.p50Ms),
    p99: ms(a.latency.p99Ms),
    notes:
      `latency per append${single ? '' : ` of ${a.eventsPerAppend} events`}; ${number(a.events)} events in ${number(a.appends)} appends to ${number(a.streams)} streams ` +
      `in ${number(a.seconds, 1)} s, ${a.conflicts} conflicts; ${number(a.meanEventBytes)} B an event; ${a.connections} connection${a.connections === 1 ? '' : 's'}; ` +
      `writers' process ${number(a.writersCpuPercent)} % CPU; ` +
      (a.server ? `PostgreSQL ${a.server.version.split(' ')[0]}, synchronous_commit ${a.server.synchronousCommit}, fsync ${a.server.fsync}` : 'PGlite'),
    target,
  };
}

/** kB as vite and the issue's target count them: 1,000 bytes. */
const kB = (bytes: number): string => `${number(bytes / 1000, 1)} kB`;

/** The portal in Chromium: the first page's weight, then the time to a usable overview cold and warm. */
function portalFigures(portal: PortalResult): Figure[] {
  const { firstPage } = portal;
  const files = firstPage.assets.map((asset) => `${asset.path.replace(/^\/assets\//, '')} ${kB(asset.gzipBytes)}`).join(', ');
  const times = (name: string, times: LoadTimes, how: string): Figure => ({
    measure: `portal: time to a usable overview, ${name}`,
    throughput: '—',
    p50: ms(times.medianMs),
    p99: '—',
    notes:
      `median of ${times.loads} loads, ${how}; p95 ${ms(times.p95Ms)}, min ${ms(times.minMs)}, max ${ms(times.maxMs)}; from navigation start to ${portal.readySelector}` +
      // Older results have no phases.
      (times.medianPhasesMs
        ? ` (the median load: index.html received at ${ms(times.medianPhasesMs.documentReceived)}, its scripts run at ${ms(times.medianPhasesMs.domContentLoaded)})`
        : '') +
      `; Chromium ${portal.chromium}`,
    target: `≤ ${number(portal.targetMs)} ms (issue 19, 10,000 projects)`,
    summary: `median ${ms(times.medianMs)}, p95 ${ms(times.p95Ms)}`,
  });
  return [
    {
      measure: 'portal: first page JavaScript and CSS, gzip',
      throughput: `${kB(firstPage.gzipBytes)} gzip -${portal.gzipLevel}`,
      p50: '—',
      p99: '—',
      notes:
        `${firstPage.assets.length} files fetched until the overview was usable, each gzipped from dist/web: ${files}; ` +
        `${kB(firstPage.bytes)} uncompressed, ${kB(firstPage.gzipDefaultBytes)} at zlib's default level 6; index.html ${kB(firstPage.documentBytes)}`,
      target: `≤ ${kB(firstPage.targetGzipBytes)} gzip (issue 19)`,
      summary: `${kB(firstPage.gzipBytes)} gzip (${firstPage.assets.length} files)`,
    },
    times('cold', portal.cold, `each in a fresh browser context (empty cache); the very first load after the portfolio was loaded ${ms(portal.firstLoadMs)}`),
    times('warm', portal.warm, 'again in one context (assets from the browser cache, API answers revalidated)'),
  ];
}

/** The figure in one cell: throughput, p50 and p99 (those it has). */
export function cellOf(figure: Figure): string {
  if (figure.summary) return figure.summary;
  const parts = [figure.throughput, figure.p50 === '—' ? '' : `p50 ${figure.p50}`, figure.p99 === '—' ? '' : `p99 ${figure.p99}`].filter((part) => part && part !== '—');
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** Where the run was measured, in one line: the code, the runtime, the machine. */
export function environmentLine(report: BenchReport): string {
  const env = report.environment;
  return (
    `commit \`${env.gitCommit?.slice(0, 12) ?? 'unknown'}\`${env.gitDirty ? ' (with uncommitted changes)' : ''} · Node ${env.node} · ` +
    `${env.cores} cores (${env.cpuModel}) · ${env.memoryGb} GB · ${env.os} · ` +
    // Older results have no load average.
    (env.loadAverage ? `load average ${env.loadAverage.map((load) => number(load, 2)).join(', ')} at the start · ` : '') +
    `${report.startedAt} · ${number(report.seconds, 1)} s`
  );
}

export function toMarkdown(report: BenchReport): string {
  const { environment: env, results, scale } = report;
  const lines: string[] = [];
  const what = scale.projects > 0 ? `${number(scale.projects)} projects` : results.appends ? 'appends at the adapter only' : 'appends beside the peer';
  lines.push(`# Portfolio Ledger benchmark — ${report.profile} profile, ${what}, ${env.cores} cores`);
  lines.push('');
  lines.push(environmentLine(report));
  lines.push('');
  if (results.load) {
    lines.push(
      `Scale: ${number(scale.projects)} projects loaded (seed ${scale.seed}, ${number(scale.commandsToLoad)} commands, ` +
        `${number(scale.eventsAfterLoad)} events in the store, idempotency keys included)` +
        (scale.feedEvents !== null ? `, ${number(scale.feedEvents)} events replayed by the views at the rebuild` : '') +
        '. Load from autocannon / fetch in the benchmark process' +
        // Older results have no acceptEncoding.
        (report.options.acceptEncoding ? ` (HTTP load with Accept-Encoding: ${report.options.acceptEncoding})` : '') +
        '; the API is a separate process started from dist/.',
    );
    lines.push('');
  }
  if (results.appends) {
    lines.push(
      'Appends at the adapter: the event store opened in the benchmark process as the service opens it (its configuration), ' +
        'on a new store, no service running; each writer on streams of its own, with the exact expected revision; latency per append.',
    );
    lines.push('');
  }
  if (results.peer) {
    lines.push(
      `Beside the peer: the append measure's work (its writers, payloads and variants) on ${results.peer.peer.name} ${results.peer.peer.version} ` +
        'in the same process, on the same server, a new database per side and round; rounds alternate project, peer, project, peer. ' +
        'Throughput is the project\'s median over the peer\'s; p99 per round.',
    );
    lines.push('');
  }
  lines.push('| measure | throughput | p50 | p99 | notes | target (issue 6) |');
  lines.push('|---|---|---|---|---|---|');
  for (const f of figuresOf(report)) lines.push(`| ${f.measure} | ${f.throughput} | ${f.p50} | ${f.p99} | ${f.notes} | ${f.target} |`);
  const { load, commands, portfolioPage, fundingSummary } = results;
  const breakdown = (title: string, byLabel: HttpLoadResult['byLabel'] | undefined, limit = 30) => {
    if (!byLabel || Object.keys(byLabel).length === 0) return;
    lines.push('');
    lines.push(`### ${title}`);
    lines.push('');
    lines.push('| request | count | p50 | p90 | p99 | max |');
    lines.push('|---|---|---|---|---|---|');
    for (const [label, summary] of Object.entries(byLabel).slice(0, limit)) {
      lines.push(`| ${label} | ${number(summary.count)} | ${ms(summary.p50Ms)} | ${ms(summary.p90Ms)} | ${ms(summary.p99Ms)} | ${ms(summary.maxMs)} |`);
    }
  };
  breakdown(`HTTP commands by type (${commands?.connections ?? 0} connections)`, commands?.byLabel);
  breakdown('Portfolio page by variant', portfolioPage?.byLabel);
  breakdown('Funding summary by grouping', fundingSummary?.byLabel);
  breakdown(`Portfolio load by command type (${load?.concurrency ?? 0} projects in flight)`, load?.byCommand);
  const cpu = Object.entries(results.cpu ?? {});
  if (cpu.length > 0) {
    const groups = [...new Set(cpu.flatMap(([, share]) => Object.keys(share.busy)))];
    lines.push('');
    lines.push(`### Where the cores went (cores busy on average, of ${cpu[0]![1].cores})`);
    lines.push('');
    lines.push(`| phase | seconds | ${groups.join(' | ')} | idle | steal |`);
    lines.push(`|---|---|${groups.map(() => '---|').join('')}---|---|`);
    for (const [phase, share] of cpu) {
      lines.push(`| ${phase} | ${number(share.seconds, 1)} | ${groups.map((group) => number(share.busy[group], 2)).join(' | ')} | ${number(share.idle, 2)} | ${number(share.steal, 2)} |`);
    }
  }
  const problems = { ...(commands?.problems ?? {}) };
  if (Object.keys(problems).length > 0) {
    lines.push('');
    lines.push(`Non-2xx answers during the command measure: ${Object.entries(problems).map(([code, count]) => `${code} × ${count}`).join(', ')}.`);
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}
