import { START, type Position, type ReadPosition } from '@eventstore/db-client';
import { comparePositions, type GlobalPosition } from '../position.js';

/**
 * EventStoreDB positions ↔ the port's `GlobalPosition` (pure; see positions.spec.ts).
 *
 * An EventStoreDB position is a pair of offsets in its transaction log, `{ commit, prepare }`
 * as bigints in @eventstore/db-client 6.x (`Position` in `dist/types/index.d.ts`), ordered
 * by commit then prepare — exactly the port's `GlobalPosition`, so the mapping is the
 * identity on values. Every event this adapter writes commits itself (one gRPC append is
 * one implicit transaction), and the server gives such an event commit = prepare = the
 * offset of its own record, whether it is read from its stream or from `$all`
 * (`ResolvedEvent.EventPosition` → `TFPos(LogPosition, LogPosition)` for a self-committed
 * event in the server, and `CommitEventRecord(event, prepare.LogPosition)` in its `$all`
 * reader). Stream reads carry positions only from server 22.6 on
 * (`RecordedEvent.position`: "Only returned on server versions later than 22.6.0").
 */

/**
 * What a server sends for "no position" (its `Position.End`, uint64 max): an event read
 * from its stream on a server older than 22.6, or one committed by a legacy transaction.
 */
export const NO_POSITION = 2n ** 64n - 1n;

/** The event's position as the port's; throws when the server did not send a usable one. */
export function toGlobalPosition(position: Position | undefined, what: string): GlobalPosition {
  if (
    position === undefined ||
    position.commit < 0n ||
    position.prepare < 0n ||
    position.commit >= NO_POSITION ||
    position.prepare >= NO_POSITION
  ) {
    throw new Error(
      `EventStoreDB returned no position for ${what}: this adapter needs EventStoreDB 22.6 or later ` +
        '(stream reads carry positions from that version on)',
    );
  }
  return { commit: position.commit, prepare: position.prepare };
}

/**
 * Where a forward read of `$all` starts for "strictly after `after`". EventStoreDB reads
 * forwards from a position *inclusively*, so the event at `after` itself comes back first
 * and the caller drops it (`isStrictlyAfter`). No position, or the port's `START`
 * (-1, -1), reads from the very start of the log.
 */
export function toReadPosition(after: GlobalPosition | undefined): ReadPosition {
  if (after === undefined || after.commit < 0n || after.prepare < 0n) return START;
  return { commit: after.commit, prepare: after.prepare };
}

/** Whether a position is strictly after `after` (everything is after no position). */
export function isStrictlyAfter(position: GlobalPosition, after: GlobalPosition | undefined): boolean {
  return after === undefined || comparePositions(position, after) > 0;
}
