import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultOptions, MEASURES, runBench, smokeOptions } from '../bench/src/harness.js';

/**
 * The benchmark harness is not part of `npm test`, but this tiny run of it is, so that it
 * cannot silently rot: every measure, against the compiled service in a child process (as
 * `npm run bench` runs it), for a few seconds each on a handful of projects. It checks that
 * the harness works and reports, not how fast the service is.
 */
describe('the benchmark harness (smoke run)', () => {
  let resultsDir: string;

  beforeAll(async () => {
    resultsDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-bench-smoke-'));
  });

  afterAll(async () => {
    await rm(resultsDir, { recursive: true, force: true });
  });

  it('loads a portfolio, runs every measure, samples memory and writes JSON and Markdown', async () => {
    const root = process.cwd();
    expect(existsSync(join(root, 'dist/apps/api/src/main.js'))).toBe(true); // npm test builds dist/ first
    const startedAt = Date.now();

    const { report, files } = await runBench({ ...defaultOptions(root), ...smokeOptions(root), resultsDir, quiet: true, measures: MEASURES });

    expect(Date.now() - startedAt).toBeLessThan(60_000);
    const { load, portfolioPage, fundingSummary, commands, readYourWrites, rebuild, memory } = report.results;
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
    expect(memory!['api']!.maxMb).toBeGreaterThan(0);

    expect(report.environment.cores).toBeGreaterThan(0);
    expect(report.environment.node).toBe(process.version);
    const written = JSON.parse(await readFile(files.json, 'utf8'));
    expect(written).toMatchObject({ profile: 'embedded', scale: { projects: 6 } });
    const markdown = await readFile(files.markdown, 'utf8');
    expect(markdown).toContain('| measure | throughput | p50 | p99 |');
    expect(markdown).toContain('HTTP commands, mixed lifecycle steps');
    expect(markdown).toContain('read-your-writes lag');
  }, 90_000);
});
