/**
 * Generates a realistic portfolio through the service's real command API:
 *
 *     npm run generate -- --projects 1000 --seed 7 --concurrency 16
 *     npm run generate -- --projects 40 --print        # the commands as JSON lines, nothing sent
 *
 * Progress and the result are JSON lines on standard output. Tokens are signed with the
 * service's secret (JWT_SECRET, or DATA_DIR/jwt-secret).
 */
import { defaultUrl, parseGeneratorArgs, wholeNumber } from './cli-options.js';
import { PlanRunFailed, runPlan } from './plan-runner.js';
import { commandsOf, planPortfolio, summarize } from './portfolio-plan.js';
import { assertReady } from './service-check.js';
import { mintTokens, serviceSecret } from './tokens.js';

const USAGE = `usage: npm run generate -- [options]
  --url URL          the service (default: API_URL, or http://127.0.0.1:$PORT, PORT=3000)
  --projects N       how many projects (default 40)
  --seed S           the seed: the same seed (and day) gives the same commands (default 1)
  --concurrency C    projects sent at once (default 8)
  --prefix XX        project ids are XX.0001, XX.0002, … (default PO)
  --first K          the number of the first project (default 1)
  --today DATE       the date the plan takes as today (default: today, UTC)
  --skip-fund        no envelopes and contributions (they must exist already)
  --without-idempotency-keys   send no Idempotency-Key (a retried command may then fail)
  --keep-going       skip a project whose command fails instead of stopping
  --print            print the commands as JSON lines instead of sending them
  --summary          print what the plan contains and stop`;

async function main(): Promise<void> {
  const args = parseGeneratorArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const plan = planPortfolio({
    seed: wholeNumber(args.seed, 1, 'seed'),
    projects: wholeNumber(args.projects, 40, 'projects'),
    prefix: args.prefix ?? 'PO',
    first: wholeNumber(args.first, 1, 'first', 1),
    fund: !args['skip-fund'],
    ...(args.today ? { today: args.today } : {}),
  });
  if (args.print) {
    for (const command of commandsOf(plan)) process.stdout.write(`${JSON.stringify(command)}\n`);
    return;
  }
  if (args.summary) {
    process.stdout.write(`${JSON.stringify(summarize(plan), null, 2)}\n`);
    return;
  }
  const baseUrl = (args.url ?? defaultUrl()).replace(/\/+$/, '');
  const { secret, source } = await serviceSecret();
  const tokens = await mintTokens(secret);
  await assertReady(baseUrl, tokens, plan, source);
  const line = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  line({ event: 'start', url: baseUrl, seed: plan.seed, today: plan.today, projects: plan.projects.length, commands: plan.commandCount });
  const result = await runPlan(plan, {
    baseUrl,
    tokens,
    concurrency: wholeNumber(args.concurrency, 8, 'concurrency', 1),
    keepGoing: args['keep-going'] ?? false,
    idempotencyKeys: !args['without-idempotency-keys'],
    onProgress: (progress) => line({ event: 'progress', ...progress }),
  });
  line({
    event: 'done',
    commands: result.commands,
    failed: result.failures.length,
    seconds: Math.round(result.seconds * 10) / 10,
    commandsPerSecond: Math.round(result.rate),
    lastPosition: result.lastPosition,
    ...(result.failures.length > 0 ? { failures: result.failures.slice(0, 20) } : {}),
  });
  if (result.failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  if (error instanceof PlanRunFailed) process.stderr.write(`the generator stopped: ${error.message}\n`);
  else process.stderr.write(`${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
