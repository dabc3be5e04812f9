import type { BenchReport } from './harness.js';
import type { HttpLoadResult } from './http-load.js';

/** Issue 6's targets on a 2-core machine, shown beside each figure (they name their own scale). */
const TARGETS = {
  commands: { embedded: '≥ 1,000/s, p99 ≤ 50 ms (1,000 projects)', postgres: '≥ 1,500/s, p99 ≤ 50 ms (1,000 projects)' },
  queries: 'p99 ≤ 20 ms (10,000 projects)',
  rebuild: { embedded: '≥ 10,000 events/s', postgres: '≥ 20,000 events/s' },
  readYourWrites: 'p99 ≤ 100 ms at 500 commands/s',
  memory: 'RSS ≤ 400 MB',
} as const;

const number = (value: number | null | undefined, digits = 0): string =>
  value === null || value === undefined ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${number(value, value < 10 ? 2 : 1)} ms`);

export function toMarkdown(report: BenchReport): string {
  const { environment: env, results } = report;
  const lines: string[] = [];
  lines.push(`# Portfolio Ledger benchmark — ${report.profile} profile, ${number(report.scale.projects)} projects`);
  lines.push('');
  lines.push(
    `commit \`${env.gitCommit?.slice(0, 12) ?? 'unknown'}\`${env.gitDirty ? ' (with uncommitted changes)' : ''} · Node ${env.node} · ` +
      `${env.cores} cores (${env.cpuModel}) · ${env.memoryGb} GB · ${env.os} · ${report.startedAt} · ${number(report.seconds, 1)} s`,
  );
  lines.push('');
  lines.push(
    `Scale: ${number(report.scale.projects)} projects loaded (seed ${report.scale.seed}, ${number(report.scale.commandsToLoad)} commands)` +
      (report.scale.feedEvents !== null ? `, ${number(report.scale.feedEvents)} events in the feed at the rebuild` : '') +
      '. Load from autocannon / fetch in the benchmark process; the API is a separate process started from dist/.',
  );
  lines.push('');
  lines.push('| measure | throughput | p50 | p99 | notes | target (issue 6) |');
  lines.push('|---|---|---|---|---|---|');
  const { load, commands, portfolioPage, fundingSummary, readYourWrites, rebuild, memory } = results;
  if (load) {
    lines.push(
      `| portfolio load (generator, ${load.concurrency} projects in flight) | ${number(load.commandsPerSecond, 1)} commands/s | ${ms(load.latency.p50Ms)} | ${ms(load.latency.p99Ms)} | ` +
        `${number(load.commands)} commands in ${number(load.seconds, 1)} s, ${load.failures} failed; views caught up ${number(load.viewsCaughtUpAfterSeconds, 2)} s after | — |`,
    );
  }
  const httpRow = (name: string, result: HttpLoadResult, unit: string, target: string) =>
    `| ${name}, ${result.connections} connections | ${number(result.okPerSecond, 1)} ${unit}/s | ${ms(result.latency.p50Ms)} | ${ms(result.latency.p99Ms)} | ` +
    `${number(result.ok)} ok, ${number(result.non2xx)} non-2xx, ${result.errors} errors in ${number(result.seconds, 1)} s | ${target} |`;
  if (portfolioPage) lines.push(httpRow('portfolio page (6 variants)', portfolioPage, 'pages', TARGETS.queries));
  if (fundingSummary) lines.push(httpRow('funding summary (6 groupings)', fundingSummary, 'summaries', TARGETS.queries));
  if (commands) lines.push(httpRow('HTTP commands, mixed lifecycle steps', commands, 'commands', TARGETS.commands[report.profile]));
  for (const r of readYourWrites ?? []) {
    lines.push(
      `| read-your-writes lag, ${number(r.targetCommandsPerSecond)} commands/s asked | ${number(r.achievedCommandsPerSecond, 1)} commands/s achieved | ${ms(r.lag.p50Ms)} | ${ms(r.lag.p99Ms)} | ` +
        `${number(r.probes)} probes, ${r.notCaughtUp} not caught up (503); command p50 ${ms(r.commandLatency.p50Ms)}, p99 ${ms(r.commandLatency.p99Ms)}; ${number(r.late)} sends late | ${TARGETS.readYourWrites} |`,
    );
  }
  if (rebuild) {
    lines.push(
      `| rebuild of every view (${rebuild.state}) | ${number(rebuild.feedEventsPerSecond)} feed events/s | — | — | ${number(rebuild.feedEvents)} feed events in ${number(rebuild.seconds, 2)} s; ` +
        `${number(rebuild.eventsAppliedPerSecond)} events applied/s over ${Object.keys(rebuild.projections).length} views | ${TARGETS.rebuild[report.profile]} |`,
    );
  }
  for (const [name, figures] of Object.entries(memory ?? {})) {
    lines.push(
      `| ${name} process memory (RSS) | — | ${number(figures.medianMb, 0)} MB | — | max ${number(figures.maxMb, 0)} MB sampled, kernel peak ${number(figures.peakHwmMb, 0)} MB; ` +
        `${Object.entries(figures.maxByPhaseMb).map(([phase, mb]) => `${phase} ${number(mb, 0)}`).join(', ')} | ${TARGETS.memory} |`,
    );
  }
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
  const problems = { ...(commands?.problems ?? {}) };
  if (Object.keys(problems).length > 0) {
    lines.push('');
    lines.push(`Non-2xx answers during the command measure: ${Object.entries(problems).map(([code, count]) => `${code} × ${count}`).join(', ')}.`);
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}
