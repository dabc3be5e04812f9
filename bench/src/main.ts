/**
 * npm run bench -- [options]: see USAGE. The default set runs in a few minutes on a 2-core
 * machine and prints a Markdown table; JSON and Markdown are written to bench/results/.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultOptions, MEASURES, runBench, smokeOptions, type BenchOptions, type Measure } from './harness.js';

const USAGE = `usage: npm run bench -- [options]
  --profile embedded|postgres   the stores (default embedded; postgres creates a database on DATABASE_URL's server)
  --projects N                  portfolio loaded before measuring (default 200)
  --measures LIST               comma-separated, from: ${MEASURES.join(', ')} (default all)
  --seed S                      the generator's seed (default 1)
  --connections C               connections of the HTTP measures (default 32)
  --duration S                  seconds of the command measure (default 20)
  --query-duration S            seconds of each query measure (default 15)
  --ryw-rates R1,R2             command rates of the read-your-writes measure, one run each (default 10,500)
  --ryw-duration S              seconds of the read-your-writes measure (default 15)
  --load-concurrency C          projects in flight while loading the portfolio (default 16)
  --results DIR                 where to write the results (default bench/results)
  --database-url URL            the PostgreSQL server of the postgres profile (default DATABASE_URL)
  --keep-data                   keep the data directory / database afterwards
  --cpu-prof                    write V8 CPU profiles of the service (node --cpu-prof) next to the results
  --smoke                       a tiny, seconds-long run that only checks the harness works`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      profile: { type: 'string' },
      projects: { type: 'string' },
      measures: { type: 'string' },
      seed: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      'query-duration': { type: 'string' },
      'ryw-rates': { type: 'string' },
      'ryw-duration': { type: 'string' },
      'load-concurrency': { type: 'string' },
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
  if (values.results) options.resultsDir = values.results;
  if (values['database-url']) options.databaseUrl = values['database-url'];
  if (values['keep-data']) options.keepData = true;
  if (values['cpu-prof']) options.cpuProfile = true;

  const { files } = await runBench(options);
  const { readFile } = await import('node:fs/promises');
  process.stdout.write(await readFile(files.markdown, 'utf8'));
  process.stdout.write(`\nresults: ${files.json}\n         ${files.markdown}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
