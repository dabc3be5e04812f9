import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchContext } from '../workload.js';

export interface RebuildResult {
  state: string;
  /** From the request to the job's end (every view rebuilt and switched). */
  seconds: number;
  /** Events the longest projection replayed: the feed as the views see it. */
  feedEvents: number;
  feedEventsPerSecond: number;
  /** Events applied, summed over the projections (each replays the feed on its own). */
  eventsApplied: number;
  eventsAppliedPerSecond: number;
  projections: Record<string, { eventsDone: number; eventsPerSecond: number }>;
  error?: string;
}

/** POST /admin/read-models/rebuilds (every view), then follows the job until it is done. */
export async function measureRebuild(context: BenchContext, options: { timeoutSeconds: number }): Promise<RebuildResult> {
  const headers = { authorization: `Bearer ${context.tokens.ada}`, 'content-type': 'application/json' };
  const startedAt = performance.now();
  const started = await fetch(`${context.baseUrl}/admin/read-models/rebuilds`, { method: 'POST', headers, body: '{}' });
  const job = (await started.json()) as { id: string };
  if (started.status !== 202) throw new Error(`POST /admin/read-models/rebuilds answered ${started.status}: ${JSON.stringify(job)}`);
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let lastLog = 0;
  for (;;) {
    const reply = await fetch(`${context.baseUrl}/admin/read-models/rebuilds/${job.id}`, { headers });
    const body = (await reply.json()) as {
      state: string;
      error?: string;
      progress: Record<string, { eventsDone: number; eventsPerSecond: number; state: string }>;
    };
    const seconds = (performance.now() - startedAt) / 1000;
    if (body.state !== 'running' || Date.now() > deadline) {
      const projections = Object.fromEntries(
        Object.entries(body.progress ?? {}).map(([name, progress]) => [name, { eventsDone: progress.eventsDone, eventsPerSecond: progress.eventsPerSecond }]),
      );
      const done = Object.values(projections).map((progress) => progress.eventsDone);
      const feedEvents = Math.max(0, ...done);
      const eventsApplied = done.reduce((sum, count) => sum + count, 0);
      return {
        state: body.state === 'running' ? 'timed-out' : body.state,
        seconds: Math.round(seconds * 100) / 100,
        feedEvents,
        feedEventsPerSecond: Math.round(feedEvents / Math.max(seconds, 0.001)),
        eventsApplied,
        eventsAppliedPerSecond: Math.round(eventsApplied / Math.max(seconds, 0.001)),
        projections,
        ...(body.error ? { error: body.error } : {}),
      };
    }
    if (Date.now() - lastLog > 5_000) {
      lastLog = Date.now();
      context.log('rebuild', { seconds: Math.round(seconds), progress: body.progress });
    }
    await sleep(seconds < 2 ? 20 : 100);
  }
}
