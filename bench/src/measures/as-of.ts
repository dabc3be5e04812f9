import { Latencies, type LatencySummary } from '../histogram.js';
import type { BenchContext } from '../workload.js';

/** The two questions an auditor asks most as of an instant. */
const QUESTIONS = {
  fundingSummary: '/funding/summary?groupBy=region',
  portfolioPage: '/portfolio?limit=50&sort=projectId',
} as const;

export interface AsOfAsk {
  instant: string;
  question: keyof typeof QUESTIONS;
  /** The first ask for the instant: the fold (from the nearest snapshot) and the query. */
  coldMs: number;
}

export interface AsOfResult {
  /** First asks, in order: the end of the load (a fold of the whole feed from the start), then mid-load (from a snapshot). */
  cold: AsOfAsk[];
  /** The same instants asked again, one request at a time, alternating the two questions. */
  warm: Record<keyof typeof QUESTIONS, LatencySummary>;
}

/**
 * Views as of an instant (docs/adr/0020): the funding summary and a portfolio page, first at
 * the instant the load ended (nothing folded yet: the whole feed), then at the instant the
 * load was half done (a fold that may start from a snapshot the first one left), each first
 * ask timed alone; then `warmAsks` more asks of both instants, one at a time.
 */
export async function measureAsOf(
  context: BenchContext,
  options: { loadStartedAt: string; loadEndedAt: string; warmAsks: number },
): Promise<AsOfResult> {
  const headers = { authorization: `Bearer ${context.tokens.aurelia}` };
  const ask = async (question: keyof typeof QUESTIONS, instant: string): Promise<number> => {
    const started = performance.now();
    const reply = await fetch(`${context.baseUrl}${QUESTIONS[question]}&asOf=${instant}`, { headers });
    await reply.arrayBuffer();
    if (reply.status !== 200) throw new Error(`${QUESTIONS[question]} as of ${instant} answered ${reply.status}`);
    return performance.now() - started;
  };
  const middle = new Date((Date.parse(options.loadStartedAt) + Date.parse(options.loadEndedAt)) / 2).toISOString();
  const cold: AsOfAsk[] = [];
  for (const instant of [options.loadEndedAt, middle]) {
    for (const question of ['fundingSummary', 'portfolioPage'] as const) {
      const coldMs = Math.round((await ask(question, instant)) * 100) / 100;
      cold.push({ instant, question, coldMs });
      context.log('as-of', { instant, question, coldMs });
    }
  }
  const warm = { fundingSummary: new Latencies(), portfolioPage: new Latencies() };
  for (let index = 0; index < options.warmAsks; index += 1) {
    const instant = index % 2 === 0 ? options.loadEndedAt : middle;
    for (const question of ['fundingSummary', 'portfolioPage'] as const) warm[question].record(await ask(question, instant));
  }
  return { cold, warm: { fundingSummary: warm.fundingSummary.summary(), portfolioPage: warm.portfolioPage.summary() } };
}
