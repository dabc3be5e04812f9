import { parsePosition } from '#event-store';
import { runPlan } from '../../../apps/generator/src/plan-runner.js';
import { planPortfolio, summarize } from '../../../apps/generator/src/portfolio-plan.js';
import { LabelledLatencies, type LatencySummary } from '../histogram.js';
import { waitForViews, type BenchContext } from '../workload.js';

export interface LoadResult {
  projects: number;
  commands: number;
  failures: number;
  concurrency: number;
  seconds: number;
  commandsPerSecond: number;
  latency: LatencySummary;
  byCommand: ReturnType<LabelledLatencies['summaries']>;
  /** After the last command: until the views had applied everything. */
  viewsCaughtUpAfterSeconds: number;
  portfolio: ReturnType<typeof summarize>;
  lastPosition: string | undefined;
  /**
   * Events in the store after the load, in every stream (the idempotency keys' too, which
   * the views do not read): the sequence number (`prepare`) of the last position the load
   * was answered with. On both profiles' SQL store it numbers every event written (an
   * identity column, without gaps unless an insert rolls back), so it is the store's size
   * to within the events of the last few commands, which may commit in another order.
   */
  eventsInStore: number | null;
}

/**
 * Loads the portfolio the other measures run against, with the generator, through the
 * command API: envelopes, contributions, then the projects `concurrency` at a time.
 * Its throughput is a figure too: commands per second with whole lifecycles in flight.
 */
export async function loadPortfolio(context: BenchContext, options: { projects: number; concurrency: number }): Promise<LoadResult> {
  const plan = planPortfolio({ seed: context.seed, projects: options.projects, today: context.today, prefix: 'PO' });
  const latencies = new LabelledLatencies();
  const result = await runPlan(plan, {
    baseUrl: context.baseUrl,
    tokens: context.tokens,
    concurrency: options.concurrency,
    progressEveryMs: 5_000,
    onProgress: (progress) => context.log('load', { ...progress }),
    onAnswer: (command, milliseconds) => latencies.record(command, milliseconds),
  });
  const viewsCaughtUpAfterSeconds = await waitForViews(context, result.lastPosition);
  return {
    projects: plan.projects.length,
    commands: result.commands,
    failures: result.failures.length,
    concurrency: options.concurrency,
    seconds: Math.round(result.seconds * 10) / 10,
    commandsPerSecond: Math.round(result.rate * 10) / 10,
    latency: latencies.all.summary(),
    byCommand: latencies.summaries(),
    viewsCaughtUpAfterSeconds: Math.round(viewsCaughtUpAfterSeconds * 100) / 100,
    portfolio: summarize(plan),
    lastPosition: result.lastPosition,
    eventsInStore: sequenceOf(result.lastPosition),
  };
}

function sequenceOf(position: string | undefined): number | null {
  const parsed = position === undefined ? undefined : parsePosition(position);
  return parsed === undefined ? null : Number(parsed.prepare);
}
