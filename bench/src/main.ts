/**
 * npm run bench -- [options]: see USAGE. The default set runs in a few minutes on a 2-core
 * machine and prints a Markdown table; JSON and Markdown are written to bench/results/.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { newestPerScale, writeComparison } from './compare.js';
import { defaultOptions, MEASURES, runBench, smokeOptions, type BenchOptions, type Measure } from './harness.js';

const USAGE = `usage: npm run bench -- [options]
  --profile embedded|postgres   the stores (default embedded; postgres creates a database on DATABASE_URL's server)
  --projects N                  portfolio loaded before measuring (default 200)
  --measures LIST               comma-separated, from: ${MEASURES.join(', ')} (default all but peer; peer needs --profile postgres)
  --seed S                      the generator's seed (default 1)
  --connections C               connections of the HTTP measures (default 32)
  --accept-encoding E           identity (default) or gzip: what the HTTP load accepts (the API gzips view answers for gzip)
  --duration S                  seconds of the command measure (default 20)
  --query-duration S            seconds of each query measure (default 15)
  --ryw-rates R1,R2             command rates of the read-your-writes measure, one run each (default 10,500)
  --ryw-duration S              seconds of the read-your-writes measure (default 15)
  --append-writers W            concurrent writers of the append measure (default 16)
  --append-batch B              events per append of its batch variant (default 100)
  --append-duration S           seconds of each append variant (default 5)
  --peer-rounds N               rounds of each side of the peer measure, alternating project and peer (default 2)
  --load-concurrency C          projects in flight while loading the portfolio (default 16)
  --portal-loads N              timed loads of the overview in Chromium, cold and as many warm (default 5)
  --portal-ready SELECTOR       what says the overview is usable (default [data-state="ready"])
  --results DIR                 where to write the results (default bench/results)
  --database-url URL            the PostgreSQL server of the postgres profile (default DATABASE_URL)
  --keep-data                   keep the data directory / database afterwards
  --cpu-prof                    write V8 CPU profiles of the service (node --cpu-prof) next to the results
  --smoke                       a tiny, seconds-long run that only checks the harness works
  --scales N1,N2,…              one run per number of projects (e.g. 1000,10000,100000), then --compare of those runs
  --compare [FILE.json …]       no run: the figures of result files side by side, one column per run, written to
                                <results>/<date>-<profile>-scale.md; without files, the newest result of each scale
                                of --profile in --results`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      profile: { type: 'string' },
      projects: { type: 'string' },
      measures: { type: 'string' },
      seed: { type: 'string' },
      connections: { type: 'string' },
      'accept-encoding': { type: 'string' },
      duration: { type: 'string' },
      'query-duration': { type: 'string' },
      'ryw-rates': { type: 'string' },
      'ryw-duration': { type: 'string' },
      'append-writers': { type: 'string' },
      'append-batch': { type: 'string' },
      'append-duration': { type: 'string' },
      'peer-rounds': { type: 'string' },
      scales: { type: 'string' },
      compare: { type: 'boolean' },
      'load-concurrency': { type: 'string' },
      'portal-loads': { type: 'string' },
      'portal-ready': { type: 'string' },
      results: { type: 'string' },
      'database-url': { type: 'string' },
      'keep-data': { type: 'boolean' },
      'cpu-prof': { type: 'boolean' },
      smoke: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length > 0 && !values.compare) throw new Error(`unexpected ${positionals.join(' ')}: only --compare takes files\n${USAGE}`);
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const options: BenchOptions = { ...defaultOptions(root), ...(values.smoke ? smokeOptions(root) : {}) };
  const positive = (value: string | undefined, name: string, fallback: number): number => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} must be a number ≥ 0, not ${value}`);
    return parsed;
  };
  if (values.profile !== undefined) {
    if (values.profile !== 'embedded' && values.profile !== 'postgres') throw new Error(`--profile must be embedded or postgres, not ${values.profile}`);
    options.profile = values.profile;
  }
  if (values.measures !== undefined) {
    const chosen = values.measures.split(',').map((measure) => measure.trim()).filter(Boolean);
    const unknown = chosen.filter((measure) => !(MEASURES as readonly string[]).includes(measure));
    if (unknown.length > 0) throw new Error(`unknown measure(s) ${unknown.join(', ')}; choose from ${MEASURES.join(', ')}`);
    options.measures = chosen as Measure[];
  }
  if (values['accept-encoding'] !== undefined) {
    if (values['accept-encoding'] !== 'identity' && values['accept-encoding'] !== 'gzip') {
      throw new Error(`--accept-encoding must be identity or gzip, not ${values['accept-encoding']}`);
    }
    options.acceptEncoding = values['accept-encoding'];
  }
  options.projects = Math.floor(positive(values.projects, 'projects', options.projects));
  options.seed = Math.floor(positive(values.seed, 'seed', options.seed));
  options.connections = Math.max(1, Math.floor(positive(values.connections, 'connections', options.connections)));
  options.commandSeconds = positive(values.duration, 'duration', options.commandSeconds);
  options.querySeconds = positive(values['query-duration'], 'query-duration', options.querySeconds);
  if (values['ryw-rates'] !== undefined) {
    options.rywRates = values['ryw-rates'].split(',').map((rate) => positive(rate.trim(), 'ryw-rates', 0)).filter((rate) => rate > 0);
  }
  options.rywSeconds = positive(values['ryw-duration'], 'ryw-duration', options.rywSeconds);
  options.loadConcurrency = Math.max(1, Math.floor(positive(values['load-concurrency'], 'load-concurrency', options.loadConcurrency)));
  options.portalLoads = Math.max(1, Math.floor(positive(values['portal-loads'], 'portal-loads', options.portalLoads)));
  if (values['portal-ready'] !== undefined) {
    if (values['portal-ready'].trim() === '') throw new Error('--portal-ready needs a CSS selector');
    options.portalReady = values['portal-ready'];
  }
  options.appendWriters = Math.max(1, Math.floor(positive(values['append-writers'], 'append-writers', options.appendWriters)));
  options.appendBatch = Math.max(1, Math.floor(positive(values['append-batch'], 'append-batch', options.appendBatch)));
  options.appendSeconds = positive(values['append-duration'], 'append-duration', options.appendSeconds);
  options.peerRounds = Math.max(1, Math.floor(positive(values['peer-rounds'], 'peer-rounds', options.peerRounds)));
  if (values.results) options.resultsDir = values.results;
  if (values['database-url']) options.databaseUrl = values['database-url'];
  if (values['keep-data']) options.keepData = true;
  if (values['cpu-prof']) options.cpuProfile = true;

  if (values.compare) {
    await compare(positionals.length > 0 ? positionals : await newestPerScale(options.resultsDir, options.profile), options.resultsDir);
    return;
  }
  if (values.scales !== undefined) {
    const scales = values.scales.split(',').map((scale) => Math.floor(positive(scale.trim(), 'scales', 0))).filter((scale) => scale > 0);
    if (scales.length === 0) throw new Error(`--scales needs numbers of projects, not ${values.scales}`);
    const written: string[] = [];
    for (const projects of scales) {
      const { files } = await runBench({ ...options, projects });
      process.stderr.write(`[bench] ${projects} projects: ${files.json}\n`);
      written.push(files.json);
    }
    await compare(written, options.resultsDir);
    return;
  }

  const { files } = await runBench(options);
  process.stdout.write(await readFile(files.markdown, 'utf8'));
  process.stdout.write(`\nresults: ${files.json}\n         ${files.markdown}\n`);
}

async function compare(files: readonly string[], resultsDir: string): Promise<void> {
  const { file, markdown } = await writeComparison(files, resultsDir);
  process.stdout.write(markdown);
  process.stdout.write(`\ncomparison: ${file}\n`);
}

main().catch((error: unknown) => {
  // fetch's TypeError says only "fetch failed": what failed is in its cause.
  const cause = (error as Error & { cause?: unknown })?.cause;
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n${cause === undefined ? '' : `cause: ${(cause as Error)?.stack ?? String(cause)}\n`}`);
  process.exit(1);
});
