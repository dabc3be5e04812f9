import { BACKWARDS, END, FORWARDS, START, type Direction, type ReadRevision } from '@eventstore/db-client';
import type { ReadStreamOptions, RecordedEvent } from '../event-store.port.js';

/**
 * `readStream`'s options as one EventStoreDB stream read plus what is taken from it (pure;
 * see stream-reads.spec.ts). The server reads from a revision (`START`, `END` or a bigint,
 * inclusive) in a direction (`FORWARDS`/`BACKWARDS`), at most `maxCount` events; the upper
 * bound `toRevision` and the instant `until` are applied here, while the events stream in.
 */

export interface StreamReadPlan {
  direction: Direction;
  fromRevision: ReadRevision;
  /** At most this many events are needed from the server; undefined: all there are. */
  maxCount: bigint | undefined;
}

/** The server read for these options, or undefined when they select nothing. */
export function planStreamRead(options: ReadStreamOptions): StreamReadPlan | undefined {
  const { fromRevision, toRevision, maxCount, until } = options;
  if (maxCount === 0) return undefined;
  if (options.direction === 'backwards') {
    // Going down from the lower of the two bounds: toRevision is an upper bound in stream order.
    const start = fromRevision === undefined ? toRevision : Math.min(fromRevision, toRevision ?? fromRevision);
    return {
      direction: BACKWARDS,
      fromRevision: start === undefined ? END : BigInt(start),
      // Events later than `until` are skipped on the way down, so they may be more than maxCount.
      maxCount: until === undefined && maxCount !== undefined ? BigInt(maxCount) : undefined,
    };
  }
  const from = fromRevision ?? 0;
  if (toRevision !== undefined && from > toRevision) return undefined;
  // Forwards the events taken are consecutive from `from`, so both bounds hold for the server too.
  const bounds = [maxCount, toRevision === undefined ? undefined : toRevision - from + 1].filter(
    (bound): bound is number => bound !== undefined,
  );
  return {
    direction: FORWARDS,
    fromRevision: fromRevision === undefined ? START : BigInt(fromRevision),
    maxCount: bounds.length === 0 ? undefined : BigInt(Math.min(...bounds)),
  };
}

/**
 * Takes the events of one stream read, in the order read, by the port's options:
 *
 * - `toRevision`: forwards, the read ends at the first event above it (backwards the read
 *   starts at or below it).
 * - `until` (on the port's `metadata.recordedAt`, never the server's `created`): every
 *   event recorded later is skipped, in both directions — exactly as the SQL adapter
 *   filters, even if a retried command left a stream's instants out of order.
 * - `maxCount`: the read ends once that many are taken.
 */
export class StreamReadCollector {
  readonly events: RecordedEvent[] = [];
  private readonly backwards: boolean;
  private readonly untilMs: number | undefined;

  constructor(private readonly options: ReadStreamOptions) {
    this.backwards = options.direction === 'backwards';
    this.untilMs = options.until === undefined ? undefined : Date.parse(options.until);
  }

  /** Offers the next event read; returns whether the read should go on. */
  offer(event: RecordedEvent): boolean {
    const { toRevision, maxCount } = this.options;
    if (toRevision !== undefined && event.revision > toRevision) return this.backwards;
    if (this.untilMs !== undefined && !(Date.parse(event.metadata.recordedAt) <= this.untilMs)) return true;
    if (maxCount !== undefined && this.events.length >= maxCount) return false;
    this.events.push(event);
    return maxCount === undefined || this.events.length < maxCount;
  }
}
