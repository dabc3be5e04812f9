import type { Position } from '@eventstore/db-client';
import type { AppendResult, ExpectedRevision, RecordedEvent } from '../event-store.port.js';
import type { GlobalPosition } from '../position.js';

/**
 * What an append's answer from the server means for the port (pure; see append-outcome.spec.ts).
 *
 * The append is one call with the caller's `expectedRevision`; EventStoreDB checks it and
 * deduplicates by event id on its side (its "idempotent write"):
 *
 * - exact revision or `NO_STREAM`: the server compares our ids with the events stored at
 *   the revisions the append would give them (its index, not a cache). All equal: nothing
 *   is written and it answers success *without a position*; some equal, or the first
 *   different: WrongExpectedVersion. So a retry at the same place is exactly a no-op.
 * - `ANY` / `STREAM_EXISTS`: ids are looked up in a bounded in-memory cache of recently
 *   written events only ("best effort" in the makers' words): an old retry, or one after a
 *   restart or a leader change, is written again.
 * - Nowhere does the server look for our ids elsewhere in the stream: the same ids sent
 *   with the stream's *current* revision are written a second time. The SQL adapters
 *   refuse that (a unique id); callers that may retry after reloading must look their ids
 *   up first (deterministic ids make that a read by id).
 *
 * The adapter reads only when the answer must be resolved: a success without a position
 * (which events did the server find? their positions are the original result), and a
 * WrongExpectedVersion for an exact place (are our ids the ones stored there? then it is a
 * retry the server did not recognise, answered as the SQL adapter answers it).
 */

/**
 * The position of the last event of a fresh append. The server reports the commit
 * position of the write, which is the log position of its last event record; an event
 * written by a gRPC append commits itself, so its position in `$all` is that offset for
 * both commit and prepare (positions.ts) — what the stream and the feed report for it.
 * Undefined when the server reported none (it wrote nothing: an idempotent write).
 */
export function lastWrittenPosition(position: Position | undefined): GlobalPosition | undefined {
  if (position === undefined || position.commit < 0n) return undefined;
  return { commit: position.commit, prepare: position.commit };
}

/**
 * The revision of the first event at the place an append with `expected` of `count`
 * events would have put them, when the place is fixed by `expected`; for `any` and
 * `stream_exists` it is known only from the server's answer (`lastRevision`).
 */
export function firstRevisionOfPlace(expected: ExpectedRevision, count: number, lastRevision?: number): number | undefined {
  if (expected === 'no_stream') return 0;
  if (typeof expected === 'number') return expected + 1;
  if (lastRevision === undefined) return undefined;
  const first = lastRevision - count + 1;
  return first >= 0 ? first : undefined;
}

/**
 * The original result when `stored` (read at the place) holds exactly our ids in our
 * order, else undefined (another append's events: a conflict).
 */
export function retriedResult(ids: readonly string[], stored: readonly RecordedEvent[], firstRevision: number): AppendResult | undefined {
  if (stored.length !== ids.length) return undefined;
  const same = stored.every(
    (event, index) => event.id.toLowerCase() === ids[index]!.toLowerCase() && event.revision === firstRevision + index,
  );
  if (!same) return undefined;
  const last = stored.at(-1)!;
  return { nextExpectedRevision: last.revision, position: last.position };
}

/** `stream_exists` is a retry only away from revision 0 (the port's rule, as judgeRetry). */
export function placeFitsExpectation(expected: ExpectedRevision, firstRevision: number): boolean {
  return expected !== 'stream_exists' || firstRevision > 0;
}
