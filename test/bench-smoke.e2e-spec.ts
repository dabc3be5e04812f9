import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestPerScale, writeComparison } from '../bench/src/compare.js';
import { defaultOptions, MEASURES, runBench, smokeOptions, type BenchReport } from '../bench/src/harness.js';

/**
 * The benchmark harness is not part of `npm test`, but this tiny run of it is, so that it
 * cannot silently rot: every measure, against the compiled service in a child process (as
 * `npm run bench` runs it), for a few seconds each on a handful of projects. It checks that
 * the harness works and reports, not how fast the service is: no figure is asserted.
 */
describe('the benchmark harness (smoke run)', () => {
  let resultsDir: string;
  let embeddedRun: string;

  beforeAll(async () => {
    resultsDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-bench-smoke-'));
  });

  afterAll(async () => {
    await rm(resultsDir, { recursive: true, force: true });
  });

  it('loads a portfolio, runs every measure, samples memory and writes JSON and Markdown', async () => {
    const root = process.cwd();
    expect(existsSync(join(root, 'dist/apps/api/src/main.js'))).toBe(true); // npm test builds dist/ first

    const everyMeasureButThePeer = MEASURES.filter((measure) => measure !== 'peer'); // the peer needs postgres: the next test
    const { report, files } = await runBench({ ...defaultOptions(root), ...smokeOptions(root), resultsDir, quiet: true, measures: everyMeasureButThePeer });
    embeddedRun = files.json;

    const { load, portfolioPage, fundingSummary, commands, readYourWrites, rebuild, appends, memory } = report.results;
    expect(load).toMatchObject({ failures: 0, projects: 6 });
    expect(load!.commands).toBeGreaterThan(6);
    for (const queries of [portfolioPage, fundingSummary]) {
      expect(queries!.ok).toBeGreaterThan(0);
      expect(queries!.non2xx).toBe(0);
      expect(queries!.latency.p50Ms).toBeGreaterThan(0);
      expect(queries!.latency.histogram.length).toBeGreaterThan(0);
    }
    expect(Object.keys(portfolioPage!.byLabel)).toContain('first page');
    expect(Object.keys(fundingSummary!.byLabel)).toContain('groupBy=state');
    // Mixed lifecycle steps: more than one kind of command, all accepted.
    expect(commands!.ok).toBeGreaterThan(0);
    expect(commands!.problems).toEqual({});
    expect(Object.keys(commands!.byLabel)).toContain('DraftProject');
    expect(readYourWrites).toHaveLength(1);
    expect(readYourWrites![0]!.commands).toBeGreaterThan(0);
    expect(readYourWrites![0]!.refusedCommands).toBe(0);
    expect(readYourWrites![0]!.probeErrors).toBe(0);
    expect(rebuild).toMatchObject({ state: 'done' });
    expect(rebuild!.feedEvents).toBeGreaterThan(load!.commands);
    // Views as of an instant: two first asks at each of two instants, then the same asked again.
    expect(report.results.asOf!.cold).toHaveLength(4);
    expect(report.results.asOf!.warm.fundingSummary.count).toBe(100);
    expect(memory!['api']!.maxMb).toBeGreaterThan(0);
    // The V8 heap from the API's /metrics, sampled beside the RSS: in use within reserved within resident.
    expect(memory!['api']!.heap!.usedMaxMb).toBeGreaterThan(0);
    expect(memory!['api']!.heap!.usedMaxMb).toBeLessThanOrEqual(memory!['api']!.heap!.totalMaxMb);
    expect(memory!['api']!.heap!.totalMaxMb).toBeLessThan(memory!['api']!.maxMb);
    expectAppends(appends, 'embedded');
    // Where the cores went, per phase: the API worked while it was loaded and asked.
    const cpu = report.results.cpu!;
    expect(Object.keys(cpu)).toEqual(expect.arrayContaining(['load', 'portfolio page', 'commands', 'rebuild']));
    expect(cpu['commands']!.busy['api']).toBeGreaterThan(0);
    expect(cpu['load']!.busy['load generator (bench process)']).toBeGreaterThan(0);
    expect(cpu['commands']!.cores).toBe(report.environment.cores);

    expect(report.environment.cores).toBeGreaterThan(0);
    expect(report.environment.node).toBe(process.version);
    const written = JSON.parse(await readFile(files.json, 'utf8'));
    expect(written).toMatchObject({ profile: 'embedded', scale: { projects: 6 } });
    expect(written.scale.eventsAfterLoad).toBeGreaterThan(load!.commands);
    expect(written.environment.gitCommit).toEqual(expect.any(String));
    const markdown = await readFile(files.markdown, 'utf8');
    expect(markdown).toContain('| measure | throughput | p50 | p99 |');
    expect(markdown).toContain('embedded profile, 6 projects, ');
    expect(markdown).toContain('HTTP commands, mixed lifecycle steps');
    expect(markdown).toContain('read-your-writes lag');
    expect(markdown).toContain('### Where the cores went (cores busy on average, of ');
    expect(markdown).toContain('| appends at the adapter, single events, 4 writers |');
    expect(markdown).toContain('| appends at the adapter, 100-event batches, 4 writers |');
  }, 120_000);

  it('measures appends on the PostgreSQL server alone, without a service, and compares runs side by side', async () => {
    const root = process.cwd();
    const { report, files } = await runBench({ ...defaultOptions(root), ...smokeOptions(root), resultsDir, quiet: true, profile: 'postgres', measures: ['appends'] });

    expect(report.results.load).toBeUndefined();
    expect(report.scale.projects).toBe(0);
    expect(files.json).toMatch(/-postgres-appends\.json$/);
    expectAppends(report.results.appends, 'postgres');

    // With the first test's run: the newest run of each scale of a profile, then both runs side by side, one column each.
    expect(await newestPerScale(resultsDir, 'embedded')).toEqual([embeddedRun]);
    const { file, markdown } = await writeComparison([files.json, embeddedRun], resultsDir);
    expect(file).toMatch(/-mixed-scale\.md$/);
    expect(await readFile(file, 'utf8')).toBe(markdown);
    expect(markdown).toContain('| | appends only (postgres) | 6 projects (embedded) | target (issue 6) |');
    expect(markdown).toContain('| profile | postgres | embedded |');
    expect(markdown).toMatch(/\| appends at the adapter, single events, 4 writers \| [\d,]+ events\/s, p50 [\d.,]+ ms, p99 [\d.,]+ ms \| [\d,]+ events\/s, p50 /);
    expect(markdown).toMatch(/\| HTTP commands, mixed lifecycle steps, 8 connections \| — \| [\d.,]+ commands\/s, p50 /);
    expect(markdown).toContain('### Portfolio page by variant');
  }, 60_000);

  it('runs the peer (Emmett) on the same work, rounds alternating, and prints each figure beside the project\'s', async () => {
    const root = process.cwd();
    const { report, files } = await runBench({ ...defaultOptions(root), ...smokeOptions(root), resultsDir, quiet: true, profile: 'postgres', measures: ['peer'], peerRounds: 2 });

    expect(files.json).toMatch(/-postgres-peer\.json$/);
    const peer = report.results.peer!;
    expect(peer.peer).toEqual({ name: '@event-driven-io/emmett-postgresql', version: expect.stringMatching(/^0\.42\./) });
    // Project, peer, project, peer; both variants each time.
    expect(peer.rounds.map((round) => [round.side, round.round, round.eventsPerAppend])).toEqual([
      ['project', 1, 1], ['project', 1, 100], ['peer', 1, 1], ['peer', 1, 100],
      ['project', 2, 1], ['project', 2, 100], ['peer', 2, 1], ['peer', 2, 100],
    ]);
    for (const round of peer.rounds) {
      expect(round.events).toBeGreaterThan(0);
      expect(round.events).toBe(round.appends * round.eventsPerAppend);
      expect(round.conflicts).toBe(0);
    }
    for (const comparison of peer.comparison) {
      expect(comparison.project).toHaveLength(2);
      expect(comparison.peer).toHaveLength(2);
      expect(comparison.ratio).toBeGreaterThan(0);
    }
    expect(await readFile(files.markdown, 'utf8')).toMatch(/\| appends beside the peer, 100-event batches, 4 writers \| [\d.]+× the peer \|/);
    await expect(runBench({ ...defaultOptions(root), ...smokeOptions(root), resultsDir, quiet: true, measures: ['peer'] })).rejects.toThrow(/postgres profile only/);
  }, 60_000);
});

/** Both variants ran, on streams no other writer touched, and each append's latency was kept. */
function expectAppends(appends: BenchReport['results']['appends'], profile: 'embedded' | 'postgres'): void {
  expect(appends?.map((variant) => [variant.profile, variant.writers, variant.eventsPerAppend])).toEqual([
    [profile, 4, 1],
    [profile, 4, 100],
  ]);
  for (const variant of appends!) {
    expect(variant.events).toBeGreaterThan(0);
    expect(variant.events).toBe(variant.appends * variant.eventsPerAppend);
    expect(variant.conflicts).toBe(0);
    expect(variant.latency.count).toBe(variant.appends);
    expect(variant.latency.histogram.length).toBeGreaterThan(0);
    // Realistic payloads: about the size of the service's own project events.
    expect(variant.meanEventBytes).toBeGreaterThan(400);
    expect(variant.meanEventBytes).toBeLessThan(1_500);
  }
}
