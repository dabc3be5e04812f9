/**
 * Imports the fund's published project list (README, "Bringing in the existing portfolio"):
 *
 *     npm run import -- portfolio.csv                 # CSV or JSON Lines, en/fr/es labels
 *     npm run import -- portfolio.csv --dry-run       # what would be recorded; records nothing
 *     npm run import -- portfolio.csv --as m.dupont   # the importer the events name (default: importer)
 *     npm run import -- portfolio.csv --json          # the whole report as JSON
 *
 * Like `npm run rebuild`: with the service running (same PORT / DATA_DIR / JWT_SECRET) the
 * file is sent to it (POST /imports, as an admin); otherwise it is imported directly into
 * the configured stores (the embedded data directory's lock is taken, so a service started
 * meanwhile waits, and projects its views from the events when it starts).
 * Exit code: 0 when no row was refused, 1 when some were, 2 for a bad invocation.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EventSourcedRepository, FundCalendar, FundPolicySource, PortfolioImport, ProjectCommands, type ImportReport } from '#ledger';
import { loadConfig, openStorage, type AppConfig } from '#runtime';
import { resolveJwtSecret } from './auth/jwt-secret.js';
import { tokenLimitsOf } from './auth/token-claims.js';
import { TokenService } from './auth/token-service.js';

interface Options {
  file: string;
  dryRun: boolean;
  importer: string;
  json: boolean;
}

function optionsOf(args: string[]): Options {
  let file: string | undefined;
  let importer = 'importer';
  let dryRun = false;
  let json = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--json') json = true;
    else if (arg === '--as') importer = args[++i] ?? '';
    else if (arg.startsWith('--as=')) importer = arg.slice(5);
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else usage('one file at a time');
  }
  if (file === undefined) usage('which file?');
  if (!/^[A-Za-z0-9._:@-]{1,100}$/.test(importer)) usage('--as takes an actor id (letters, digits, . _ : @ -)');
  return { file: file!, dryRun, importer, json };
}

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: npm run import -- FILE [--dry-run] [--as ACTOR-ID] [--json]\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const options = optionsOf(process.argv.slice(2));
  const content = await readFile(options.file, 'utf8');
  const file = { name: basename(options.file), content };
  const config = loadConfig();
  const report = (await importThroughService(config, file, options)) ?? (await importDirectly(config, file, options));
  print(report, options.json);
  process.exitCode = report.totals.refused > 0 ? 1 : 0;
}

async function importThroughService(config: AppConfig, file: { name: string; content: string }, options: Options): Promise<ImportReport | undefined> {
  const base = `http://127.0.0.1:${config.port}`;
  const running = await fetch(`${base}/health`).then(() => true, () => false);
  if (!running) return undefined;
  const secret = await resolveJwtSecret(config);
  if (secret === undefined) throw new Error(`the service on ${base} accepts its provider's tokens only: POST /imports with an admin's token`);
  const token = await new TokenService(secret, tokenLimitsOf(config)).mint(options.importer, ['admin']);
  const response = await fetch(`${base}/imports${options.dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ fileName: file.name, content: file.content }),
  });
  if (!response.ok) throw new Error(`the service refused the import: ${response.status} ${await response.text()}`);
  say(`imported through the service on ${base}`);
  return (await response.json()) as ImportReport;
}

async function importDirectly(config: AppConfig, file: { name: string; content: string }, options: Options): Promise<ImportReport> {
  say(`no service answers on port ${config.port}; importing directly into ${config.dataDir}`);
  const storage = await openStorage(config, { migrate: config.migrateOnStart });
  try {
    const repository = new EventSourcedRepository(storage.events, { cachedStreams: config.cachedStreams });
    const policies = new FundPolicySource(repository, { ceilings: config.ceilings, floors: config.floors });
    const portfolioImport = new PortfolioImport(repository, new ProjectCommands(repository, policies, new FundCalendar(config.fundTimeZone)), policies);
    return await portfolioImport.run(file, { id: options.importer, role: 'admin' }, { dryRun: options.dryRun });
  } finally {
    await storage.close();
  }
}

function print(report: ImportReport, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const heading = `${report.dryRun ? 'dry run of' : 'import of'} ${report.file.name} (sha256 ${report.file.sha256}) by ${report.importedBy}`;
  const lines = report.lines.map((line) => {
    const what = line.outcome === 'refused' ? `refused ${line.code}: ${line.reason}` : report.dryRun ? `would be ${line.outcome}` : line.outcome;
    return `line ${line.line}${line.projectId ? ` ${line.projectId}` : ''}: ${what}`;
  });
  const { recorded, corrected, unchanged, refused } = report.totals;
  const totals = `${recorded} recorded, ${corrected} corrected, ${unchanged} unchanged, ${refused} refused${report.dryRun ? ' (dry run: nothing recorded)' : ''}`;
  process.stdout.write([heading, ...lines, totals].join('\n') + '\n');
}

function say(text: string): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), message: text })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
