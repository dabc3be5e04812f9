import type { ExpectedRevision } from './event-store.port.js';

/** Where an event with one of the appended ids is already stored. */
export interface StoredEventPlace {
  id: string;
  streamId: string;
  revision: number;
}

/**
 * Decides whether an append whose ids are (partly) stored already is a retry of an
 * earlier, successful append — the writer timed out and sent it again — or a conflict.
 *
 * - `new`: none of the ids is stored; append normally.
 * - `retry`: every id is stored in this stream, in the same order, at consecutive
 *   revisions where this append would have put them: right after `expected` for a
 *   number, from 0 for `no_stream`, anywhere for `any`, anywhere but 0 for
 *   `stream_exists`. The caller returns the original result and writes nothing.
 * - `conflict`: anything else (some ids only, other revisions, another stream); the
 *   caller throws `WrongExpectedRevisionError`.
 *
 * `found` are the stored places of the ids, in any order.
 */
export function judgeRetry(
  streamId: string,
  ids: readonly string[],
  found: readonly StoredEventPlace[],
  expected: ExpectedRevision,
): 'new' | 'retry' | 'conflict' {
  if (found.length === 0) return 'new';
  if (found.length !== ids.length) return 'conflict';
  const byId = new Map(found.map((place) => [place.id.toLowerCase(), place]));
  const places = ids.map((id) => byId.get(id.toLowerCase()));
  const first = places[0];
  if (first === undefined) return 'conflict';
  const consecutive = places.every(
    (place, index) => place !== undefined && place.streamId === streamId && place.revision === first.revision + index,
  );
  if (!consecutive) return 'conflict';
  const atTheRightPlace =
    expected === 'any' ||
    (expected === 'no_stream' && first.revision === 0) ||
    (expected === 'stream_exists' && first.revision > 0) ||
    (typeof expected === 'number' && first.revision === expected + 1);
  return atTheRightPlace ? 'retry' : 'conflict';
}
