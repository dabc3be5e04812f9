import type { RecordedEvent } from '../event-store.port.js';
import { firstRevisionOfPlace, lastWrittenPosition, placeFitsExpectation, retriedResult } from './append-outcome.js';

function stored(id: string, revision: number): RecordedEvent {
  const offset = BigInt(1_000 + revision * 100);
  return {
    id,
    streamId: 'envelope-2026-1',
    revision,
    position: { commit: offset, prepare: offset },
    type: 'FundsReserved',
    data: {},
    metadata: {} as RecordedEvent['metadata'],
  };
}

describe('what the server’s answer to an append means', () => {
  it('takes the reported commit position as the last event’s own position in $all', () => {
    // A 3-event write: the server reports (last record, first record); the last event is at (last, last).
    expect(lastWrittenPosition({ commit: 5_400n, prepare: 5_000n })).toEqual({ commit: 5_400n, prepare: 5_400n });
  });

  it('knows a deduplicated write by its missing position', () => {
    expect(lastWrittenPosition(undefined)).toBeUndefined();
    expect(lastWrittenPosition({ commit: -1n, prepare: -1n })).toBeUndefined();
  });

  it('finds the place an append would have taken from its expectation, or from the server’s answer', () => {
    expect(firstRevisionOfPlace('no_stream', 2)).toBe(0);
    expect(firstRevisionOfPlace(4, 2)).toBe(5);
    expect(firstRevisionOfPlace('any', 3)).toBeUndefined();
    expect(firstRevisionOfPlace('any', 3, 7)).toBe(5);
    expect(firstRevisionOfPlace('stream_exists', 2, 2)).toBe(1);
    // The same two ids in another order, found in the server's cache: the last id is at 0.
    expect(firstRevisionOfPlace('any', 2, 0)).toBeUndefined();
  });

  it('answers a retry with the original result: the last stored event’s revision and position', () => {
    const result = retriedResult(['A', 'b'], [stored('a', 3), stored('B', 4)], 3);
    expect(result).toEqual({ nextExpectedRevision: 4, position: { commit: 1_400n, prepare: 1_400n } });
  });

  it('calls anything else at the place a conflict: other ids, another order, fewer, elsewhere', () => {
    expect(retriedResult(['a', 'b'], [stored('a', 3), stored('c', 4)], 3)).toBeUndefined();
    expect(retriedResult(['a', 'b'], [stored('b', 3), stored('a', 4)], 3)).toBeUndefined();
    expect(retriedResult(['a', 'b'], [stored('a', 3)], 3)).toBeUndefined();
    expect(retriedResult(['a', 'b'], [stored('a', 5), stored('b', 6)], 3)).toBeUndefined();
  });

  it('never calls a write at revision 0 a retry of stream_exists', () => {
    expect(placeFitsExpectation('stream_exists', 0)).toBe(false);
    expect(placeFitsExpectation('stream_exists', 1)).toBe(true);
    expect(placeFitsExpectation('no_stream', 0)).toBe(true);
  });
});
