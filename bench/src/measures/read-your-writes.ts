import { setTimeout as sleep } from 'node:timers/promises';
import { Latencies, type LatencySummary } from '../histogram.js';
import { makeRoomInEnvelopes, ProjectCursor, ProjectStream, type BenchContext } from '../workload.js';

export interface ReadYourWritesResult {
  targetCommandsPerSecond: number;
  /** Commands answered (any status) per second over the measure. */
  achievedCommandsPerSecond: number;
  commands: number;
  refusedCommands: number;
  /** Commands the schedule wanted to send while every lane still waited for an answer. */
  late: number;
  commandLatency: LatencySummary;
  /** From a command's answer to the answer of a query that waited for its position. */
  lag: LatencySummary;
  probes: number;
  /** Probes answered 503 views.not-caught-up (the view took longer than VIEW_WAIT_MS). */
  notCaughtUp: number;
  probeErrors: number;
}

/**
 * Read-your-writes lag under an open-loop command load: commands are sent on a fixed
 * schedule (`rate` per second, each lane a project's lifecycle in order); for one command
 * in `probeEvery`, as soon as it is answered, the project's card is asked for with the
 * position the command returned (`minPosition`). The lag is the time from the command's
 * answer to the card's: what a user waits to see their own write.
 */
export async function measureReadYourWrites(
  context: BenchContext,
  options: { rate: number; durationSeconds: number; lanes?: number; probeEvery?: number; round?: number },
): Promise<ReadYourWritesResult> {
  await makeRoomInEnvelopes(context);
  // Each round its own ids (BMRA, BMRB, …): rounds run against the same store.
  const stream = new ProjectStream(context.seed + 202 + (options.round ?? 0), `BMR${String.fromCharCode(65 + (options.round ?? 0))}`, context.today);
  const lanes = Array.from({ length: options.lanes ?? 64 }, () => ({ cursor: new ProjectCursor(stream), busy: false }));
  const probeEvery = Math.max(1, options.probeEvery ?? 4);
  const commandLatency = new Latencies();
  const lag = new Latencies();
  let commands = 0;
  let refused = 0;
  let late = 0;
  let issued = 0;
  let probes = 0;
  let notCaughtUp = 0;
  let probeErrors = 0;
  const inFlight = new Set<Promise<void>>();
  const track = (promise: Promise<void>) => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
  };

  const probe = async (projectId: string, position: string, answeredAt: number) => {
    probes += 1;
    try {
      const reply = await fetch(`${context.baseUrl}/portfolio/${projectId}?minPosition=${encodeURIComponent(position)}`, {
        headers: { authorization: `Bearer ${context.tokens.aurelia}` },
      });
      await reply.text();
      if (reply.status === 200) lag.record(performance.now() - answeredAt);
      else if (reply.status === 503) notCaughtUp += 1;
      else probeErrors += 1;
    } catch {
      probeErrors += 1;
    }
  };

  const send = async (lane: (typeof lanes)[number]) => {
    lane.busy = true;
    const { step, projectId } = lane.cursor.next();
    const sentAt = performance.now();
    try {
      const reply = await fetch(`${context.baseUrl}${step.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${context.tokens[step.actor]}`, 'content-type': 'application/json' },
        body: JSON.stringify(step.body),
      });
      const text = await reply.text();
      const answeredAt = performance.now();
      commands += 1;
      commandLatency.record(answeredAt - sentAt);
      if (reply.status >= 300) {
        refused += 1;
        lane.cursor.abandonProject();
      } else if (commands % probeEvery === 0) {
        const position = /"position":"([^"]+)"/.exec(text)?.[1];
        if (position) track(probe(projectId, position, answeredAt));
      }
    } catch {
      refused += 1;
      lane.cursor.abandonProject();
    } finally {
      lane.busy = false;
    }
  };

  const startedAt = performance.now();
  const endAt = startedAt + options.durationSeconds * 1000;
  while (performance.now() < endAt) {
    const due = Math.floor(((performance.now() - startedAt) / 1000) * options.rate);
    while (issued < due) {
      issued += 1;
      const lane = lanes.find((candidate) => !candidate.busy);
      if (lane) track(send(lane));
      else late += 1;
    }
    await sleep(2);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const answeredInTime = commands;
  const settleBy = Date.now() + 30_000;
  while (inFlight.size > 0 && Date.now() < settleBy) await Promise.race([...inFlight, sleep(100)]);
  return {
    targetCommandsPerSecond: options.rate,
    achievedCommandsPerSecond: Math.round((answeredInTime / seconds) * 10) / 10,
    commands,
    refusedCommands: refused,
    late,
    commandLatency: commandLatency.summary(),
    lag: lag.summary(),
    probes,
    notCaughtUp,
    probeErrors,
  };
}
