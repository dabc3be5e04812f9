import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BenchReport } from './harness.js';
import { cellOf, figuresOf, fileStamp, ms, number, type Figure } from './report.js';

/**
 * How it grows: the figures of several runs side by side, one column per run (typically one
 * profile at 1,000, 10,000 and 100,000 projects), read back from the JSON results the runs
 * wrote, so that a comparison never needs the runs again.
 */

export interface ComparedRun {
  file: string;
  report: BenchReport;
}

export async function readRuns(files: readonly string[]): Promise<ComparedRun[]> {
  return Promise.all(
    files.map(async (file) => {
      const report = JSON.parse(await readFile(file, 'utf8')) as BenchReport;
      if (report.benchmark !== 'portfolio-ledger') throw new Error(`${file} is not a result of this benchmark`);
      return { file, report };
    }),
  );
}

/** The newest result of each scale of `profile` in `resultsDir` (runs that loaded a portfolio), smallest scale first. */
export async function newestPerScale(resultsDir: string, profile: BenchReport['profile']): Promise<string[]> {
  const names = (await readdir(resultsDir)).filter((name) => name.endsWith('.json'));
  const runs = await readRuns(names.map((name) => join(resultsDir, name)));
  const newest = new Map<number, ComparedRun>();
  for (const run of runs) {
    const { projects } = run.report.scale;
    if (run.report.profile !== profile || projects === 0) continue;
    const kept = newest.get(projects);
    if (!kept || kept.report.startedAt < run.report.startedAt) newest.set(projects, run);
  }
  return [...newest.entries()].sort(([a], [b]) => a - b).map(([, run]) => run.file);
}

export function toComparison(runs: readonly ComparedRun[]): string {
  const sorted = [...runs].sort((a, b) => a.report.scale.projects - b.report.scale.projects || a.report.startedAt.localeCompare(b.report.startedAt));
  const reports = sorted.map((run) => run.report);
  const distinct = <T>(values: T[]) => [...new Set(values)].join(' / ');
  const lines: string[] = [];
  lines.push(
    `# Portfolio Ledger benchmark — how it grows: ${distinct(reports.map((r) => r.profile))} profile, ` +
      `${distinct(reports.map((r) => r.environment.cores))} cores`,
  );
  lines.push('');
  lines.push('One column per run, from its JSON result; latencies as p50 and p99; targets as issue 6 sets them.');
  lines.push('');
  const mixed = new Set(reports.map((r) => r.profile)).size > 1;
  const columns = reports.map(
    (r) => `${r.scale.projects > 0 ? `${number(r.scale.projects)} projects` : 'appends only'}${mixed ? ` (${r.profile})` : ''}`,
  );
  lines.push(`| | ${columns.join(' | ')} | target (issue 6) |`);
  lines.push(`|---|${columns.map(() => '---|').join('')}---|`);
  const row = (name: string, cells: string[], target = '') => lines.push(`| ${name} | ${cells.join(' | ')} | ${target} |`);
  row('profile', reports.map((r) => r.profile));
  row('events in the store after the load (every stream)', reports.map((r) => number(r.scale.eventsAfterLoad)));
  row('events the views replay (at the rebuild)', reports.map((r) => number(r.scale.feedEvents)));
  row('commit', reports.map((r) => `\`${r.environment.gitCommit?.slice(0, 12) ?? 'unknown'}\`${r.environment.gitDirty ? ' (uncommitted changes)' : ''}`));
  row('machine', reports.map((r) => `Node ${r.environment.node}, ${r.environment.cores} cores (${r.environment.cpuModel})`));
  row('run', reports.map((r) => `${r.startedAt.slice(0, 16).replace('T', ' ')}, ${number(r.seconds / 60, 1)} min`));
  row('result', sorted.map((run) => basename(run.file)));

  // Rows by measure, in the order the runs report them; a run without the measure shows —.
  const byMeasure = new Map<string, (Figure | undefined)[]>();
  reports.forEach((report, column) => {
    for (const figure of figuresOf(report)) {
      if (!byMeasure.has(figure.measure)) byMeasure.set(figure.measure, reports.map(() => undefined));
      byMeasure.get(figure.measure)![column] = figure;
    }
  });
  for (const [measure, figures] of byMeasure) {
    row(measure, figures.map((figure) => (figure ? cellOf(figure) : '—')), figures.find(Boolean)?.target ?? '');
  }

  const variants = (title: string, pick: (report: BenchReport) => BenchReport['results']['portfolioPage']) => {
    const labels = [...new Set(reports.flatMap((report) => Object.keys(pick(report)?.byLabel ?? {})))];
    if (labels.length === 0) return;
    lines.push('');
    lines.push(`### ${title}`);
    lines.push('');
    lines.push(`| request | ${columns.join(' | ')} |`);
    lines.push(`|---|${columns.map(() => '---|').join('')}`);
    for (const label of labels) {
      const cells = reports.map((report) => {
        const summary = pick(report)?.byLabel[label];
        return summary ? `p50 ${ms(summary.p50Ms)}, p99 ${ms(summary.p99Ms)}` : '—';
      });
      lines.push(`| ${label} | ${cells.join(' | ')} |`);
    }
  };
  variants('Portfolio page by variant', (report) => report.results.portfolioPage);
  variants('Funding summary by grouping', (report) => report.results.fundingSummary);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

/** Writes the comparison of `files` to `<resultsDir>/<date>-<profile>-scale.md`. */
export async function writeComparison(files: readonly string[], resultsDir: string): Promise<{ file: string; markdown: string }> {
  if (files.length === 0) throw new Error(`no results to compare (in ${resultsDir}, or given)`);
  const runs = await readRuns(files);
  const profiles = [...new Set(runs.map((run) => run.report.profile))];
  const markdown = toComparison(runs);
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `${fileStamp(new Date())}-${profiles.length === 1 ? profiles[0] : 'mixed'}-scale.md`);
  await writeFile(file, markdown);
  return { file, markdown };
}
