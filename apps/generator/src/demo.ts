/**
 * npm run demo: a living portfolio for a new user, at once.
 *
 * If a service answers at http://localhost:$PORT (3000), the demo portfolio (40 projects,
 * seed 1) is loaded into it. If none answers, the demo starts the service itself (as
 * `npm start` would: the embedded store in DATA_DIR, ./data by default), loads the
 * portfolio and keeps the service running in the foreground until Ctrl-C. A portfolio that
 * is already there is not loaded twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { defaultUrl, parseGeneratorArgs, wholeNumber } from './cli-options.js';
import { PlanRunFailed, runPlan } from './plan-runner.js';
import { planPortfolio, summarize } from './portfolio-plan.js';
import { isAnswering, waitUntilHealthy } from './service-check.js';
import { mintTokens, serviceSecret } from './tokens.js';

const API_MAIN = fileURLToPath(new URL('../../api/src/main.js', import.meta.url));
/** The service this demo started, if it started one. */
let child: ChildProcess | undefined;

async function main(): Promise<void> {
  const args = parseGeneratorArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write('usage: npm run demo -- [--projects 40] [--seed 1] [--concurrency 4] [--url URL]\n');
    return;
  }
  const baseUrl = (args.url ?? defaultUrl()).replace(/\/+$/, '');
  if (await isAnswering(baseUrl)) {
    say(`A service answers at ${baseUrl}: the demo portfolio goes there.`);
  } else {
    const port = new URL(baseUrl).port || '3000';
    say(`No service answers at ${baseUrl}: starting one (embedded store in ${process.env.DATA_DIR ?? './data'}).`);
    child = spawn(process.execPath, [API_MAIN], {
      env: { ...process.env, PORT: port, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const stop = () => child?.kill('SIGTERM');
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    await waitUntilHealthy(baseUrl, 90_000, () => child?.exitCode !== null);
  }

  const plan = planPortfolio({
    seed: wholeNumber(args.seed, 1, 'seed'),
    projects: wholeNumber(args.projects, 40, 'projects'),
    prefix: args.prefix ?? 'PO',
    first: wholeNumber(args.first, 1, 'first', 1),
    ...(args.today ? { today: args.today } : {}),
  });
  const { secret, source } = await serviceSecret();
  const tokens = await mintTokens(secret);
  const probe = await fetch(`${baseUrl}/projects/${plan.projects[0]?.projectId ?? 'PO.0001'}`, { headers: { authorization: `Bearer ${tokens.aurelia}` } });
  await probe.text();
  if (probe.status === 401) {
    throw new Error(`the service at ${baseUrl} refuses tokens signed with the secret from ${source}; run the demo with the service's JWT_SECRET or DATA_DIR`);
  }
  if (probe.status === 200) {
    say(`The demo portfolio is already loaded (${plan.projects[0]!.projectId} exists).`);
  } else {
    say(`Loading ${plan.projects.length} projects (seed ${plan.seed}): ${plan.commandCount} commands through the API…`);
    const result = await runPlan(plan, {
      baseUrl,
      tokens,
      concurrency: wholeNumber(args.concurrency, 4, 'concurrency', 1),
      progressEveryMs: 2_000,
      onProgress: (progress) => {
        if (progress.phase !== 'done') process.stdout.write(`  ${progress.done}/${progress.total} commands, ${progress.projectsDone}/${progress.projects} projects, ${progress.rate}/s\n`);
      },
    });
    const summary = summarize(plan);
    say(
      `Loaded ${result.commands} commands in ${result.seconds.toFixed(1)} s: ${summary.projects} projects — ` +
        Object.entries(summary.byStatus).map(([status, count]) => `${count} ${status}`).join(', ') + '.',
    );
  }

  say(`
Look around (tokens: npm run -s token -- <name> <role>):
  AP=$(npm run -s token -- arturo approver)
  curl -s "${baseUrl}/portfolio?limit=5&sort=budget&direction=desc" -H "authorization: Bearer $AP"
  curl -s -G "${baseUrl}/portfolio" --data-urlencode "q=мигрантов" -H "authorization: Bearer $AP"
  curl -s -G "${baseUrl}/portfolio" --data-urlencode "q=საქართველო" -H "authorization: Bearer $AP"
  curl -s "${baseUrl}/funding/summary?groupBy=region" -H "authorization: Bearer $AP"
  curl -s "${baseUrl}/funding/envelopes" -H "authorization: Bearer $AP"
  curl -s "${baseUrl}/approval-queue" -H "authorization: Bearer $AP"
  curl -s "${baseUrl}/projects/PO.0001/audit-trail" -H "authorization: Bearer $AP"
The API is described at ${baseUrl}/docs.`);
  if (child && child.exitCode === null) {
    say(`The service keeps running (pid ${child.pid}); press Ctrl-C to stop it. Its data stays in ${process.env.DATA_DIR ?? './data'}.`);
    await once(child, 'exit');
  }
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof PlanRunFailed) process.stderr.write(`the demo stopped: ${error.message}\n`);
  else process.stderr.write(`${(error as Error)?.message ?? String(error)}\n`);
  process.exitCode = 1;
  // A service this demo started goes down with it; the process ends when the service has.
  if (child && child.exitCode === null) child.kill('SIGTERM');
  else process.exit(1);
});
